package io.engram.launcher.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The components that SCR could not activate, read from its {@code ServiceComponentRuntime} DTOs
 * (state {@code FAILED_ACTIVATION}, with the {@code failure} text). The launcher does not share
 * the DS runtime API with the framework, so the service is read through its public interface by
 * reflection, with JDK types only. Stateless; thread-safe.
 */
final class ComponentFailures {

    static final String SCR = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    /** {@code ComponentConfigurationDTO.FAILED_ACTIVATION}. */
    static final int FAILED_ACTIVATION = 16;

    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^([\\w$]+\\.)*[\\w$]*(Exception|Error): ");
    /** A class name alone: an exception without a message. */
    private static final Pattern EXCEPTION_ONLY = Pattern.compile("^([\\w$]+\\.)*[\\w$]*(Exception|Error|Throwable)$");
    /** Exceptions that only wrap the component's own. */
    private static final Pattern WRAPPER = Pattern.compile(
            "^(java\\.lang\\.reflect\\.InvocationTargetException|org\\.osgi\\.service\\.component\\.ComponentException)\\b");
    private static final String CAUSED_BY = "Caused by: ";

    /**
     * A component that failed to activate.
     *
     * @param name     the component's name
     * @param bundle   its bundle's symbolic name
     * @param services the service interfaces it would register
     * @param reason   the first line of the failure, without the exception's class name
     */
    record Failure(String name, String bundle, List<String> services, String reason) {

        /** {@code the component NAME (bundle BSN) failed to activate: REASON}. */
        String describe() {
            return "the component " + name + " (bundle " + bundle + ") failed to activate: " + reason;
        }
    }

    private ComponentFailures() {
    }

    /** Every component in state FAILED_ACTIVATION now; empty when SCR is not running. */
    static List<Failure> of(BundleContext context) {
        ServiceReference<?> ref = context.getServiceReference(SCR);
        if (ref == null) {
            return List.of();
        }
        Object scr = context.getService(ref);
        if (scr == null) {
            return List.of();
        }
        try {
            Class<?> api = apiOf(scr.getClass());
            Method descriptions = api.getMethod("getComponentDescriptionDTOs", Bundle[].class);
            Method configurations = Arrays.stream(api.getMethods())
                    .filter(m -> m.getName().equals("getComponentConfigurationDTOs")).findFirst().orElseThrow();
            List<Failure> failures = new ArrayList<>();
            for (Object d : (Collection<?>) descriptions.invoke(scr, (Object) new Bundle[0])) {
                for (Object c : (Collection<?>) configurations.invoke(scr, d)) {
                    if (((Number) field(c, "state")).intValue() == FAILED_ACTIVATION) {
                        failures.add(failure(d, c));
                    }
                }
            }
            return failures;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return List.of();
        } finally {
            context.ungetService(ref);
        }
    }

    private static Failure failure(Object description, Object configuration) throws ReflectiveOperationException {
        Object bundle = field(description, "bundle");
        String[] services = (String[]) field(description, "serviceInterfaces");
        return new Failure(String.valueOf(field(description, "name")), String.valueOf(field(bundle, "symbolicName")),
                services == null ? List.of() : List.of(services), reason((String) field(configuration, "failure")));
    }

    /**
     * The reason in a failure text (a stack trace): the message of the outermost exception that has
     * one, skipping the wrappers that reflection and DS put around a constructor's exception, without
     * the exception's class name.
     */
    static String reason(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        List<String> heads = new ArrayList<>();
        failure.strip().lines().map(String::strip).forEach(line -> {
            if (heads.isEmpty()) {
                heads.add(line);
            } else if (line.startsWith(CAUSED_BY)) {
                heads.add(line.substring(CAUSED_BY.length()));
            }
        });
        for (String head : heads) {
            if (!WRAPPER.matcher(head).find() && !EXCEPTION_ONLY.matcher(head).matches()) {
                return EXCEPTION_PREFIX.matcher(head).replaceFirst("");
            }
        }
        return heads.get(0);
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        Field f = dto.getClass().getField(name);
        return f.get(dto);
    }

    private static Class<?> apiOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(SCR)) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("no " + SCR + " on " + type);
    }
}
