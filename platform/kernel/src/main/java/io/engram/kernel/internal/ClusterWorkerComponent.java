package io.engram.kernel.internal;

import io.engram.kernel.PluginRegistry;
import io.engram.kernel.spi.ClusterProtocol;
import io.vavr.control.Either;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * The kernel's side of a cluster's workers ({@link ClusterProtocol}): a cluster runner calls it on
 * each executor with {@link ClusterProtocol#SHARD_GRADIENTS} or {@link ClusterProtocol#CANDIDATE}.
 * A job's spec is resolved once per process and kept ({@link ClusterTask}) for the few most recent
 * jobs. Registered as a {@code Function} with {@link ClusterProtocol#WORKER}; reads the kernel's
 * configuration ({@code io.engram.kernel}) for its data roots. Thread-safe: executors call it from
 * many task threads at once.
 */
@Component(service = Function.class, property = ClusterProtocol.WORKER + "=kernel",
        configurationPid = "io.engram.kernel", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ClusterWorkerComponent implements Function<Map<String, Object>, Object> {
    /** Jobs kept resolved at once. */
    static final int KEPT = 4;

    private final SpecValidator validator;
    private final PluginDirectory plugins;
    private final Map<String, ClusterTask> jobs = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ClusterTask> eldest) {
            return size() > KEPT;
        }
    };

    @Activate
    public ClusterWorkerComponent(@Reference(target = RegistryComponent.SELF) PluginRegistry plugins,
                                  JobManagerConfiguration config) {
        this.plugins = (PluginDirectory) plugins;
        this.validator = new SpecValidator(this.plugins, config);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object apply(Map<String, Object> request) {
        String op = ClusterTask.value(request, ClusterProtocol.OP, String.class);
        ClusterTask task = task(request);
        return switch (op) {
            case ClusterProtocol.SHARD_GRADIENTS -> task.shardGradients(
                    ClusterTask.value(request, ClusterProtocol.PARAMS, byte[].class),
                    ClusterTask.value(request, ClusterProtocol.SEQUENCES, List.class),
                    ClusterTask.value(request, ClusterProtocol.SEED, Long.class));
            case ClusterProtocol.CANDIDATE -> task.candidate(
                    ClusterTask.value(request, ClusterProtocol.PARAMS, byte[].class),
                    ClusterTask.value(request, ClusterProtocol.INDEX, Integer.class),
                    ClusterTask.value(request, ClusterProtocol.SEED, Long.class),
                    ClusterTask.value(request, ClusterProtocol.EPISODES, Integer.class),
                    (String) request.get(ClusterProtocol.DATA_KEY),
                    (List<byte[]>) request.getOrDefault(ClusterProtocol.SEQUENCES, List.of()));
            default -> throw new IllegalArgumentException("cluster worker: unknown operation '" + op + "'");
        };
    }

    @SuppressWarnings("unchecked")
    private ClusterTask task(Map<String, Object> request) {
        String job = ClusterTask.value(request, ClusterProtocol.JOB, String.class);
        synchronized (jobs) {
            ClusterTask known = jobs.get(job);
            if (known != null) {
                return known;
            }
            Either<String, ClusterTask> made = ClusterTask.of(validator, plugins,
                    ClusterTask.value(request, ClusterProtocol.SPEC, Map.class),
                    ClusterTask.value(request, ClusterProtocol.SIZES, int[].class),
                    (String) request.get(ClusterProtocol.LOSS));
            if (made.isLeft()) {
                throw new IllegalStateException(made.getLeft());
            }
            jobs.put(job, made.get());
            return made.get();
        }
    }
}
