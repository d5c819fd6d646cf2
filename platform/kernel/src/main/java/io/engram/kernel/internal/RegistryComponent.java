package io.engram.kernel.internal;

import io.engram.api.Application;
import io.engram.api.Loss;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.StepwiseLoss;
import io.engram.api.Trainer;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import io.engram.tensor.Backend;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Tracks every {@link NetworkFamily}, {@link Trainer}, {@link Application}, {@link Backend} and
 * {@link Loss} service through dynamic multiple references and lists them as {@link PluginInfo}s.
 *
 * <p>Lifecycle: SCR constructs the component, then calls the {@code add*} methods for each matching
 * service already registered and later ones as they appear, and the {@code remove*} methods as they
 * go, on its own threads, concurrently with readers. A plugin's id is its whiteboard property
 * ({@link PluginProperties}), falling back to the service's own {@code id()}; its capabilities are
 * the {@link PluginProperties#CAPABILITIES} property, falling back to what the service declares
 * (nothing, for an application); the kinds of task an application provides and a trainer trains on
 * are its {@link PluginProperties#PROVIDES} or {@link PluginProperties#TRAINS_ON} property, falling
 * back to {@link Application#provides()} or {@link Trainer#trainsOn()}.
 * Thread-safe. Registered as {@link PluginRegistry} only; see {@link #SELF}.
 */
@Component(service = PluginRegistry.class, immediate = true)
public final class RegistryComponent implements PluginDirectory {

    /**
     * Target filter by which the kernel's other components reference this component's
     * {@link PluginRegistry} service and then use it as the {@link PluginDirectory} it is; the
     * kernel-internal interface never appears in the service registry.
     */
    public static final String SELF = "(component.name=io.engram.kernel.internal.RegistryComponent)";

    private final PluginTable table;

    @Activate
    public RegistryComponent() {
        this.table = new PluginTable();
    }

    @Reference(service = NetworkFamily.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeFamily")
    void addFamily(ServiceReference<NetworkFamily> ref, NetworkFamily family) {
        add(ref, PluginKind.FAMILY, PluginProperties.FAMILY, family, family::id, family::capabilities);
    }

    void removeFamily(ServiceReference<NetworkFamily> ref) {
        remove(ref);
    }

    @Reference(service = Trainer.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeTrainer")
    void addTrainer(ServiceReference<Trainer> ref, Trainer trainer) {
        add(ref, PluginKind.TRAINER, PluginProperties.TRAINER, trainer, trainer::id, trainer::requires,
                PluginProperties.TRAINS_ON, trainer::trainsOn);
    }

    void removeTrainer(ServiceReference<Trainer> ref) {
        remove(ref);
    }

    @Reference(service = Application.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeApplication")
    void addApplication(ServiceReference<Application> ref, Application app) {
        add(ref, PluginKind.APPLICATION, PluginProperties.APPLICATION, app, app::id, Set::of,
                PluginProperties.PROVIDES, app::provides);
    }

    void removeApplication(ServiceReference<Application> ref) {
        remove(ref);
    }

    @Reference(service = Backend.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeBackend")
    void addBackend(ServiceReference<Backend> ref, Backend backend) {
        add(ref, PluginKind.BACKEND, PluginProperties.BACKEND, backend, backend::id, Set::of);
    }

    void removeBackend(ServiceReference<Backend> ref) {
        remove(ref);
    }

    @Reference(service = Loss.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeLoss")
    void addLoss(ServiceReference<Loss> ref, Loss loss) {
        add(ref, PluginKind.LOSS, PluginProperties.LOSS, loss, loss::id, () -> Set.of(scope(loss)));
    }

    void removeLoss(ServiceReference<Loss> ref) {
        remove(ref);
    }

    /** {@code per-step} for a {@link StepwiseLoss}, else {@code whole-sequence}: what a loss row shows. */
    static String scope(Loss loss) {
        return loss instanceof StepwiseLoss ? "per-step" : "whole-sequence";
    }

    private void add(ServiceReference<?> ref, PluginKind kind, String idProperty, Object service,
                     Supplier<String> ownId, Supplier<Set<String>> ownCapabilities) {
        add(ref, kind, idProperty, service, ownId, ownCapabilities, null, Set::of);
    }

    /** Adds a service whose kinds of task are the {@code tasksProperty}, falling back to {@code ownTasks}. */
    private void add(ServiceReference<?> ref, PluginKind kind, String idProperty, Object service,
                     Supplier<String> ownId, Supplier<Set<String>> ownCapabilities, String tasksProperty,
                     Supplier<Set<String>> ownTasks) {
        Object idValue = ref.getProperty(idProperty);
        String id = idValue == null || idValue.toString().isBlank() ? ownId.get() : idValue.toString().trim();
        Object caps = ref.getProperty(PluginProperties.CAPABILITIES);
        Set<String> capabilities = caps == null ? ownCapabilities.get() : split(caps);
        Bundle bundle = ref.getBundle();
        String name = bundle == null ? "" : bundle.getSymbolicName();
        String version = bundle == null ? "0.0.0" : bundle.getVersion().toString();
        long bundleId = bundle == null ? -1 : bundle.getBundleId();
        Object taskValue = tasksProperty == null ? null : ref.getProperty(tasksProperty);
        Set<String> tasks = taskValue == null ? ownTasks.get() : split(taskValue);
        table.add(new PluginTable.Entry(serviceId(ref), kind, id, name, version, bundleId, capabilities, service,
                tasks));
    }

    private void remove(ServiceReference<?> ref) {
        table.remove(serviceId(ref));
    }

    private static long serviceId(ServiceReference<?> ref) {
        return ((Number) ref.getProperty(Constants.SERVICE_ID)).longValue();
    }

    static Set<String> split(Object value) {
        Collection<?> parts;
        if (value instanceof String[]) {
            parts = Arrays.asList((String[]) value);
        } else if (value instanceof Collection) {
            parts = (Collection<?>) value;
        } else {
            parts = Arrays.asList(value.toString().split(","));
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object p : parts) {
            for (String s : p.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    @Override
    public List<PluginInfo> plugins() {
        return table.plugins();
    }

    @Override
    public Optional<PluginInfo> find(PluginKind kind, String id, String versionRange) {
        return table.find(kind, id, versionRange);
    }

    @Override
    public Optional<Plugin> resolve(PluginKind kind, String id, String versionRange) {
        return table.resolve(kind, id, versionRange);
    }

    @Override
    public List<Plugin> all(PluginKind kind, String id) {
        return table.all(kind, id);
    }
}
