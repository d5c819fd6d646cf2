package io.engram.cli.internal;

import io.engram.cli.VerbCall;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import io.engram.tensor.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram plugins [ID]}: without an id, prints every registered plugin as a table with the columns id, kind,
 * version, bundle, capabilities and available (with the reason when a plugin cannot run here; for
 * a backend that names its BLAS in {@code Backend.describe()}, the library, its source and threads,
 * such as {@code yes (BLAS: OpenBLAS 0.3.31, bundled, 1 thread)}), and under the table the BLAS of each
 * backend with the bundle that ships it ({@link #blasFooter}); with an id, that plugin's
 * description and the spec keys of its schema ({@link PluginDetails}). Stateless and thread-safe.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=plugins")
public final class PluginsVerb implements Function<Map<String, Object>, Integer> {

    static final List<String> HEADER = List.of("ID", "KIND", "VERSION", "BUNDLE", "CAPABILITIES", "AVAILABLE");

    private final PluginRegistry registry;
    private final BundleContext context;

    @Activate
    public PluginsVerb(@Reference PluginRegistry registry, BundleContext context) {
        this.registry = registry;
        this.context = context;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        List<PluginInfo> plugins = registry.plugins();
        if (!call.args().isEmpty()) {
            return details(call, plugins, call.args().get(0));
        }
        if (plugins.isEmpty()) {
            call.out().println("no plugins registered");
        } else {
            call.out().print(table(plugins, this::describe));
            call.out().print(blasFooter(plugins, this::describe, this::bundleVersion));
        }
        call.out().flush();
        return VerbCall.OK;
    }

    /** {@code engram plugins ID}: the plugin's schema, or an error naming the nearest id (exit 2). */
    private static int details(VerbCall call, List<PluginInfo> plugins, String id) {
        List<PluginInfo> matches = plugins.stream().filter(p -> p.id().equals(id)).toList();
        if (matches.isEmpty()) {
            List<String> near = PluginDetails.nearest(id, plugins);
            call.err().println("engram: no plugin '" + id + "'" + (near.isEmpty() ? "" : "; did you mean "
                    + String.join(" or ", near) + "?") + " ('engram plugins' lists them)");
            call.err().flush();
            return VerbCall.BAD_INPUT;
        }
        call.out().print(PluginDetails.describe(matches));
        call.out().flush();
        return VerbCall.OK;
    }

    /** The table, one line per plugin in the registry's order, columns padded to their widest cell. */
    static String table(List<PluginInfo> plugins) {
        return table(plugins, p -> Map.of());
    }

    /** The table, {@code describe} giving a backend's {@code Backend.describe()}. */
    static String table(List<PluginInfo> plugins, Function<PluginInfo, Map<String, String>> describe) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PluginInfo p : plugins) {
            String capabilities = p.capabilities().isEmpty() ? "-" : String.join(",", p.capabilities().stream().sorted().toList());
            String available = p.available() ? "yes" + blas(describe.apply(p))
                    : "no: " + (p.reason() == null || p.reason().isBlank() ? "unavailable" : p.reason());
            rows.add(List.of(p.id(), p.kind().label(), p.version(), p.bundle(), capabilities, available));
        }
        return Text.columns(rows);
    }

    /** The bundle that ships the OpenBLAS natives of the bundled BLAS. */
    static final String OPENBLAS_BUNDLE = "io.engram.openblas";

    /**
     * A line under the table per available backend that names its BLAS ({@code blas.library}), and
     * for the bundled one the bundle that ships it:
     * {@code BLAS of backend cpu: OpenBLAS 0.3.31 (bundled, org.bytedeco:openblas 0.3.31-1.5.13), bundle io.engram.openblas 0.2.0};
     * empty when no backend names one.
     */
    static String blasFooter(List<PluginInfo> plugins, Function<PluginInfo, Map<String, String>> describe,
                             Function<String, java.util.Optional<String>> bundleVersion) {
        StringBuilder sb = new StringBuilder();
        for (PluginInfo p : plugins) {
            if (p.kind() != PluginKind.BACKEND || !p.available()) {
                continue;
            }
            Map<String, String> d = describe.apply(p);
            String library = d.get("blas.library");
            if (library == null || library.isBlank()) {
                continue;
            }
            sb.append(sb.length() == 0 ? "\n" : "").append("BLAS of backend ").append(p.id()).append(": ").append(library);
            if ("bundled".equals(d.get("blas.source"))) {
                sb.append(", bundle ").append(OPENBLAS_BUNDLE).append(' ')
                        .append(bundleVersion.apply(OPENBLAS_BUNDLE).orElse("(not installed)"));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The version of the installed bundle named {@code symbolicName}, the highest when several are. */
    private java.util.Optional<String> bundleVersion(String symbolicName) {
        return java.util.Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .map(org.osgi.framework.Bundle::getVersion).max(java.util.Comparator.naturalOrder()).map(Object::toString);
    }

    /** {@code " (BLAS: OpenBLAS 0.3.31, bundled, 1 thread)"} from a backend's description, or empty. */
    static String blas(Map<String, String> d) {
        String name = d.get("blas.name");
        if (name == null || name.isBlank()) {
            return "";
        }
        String version = d.getOrDefault("blas.version", "unknown");
        String threads = d.get("blas.threads");
        return " (BLAS: " + name + ("unknown".equals(version) || version.isBlank() ? "" : " " + version)
                + (d.containsKey("blas.source") ? ", " + d.get("blas.source") : "")
                + (threads == null ? "" : ", " + threads + ("1".equals(threads) ? " thread" : " threads")) + ")";
    }

    /** The {@code describe()} of the backend service that {@code p} stands for; empty for other plugins. */
    private Map<String, String> describe(PluginInfo p) {
        if (p.kind() != PluginKind.BACKEND) {
            return Map.of();
        }
        try {
            for (ServiceReference<Backend> ref : context.getServiceReferences(Backend.class,
                    "(engram.backend=" + p.id() + ")")) {
                if (ref.getBundle() == null || ref.getBundle().getBundleId() != p.bundleId()) {
                    continue;
                }
                Backend backend = context.getService(ref);
                if (backend != null) {
                    try {
                        return backend.describe();
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException | RuntimeException e) {
            return Map.of();
        }
        return Map.of();
    }
}
