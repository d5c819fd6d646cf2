package io.engram.spark;

import io.engram.kernel.spi.ClusterProtocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a Spark task does on its executor: it picks the batch's sequences out of its partition, or
 * unpacks a candidate, and asks the kernel's worker in the executor's framework
 * ({@link ExecutorWorker}). Static functions of their arguments alone, so the closures that Spark
 * ships capture nothing but byte arrays, indices and the job's broadcast request. Thread-safe.
 */
final class Shards {

    private Shards() {
    }

    /**
     * The partition's loss and gradient sums over the batch's sequences it holds, as one element, or
     * none when it holds none of them. The sequences go to the worker in the batch's order.
     *
     * @param fail whether the first attempt of partition 0's task fails (a fault injected to check
     *             that Spark's retry gives the same result; see {@link Faults})
     */
    static Iterator<double[]> gradients(Iterator<byte[]> partition, Map<String, Object> base, byte[] params,
                                        int[] batch, long seed, boolean fail) {
        Map<Integer, byte[]> held = new HashMap<>();
        while (partition.hasNext()) {
            byte[] indexed = partition.next();
            held.put(SparkCluster.Indexed.index(indexed), indexed);
        }
        List<byte[]> mine = new ArrayList<>();
        for (int index : batch) {
            byte[] indexed = held.get(index);
            if (indexed != null) {
                mine.add(SparkCluster.Indexed.bytes(indexed));
            }
        }
        Faults.failFirstAttempt(fail);
        if (mine.isEmpty()) {
            return List.<double[]>of().iterator();
        }
        Map<String, Object> request = new HashMap<>(base);
        request.put(ClusterProtocol.OP, ClusterProtocol.SHARD_GRADIENTS);
        request.put(ClusterProtocol.PARAMS, params);
        request.put(ClusterProtocol.SEQUENCES, mine);
        request.put(ClusterProtocol.SEED, seed);
        return List.of((double[]) ExecutorWorker.call(request)).iterator();
    }

    /** {@code [index, score]} of the indexed candidate {@code indexed}. */
    static double[] candidate(byte[] indexed, Map<String, Object> base, long seed, int episodes, String dataKey,
                              List<byte[]> data) {
        int index = SparkCluster.Indexed.index(indexed);
        Map<String, Object> request = new HashMap<>(base);
        request.put(ClusterProtocol.OP, ClusterProtocol.CANDIDATE);
        request.put(ClusterProtocol.PARAMS, SparkCluster.Indexed.bytes(indexed));
        request.put(ClusterProtocol.INDEX, index);
        request.put(ClusterProtocol.SEED, seed);
        request.put(ClusterProtocol.EPISODES, episodes);
        if (dataKey != null) {
            request.put(ClusterProtocol.DATA_KEY, dataKey);
            request.put(ClusterProtocol.SEQUENCES, data);
        }
        double score = (Double) ExecutorWorker.call(request);
        return new double[] {index, score};
    }
}
