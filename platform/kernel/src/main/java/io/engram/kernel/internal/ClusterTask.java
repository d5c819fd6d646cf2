package io.engram.kernel.internal;

import io.engram.api.Dataset;
import io.engram.api.Environment;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.api.Trainer;
import io.engram.kernel.PluginKind;
import io.engram.kernel.spi.ClusterProtocol;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.CandidateScores;
import io.engram.train.GradientTrainer;
import io.engram.train.LossAndGradients;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One job as a cluster's worker holds it: the spec resolved again on the worker (the same plugins,
 * found in this process's registry), the network the family makes of it, the loss and the trainer's
 * gradient method, and the environment or datasets that candidates are scored on, made when first
 * asked for. The network is only read ({@link Network#step}); parameters come with each request.
 * Thread-safe: the executor's task threads share one instance per job.
 */
final class ClusterTask {
    private final ResolvedSpec spec;
    private final Network network;
    private final Backend backend;
    private final Loss loss;
    private final int inputSize;
    private final int outputSize;
    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
    private volatile Environment environment;

    private ClusterTask(ResolvedSpec spec, Network network, Backend backend, Loss loss, int inputSize,
                        int outputSize) {
        this.spec = spec;
        this.network = network;
        this.backend = backend;
        this.loss = loss;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
    }

    /** The job of a worker request, or why the spec does not resolve here. */
    static Either<String, ClusterTask> of(SpecValidator validator, PluginDirectory plugins, Map<String, String> given,
                                         int[] sizes, String lossId) {
        Validation<Seq<Problem>, ResolvedSpec> checked = validator.validate(given);
        if (checked.isInvalid()) {
            return Either.left("the job's spec does not resolve on this worker: " + checked.getError().mkString("; "));
        }
        ResolvedSpec r = checked.get();
        ModelSpec model = new ModelSpec(r.family().id(), sizes[0], sizes[1], r.dtype(), r.model());
        Backend backend = r.backend().as(Backend.class);
        Network network = r.family().as(NetworkFamily.class).create(model, backend, r.seed());
        Loss loss = null;
        if (lossId != null && !lossId.isEmpty()) {
            Plugin p = plugins.resolve(PluginKind.LOSS, lossId, "").orElse(null);
            if (p == null) {
                return Either.left("the loss '" + lossId + "' is not installed on this worker");
            }
            loss = LossChoice.loss(p);
        }
        return Either.right(new ClusterTask(r, network, backend, loss, sizes[0], sizes[1]));
    }

    /**
     * The loss summed over {@code sequences}, its number of terms and the gradient sums of the
     * trainable parameters in the parameters' order, one {@code double[]}.
     */
    double[] shardGradients(byte[] params, List<byte[]> sequences, long seed) {
        Trainer trainer = spec.trainer().as(Trainer.class);
        if (!(trainer instanceof GradientTrainer gradients)) {
            throw new IllegalStateException("trainer '" + spec.trainer().id() + "' does not say how it computes gradients");
        }
        Ops ops = backend.ops();
        try {
            Map<String, Tensor> p = Wire.parameters(params, ops, spec.dtype());
            Dataset data = Wire.dataset(sequences, inputSize, outputSize);
            LossAndGradients r = gradients.gradientMethod(spec.training()).compute(ops, network, p,
                    data.batches(data.size()).get(0), loss, seed);
            Set<String> trainable = network.trainable();
            int size = 2;
            for (Map.Entry<String, Tensor> e : p.entrySet()) {
                size += trainable.contains(e.getKey()) ? e.getValue().shape().size() : 0;
            }
            double[] out = new double[size];
            out[0] = r.loss() * r.targets();
            out[1] = r.targets();
            int at = 2;
            for (Map.Entry<String, Tensor> e : p.entrySet()) {
                if (!trainable.contains(e.getKey())) {
                    continue;
                }
                double[] g = r.gradients().get(e.getKey()).toDoubleArray();
                for (double v : g) {
                    out[at++] = v * r.targets();
                }
            }
            return out;
        } finally {
            backend.release();
        }
    }

    /** The score of candidate {@code index}: its mean fitness over {@code episodes}, or with 0 its loss on {@code dataKey}. */
    double candidate(byte[] params, int index, long generationSeed, int episodes, String dataKey,
                     List<byte[]> sequences) {
        Ops ops = backend.ops();
        try {
            Map<String, Tensor> p = Wire.parameters(params, ops, spec.dtype());
            if (episodes > 0) {
                return CandidateScores.fitness(network, ops, p, environment(), generationSeed, index, episodes);
            }
            Dataset data = datasets.computeIfAbsent(dataKey, k -> Wire.dataset(sequences, inputSize, outputSize));
            return CandidateScores.loss(network, ops, p, CandidateScores.batches(data), loss, generationSeed, index);
        } finally {
            backend.release();
        }
    }

    private Environment environment() {
        Environment env = environment;
        if (env == null) {
            synchronized (this) {
                if (environment == null) {
                    environment = JobTask.load(spec).fold(why -> {
                        throw new IllegalStateException(why);
                    }, task -> task.environment().orElseThrow(() -> new IllegalStateException(
                            "the job's application offers no environment on this worker")));
                }
                env = environment;
            }
        }
        return env;
    }

    /** The request's value of {@code key}, of {@code type}, or an error naming the key. */
    static <T> T value(Map<String, Object> request, String key, Class<T> type) {
        Object v = request.get(key);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("cluster request '" + request.get(ClusterProtocol.OP) + "': '" + key
                    + "' must be a " + type.getSimpleName() + ", got " + (v == null ? "nothing" : v.getClass().getName()));
        }
        return type.cast(v);
    }
}
