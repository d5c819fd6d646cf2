package io.engram.kernel.internal;

import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.kernel.spi.ClusterProtocol;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.LossAndGradients;
import io.engram.train.PopulationEvaluator;
import io.engram.train.ShardedGradients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A job's work sent to a cluster ({@link ClusterProtocol}): the driver's side. The training set is
 * sent once, when the first request needs it ({@link ClusterProtocol#OPEN}); each batch then travels
 * as the parameters and its sequences' indices, and comes back as the workers' summed losses and
 * gradients, which are divided by the batch's terms here, as a {@link io.engram.train.GradientMethod}
 * normalises them. Population scores come back by candidate. The bytes sent and received are
 * counted for the job's {@code cluster.*} metrics. Lifecycle: made when the job starts training,
 * {@link #close}d when it ends; used on the job's thread only.
 */
final class ClusterJob implements ShardedGradients, PopulationEvaluator, AutoCloseable {
    private final Function<Map<String, Object>, Object> cluster;
    private final String key;
    private final Map<String, String> spec;
    private final Network network;
    private final Ops ops;
    private final DType dtype;
    private final Dataset train;
    private final Dataset validation;
    private final int[] sizes;
    private final String loss;
    private final java.util.function.Consumer<String> notices;
    private final Map<Sequence, Integer> index = new IdentityHashMap<>();
    private final Set<String> sentData = new java.util.HashSet<>();
    private boolean open;
    private String name = "";
    private long bytesOut;
    private long bytesIn;
    private int steps;

    ClusterJob(Function<Map<String, Object>, Object> cluster, String key, Map<String, String> spec, Network network,
               Ops ops, DType dtype, Dataset train, Dataset validation, String loss,
               java.util.function.Consumer<String> notices) {
        this.notices = notices;
        this.cluster = cluster;
        this.key = key;
        this.spec = workerSpec(spec);
        this.network = network;
        this.ops = ops;
        this.dtype = dtype;
        this.train = train;
        this.validation = validation;
        this.sizes = new int[] {train.inputSize(), train.outputSize()};
        this.loss = loss == null ? "" : loss;
    }

    /** The spec as workers resolve it: without the keys that write or read the model store. */
    static Map<String, String> workerSpec(Map<String, String> spec) {
        Map<String, String> out = new HashMap<>(spec);
        out.keySet().removeIf(k -> k.equals("checkpoint") || k.startsWith("checkpoint.") || k.equals(FineTuning.KEY));
        return out;
    }

    /** Sends the training set (once); answers the cluster's name. */
    String open() {
        if (!open) {
            for (int i = 0; i < train.size(); i++) {
                index.putIfAbsent(train.get(i), i);
            }
            Map<String, Object> answer = call(request(ClusterProtocol.OPEN, ClusterProtocol.SEQUENCES, encode(train)),
                    Map.class);
            name = String.valueOf(answer.get(ClusterProtocol.NAME));
            open = true;
            notices.accept("on cluster " + name + " (" + answer.get(ClusterProtocol.WORKERS) + " workers): "
                    + train.size() + " training sequences sent, " + bytesOut + " bytes");
        }
        return name;
    }

    @Override
    public LossAndGradients compute(Map<String, Tensor> params, List<Sequence> batch, long seed) {
        open();
        int[] at = new int[batch.size()];
        for (int i = 0; i < at.length; i++) {
            Integer known = index.get(batch.get(i));
            if (known == null) {
                throw new IllegalArgumentException("sequence " + i + " of the batch is not one of the training set's");
            }
            at[i] = known;
        }
        byte[] p = Wire.parameters(params);
        Map<String, Object> r = request(ClusterProtocol.GRADIENTS, ClusterProtocol.PARAMS, p);
        r.put(ClusterProtocol.BATCH, at);
        r.put(ClusterProtocol.SEED, seed);
        bytesOut += p.length + 4L * at.length;
        double[] sums = call(r, double[].class);
        bytesIn += 8L * sums.length;
        steps++;
        int targets = (int) Math.round(sums[1]);
        double scale = targets == 0 ? 0.0 : 1.0 / targets;
        Set<String> trainable = network.trainable();
        Map<String, Tensor> gradients = new LinkedHashMap<>();
        int offset = 2;
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            if (!trainable.contains(e.getKey())) {
                continue;
            }
            int n = e.getValue().shape().size();
            double[] g = new double[n];
            for (int j = 0; j < n; j++) {
                g[j] = sums[offset + j] * scale;
            }
            offset += n;
            gradients.put(e.getKey(), ops.fromArray(dtype, e.getValue().shape(), g));
        }
        return new LossAndGradients(sums[0] * scale, gradients, targets);
    }

    @Override
    public double[] fitness(List<Map<String, Tensor>> candidates, long generationSeed, int episodes) {
        return evaluate(candidates, generationSeed, episodes, null);
    }

    @Override
    public double[] loss(List<Map<String, Tensor>> candidates, Dataset data, long generationSeed) {
        return evaluate(candidates, generationSeed, 0, data);
    }

    private double[] evaluate(List<Map<String, Tensor>> candidates, long generationSeed, int episodes, Dataset data) {
        open();
        List<byte[]> encoded = new ArrayList<>(candidates.size());
        for (Map<String, Tensor> c : candidates) {
            byte[] b = Wire.parameters(c);
            bytesOut += b.length;
            encoded.add(b);
        }
        Map<String, Object> r = request(ClusterProtocol.EVALUATE, ClusterProtocol.CANDIDATES, encoded);
        r.put(ClusterProtocol.SEED, generationSeed);
        r.put(ClusterProtocol.EPISODES, episodes);
        if (data != null) {
            String dataKey = data == train ? "train" : data == validation ? "validation" : "data-" + sentData.size();
            r.put(ClusterProtocol.DATA_KEY, dataKey);
            if (sentData.add(dataKey) || dataKey.startsWith("data-")) {
                r.put(ClusterProtocol.SEQUENCES, encode(data));
            }
        }
        double[] scores = call(r, double[].class);
        bytesIn += 8L * scores.length;
        steps++;
        return scores;
    }

    /** The sequences of {@code data} in the wire form, counted as bytes sent. */
    private List<byte[]> encode(Dataset data) {
        List<byte[]> out = new ArrayList<>(data.size());
        for (Sequence s : data.sequences()) {
            byte[] b = Wire.sequence(s);
            bytesOut += b.length;
            out.add(b);
        }
        return out;
    }

    /** Bytes sent to and received from the cluster, and requests made, as the job's {@code cluster.*} metrics. */
    Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (steps > 0) {
            out.put("cluster.requests", (double) steps);
            out.put("cluster.bytes.sent", (double) bytesOut);
            out.put("cluster.bytes.received", (double) bytesIn);
        }
        return out;
    }

    @Override
    public void close() {
        if (open) {
            cluster.apply(Map.of(ClusterProtocol.OP, ClusterProtocol.CLOSE, ClusterProtocol.JOB, key));
            open = false;
        }
    }

    private Map<String, Object> request(String op, String payloadKey, Object payload) {
        Map<String, Object> r = new HashMap<>();
        r.put(ClusterProtocol.OP, op);
        r.put(ClusterProtocol.JOB, key);
        r.put(ClusterProtocol.SPEC, spec);
        r.put(ClusterProtocol.SIZES, sizes);
        r.put(ClusterProtocol.LOSS, loss);
        r.put(payloadKey, payload);
        return r;
    }

    private <T> T call(Map<String, Object> request, Class<T> type) {
        Object answer = cluster.apply(request);
        if (!type.isInstance(answer)) {
            throw new IllegalStateException("the cluster answered '" + request.get(ClusterProtocol.OP) + "' with "
                    + (answer == null ? "nothing" : answer.getClass().getName()) + ", not a " + type.getSimpleName());
        }
        return type.cast(answer);
    }
}
