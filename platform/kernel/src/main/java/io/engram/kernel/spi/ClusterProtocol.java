package io.engram.kernel.spi;

/**
 * The names by which the kernel and a cluster runner outside the framework (such as the Spark
 * runner) talk. Both sides are {@code java.util.function.Function<Map<String, Object>, Object>}
 * services, so that a runner whose classes the framework cannot see can provide one with JDK types
 * alone: every request is a map with the key {@link #OP} and values of JDK types ({@code String},
 * {@code Integer}, {@code Long}, {@code byte[]}, {@code int[]}, {@code double[]},
 * {@code List<byte[]>}, {@code Map<String, String>}).
 *
 * <p><b>The cluster</b> is registered by the runner with the service property {@link #CLUSTER}
 * (its name, such as {@code spark}); while one is registered, every job of the process spreads its
 * work over it. The kernel sends, per job:
 * <ol>
 *   <li>{@link #OPEN} with {@link #JOB}, {@link #SPEC}, {@link #SIZES} and {@link #SEQUENCES} (the
 *   training set, each sequence in the kernel's encoding, by index) before the first request; the
 *   answer is a map with {@link #NAME} and {@link #WORKERS};</li>
 *   <li>{@link #GRADIENTS} with {@link #JOB}, {@link #PARAMS} and {@link #BATCH} (the indices of the
 *   batch's sequences in the training set, in the batch's order) and {@link #SEED}: the runner has
 *   each worker holding some of those sequences answer {@link #SHARD_GRADIENTS} for them, and
 *   answers the element-wise sum of the workers' {@code double[]};</li>
 *   <li>{@link #EVALUATE} with {@link #JOB}, {@link #CANDIDATES}, {@link #SEED},
 *   {@link #EPISODES}, and for a loss {@link #DATA_KEY} and, the first time that key is sent,
 *   {@link #SEQUENCES}: the runner has the workers answer {@link #CANDIDATE} for each and answers
 *   the scores in the candidates' order as a {@code double[]};</li>
 *   <li>{@link #CLOSE} with {@link #JOB} when the job ends.</li>
 * </ol>
 *
 * <p><b>The worker</b> is the kernel's own service with the property {@link #WORKER}; a runner
 * calls it on each executor (inside that executor's framework) with the job's {@link #SPEC} and
 * {@link #SIZES} and either {@link #SHARD_GRADIENTS} ({@link #PARAMS}, {@link #SEQUENCES},
 * {@link #SEED}; answer {@code double[]}: the loss summed over the sequences, its number of terms,
 * then the gradient sums of the trainable parameters in the parameters' order) or {@link #CANDIDATE}
 * ({@link #PARAMS}, {@link #INDEX}, {@link #SEED}, {@link #EPISODES}, and for a loss
 * {@link #DATA_KEY} with {@link #SEQUENCES}; answer a {@code Double}).
 */
public final class ClusterProtocol {
    /** Service property of a cluster: its name. */
    public static final String CLUSTER = "engram.cluster";
    /** Service property of the kernel's worker function. */
    public static final String WORKER = "engram.cluster.worker";

    /** Request key: the operation. */
    public static final String OP = "op";
    public static final String OPEN = "open";
    public static final String GRADIENTS = "gradients";
    public static final String EVALUATE = "evaluate";
    public static final String CLOSE = "close";
    public static final String SHARD_GRADIENTS = "shard-gradients";
    public static final String CANDIDATE = "candidate";

    /** A job's key on the cluster, unique in the process. */
    public static final String JOB = "job";
    /** The job spec, a {@code Map<String, String>}. */
    public static final String SPEC = "spec";
    /** The input size, output size and loss id of the job's data, as {@code int[]} and {@code String}. */
    public static final String SIZES = "sizes";
    public static final String LOSS = "loss";
    /** Sequences in the kernel's encoding, {@code List<byte[]>}. */
    public static final String SEQUENCES = "sequences";
    /** Parameters in the kernel's encoding, {@code byte[]}. */
    public static final String PARAMS = "params";
    /** Indices into the training set, {@code int[]}. */
    public static final String BATCH = "batch";
    public static final String SEED = "seed";
    /** Candidates' parameters, {@code List<byte[]>}. */
    public static final String CANDIDATES = "candidates";
    public static final String INDEX = "index";
    /** Episodes per candidate, {@code Integer}; 0 asks for a loss on a dataset. */
    public static final String EPISODES = "episodes";
    /** Which dataset a loss is computed on, {@code String}. */
    public static final String DATA_KEY = "data";
    /** Answer keys of {@link #OPEN}. */
    public static final String NAME = "name";
    public static final String WORKERS = "workers";

    private ClusterProtocol() {
    }
}
