package io.engram.spark;

import io.engram.kernel.spi.ClusterProtocol;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * The cluster of the kernel's {@link ClusterProtocol}, on Spark: the driver's side. A job's training
 * set becomes a cached RDD of its sequences, each prefixed with its index and spread over the
 * context's default parallelism in partitions; a batch is one Spark job in which every partition
 * computes the loss and gradient sums of the batch's sequences it holds (on its executor, through
 * the kernel's worker, {@link ExecutorWorker}) and the partial sums are added by
 * {@code treeAggregate}, whose depth grows with the partitions ({@link #depth}). The training set
 * travels once, in slices of at most {@link #SLICE} bytes shuffled into the partitions, which are
 * then cached: a step's tasks read their partition from the cache and carry no sequences, and the
 * partitions of an executor that is lost are rebuilt from the shuffle. The parameters of a step
 * travel as one broadcast. A population is one Spark job of its candidates, scored where
 * they land and collected by index, so the result does not depend on the executors. Lifecycle:
 * made by {@link SparkRunner} around one {@link JavaSparkContext}; jobs are opened and closed by the
 * kernel; thread-safe (each job's requests come from its own thread).
 */
final class SparkCluster implements Function<Map<String, Object>, Object> {
    /** The most bytes of sequences one task carries when the training set is sent. */
    static final long SLICE = 512 * 1024;

    private final JavaSparkContext spark;
    private final Map<String, OpenJob> jobs = new ConcurrentHashMap<>();

    SparkCluster(JavaSparkContext spark) {
        this.spark = spark;
    }

    /** What one open job holds on the cluster. */
    private record OpenJob(Broadcast<Map<String, Object>> base, JavaRDD<byte[]> shards, int partitions,
                           Map<String, Broadcast<List<byte[]>>> data) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object apply(Map<String, Object> request) {
        String op = (String) request.get(ClusterProtocol.OP);
        String job = (String) request.get(ClusterProtocol.JOB);
        return switch (op) {
            case ClusterProtocol.OPEN -> open(job, request);
            case ClusterProtocol.GRADIENTS -> gradients(known(job), (byte[]) request.get(ClusterProtocol.PARAMS),
                    (int[]) request.get(ClusterProtocol.BATCH), (Long) request.get(ClusterProtocol.SEED));
            case ClusterProtocol.EVALUATE -> evaluate(known(job), request);
            case ClusterProtocol.CLOSE -> close(job);
            default -> throw new IllegalArgumentException("spark cluster: unknown operation '" + op + "'");
        };
    }

    private OpenJob known(String job) {
        OpenJob open = jobs.get(job);
        if (open == null) {
            throw new IllegalStateException("spark cluster: job " + job + " is not open");
        }
        return open;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> open(String job, Map<String, Object> request) {
        Map<String, Object> base = new HashMap<>();
        base.put(ClusterProtocol.JOB, job);
        base.put(ClusterProtocol.SPEC, new HashMap<>((Map<String, String>) request.get(ClusterProtocol.SPEC)));
        base.put(ClusterProtocol.SIZES, request.get(ClusterProtocol.SIZES));
        base.put(ClusterProtocol.LOSS, request.get(ClusterProtocol.LOSS));
        List<byte[]> sequences = (List<byte[]>) request.get(ClusterProtocol.SEQUENCES);
        List<byte[]> indexed = new ArrayList<>(sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            indexed.add(Indexed.of(i, sequences.get(i)));
        }
        int partitions = Math.max(1, Math.min(spark.defaultParallelism(), Math.max(1, sequences.size())));
        long bytes = 0;
        for (byte[] b : indexed) {
            bytes += b.length;
        }
        int slices = (int) Math.max(1, Math.min(indexed.size(), (bytes + SLICE - 1) / SLICE));
        JavaRDD<byte[]> shards = spark.parallelize(indexed, slices).repartition(partitions);
        shards.setName("engram job " + job + " training set");
        shards.persist(StorageLevel.MEMORY_AND_DISK());
        shards.count();
        jobs.put(job, new OpenJob(spark.broadcast(base), shards, partitions, new ConcurrentHashMap<>()));
        return Map.of(ClusterProtocol.NAME, "spark " + spark.master(), ClusterProtocol.WORKERS, partitions);
    }

    private double[] gradients(OpenJob job, byte[] params, int[] batch, long seed) {
        Broadcast<byte[]> p = spark.broadcast(params);
        Broadcast<Map<String, Object>> base = job.base();
        boolean fail = Faults.next();
        try {
            double[] sum = job.shards()
                    .mapPartitions((Iterator<byte[]> it) -> Shards.gradients(it, base.value(), p.value(), batch, seed, fail))
                    .treeAggregate(new double[0], SparkCluster::add, SparkCluster::add, depth(job.partitions()));
            if (sum.length == 0) {
                throw new IllegalStateException("spark cluster: no partition held a sequence of the batch");
            }
            return sum;
        } finally {
            p.destroy();
        }
    }

    @SuppressWarnings("unchecked")
    private double[] evaluate(OpenJob job, Map<String, Object> request) {
        List<byte[]> candidates = (List<byte[]>) request.get(ClusterProtocol.CANDIDATES);
        long seed = (Long) request.get(ClusterProtocol.SEED);
        int episodes = (Integer) request.get(ClusterProtocol.EPISODES);
        String dataKey = (String) request.get(ClusterProtocol.DATA_KEY);
        Broadcast<List<byte[]>> data = null;
        if (dataKey != null) {
            List<byte[]> sequences = (List<byte[]>) request.get(ClusterProtocol.SEQUENCES);
            data = sequences != null ? job.data().compute(dataKey, (k, old) -> {
                if (old != null) {
                    old.destroy();
                }
                return spark.broadcast(new ArrayList<>(sequences));
            }) : job.data().get(dataKey);
            if (data == null) {
                throw new IllegalStateException("spark cluster: the data '" + dataKey + "' was never sent");
            }
        }
        List<byte[]> indexed = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            indexed.add(Indexed.of(i, candidates.get(i)));
        }
        Broadcast<Map<String, Object>> base = job.base();
        Broadcast<List<byte[]>> shipped = data;
        int slices = Math.max(1, Math.min(spark.defaultParallelism(), candidates.size()));
        List<double[]> scored = spark.parallelize(indexed, slices)
                .map(c -> Shards.candidate(c, base.value(), seed, episodes, dataKey,
                        shipped == null ? List.of() : shipped.value()))
                .collect();
        double[] out = new double[candidates.size()];
        Arrays.fill(out, Double.NaN);
        for (double[] s : scored) {
            out[(int) s[0]] = s[1];
        }
        return out;
    }

    private Boolean close(String job) {
        OpenJob open = jobs.remove(job);
        if (open != null) {
            open.shards().unpersist(false);
            open.base().destroy();
            open.data().values().forEach(Broadcast::destroy);
        }
        return open != null;
    }

    /** The depth of the aggregation tree over {@code partitions}: 2 up to 16 partitions, then one more level per factor 16. */
    static int depth(int partitions) {
        int depth = 2;
        for (long reach = 16; reach < partitions; reach *= 16) {
            depth++;
        }
        return depth;
    }

    /** Element-wise sum; an empty array is a partition that held none of the batch. */
    static double[] add(double[] a, double[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        if (a.length != b.length) {
            throw new IllegalStateException("partial sums differ in length: " + a.length + " and " + b.length);
        }
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /** Number of the current task's attempt, 0 for the first; 0 outside a task. */
    static int attempt() {
        TaskContext t = TaskContext.get();
        return t == null ? 0 : t.attemptNumber();
    }

    /** An index prefixed to bytes: 4 bytes big-endian, then the bytes. */
    static final class Indexed {
        private Indexed() {
        }

        static byte[] of(int index, byte[] bytes) {
            return ByteBuffer.allocate(4 + bytes.length).putInt(index).put(bytes).array();
        }

        static int index(byte[] indexed) {
            return ByteBuffer.wrap(indexed).getInt();
        }

        static byte[] bytes(byte[] indexed) {
            return Arrays.copyOfRange(indexed, 4, indexed.length);
        }
    }
}
