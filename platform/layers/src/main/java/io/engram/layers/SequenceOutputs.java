package io.engram.layers;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Network;
import io.engram.api.StepContext;
import io.engram.api.Decoder;
import io.engram.api.WholeSequence;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a network over a dataset for inference and returns its raw outputs, as applications need
 * them to compute their metrics. Sequences are run in padded batches of {@value #BATCH}, all steps
 * of a batch in one {@link Network#steps} call; since rows of a batch never mix, the steps past a
 * sequence's end are simply dropped. Step {@code t} of the {@code k}-th batch gets
 * {@link StepContext#inference(int, long, long) StepContext.inference(t, seed, k)}, a generator
 * seeded from {@code (seed, k, t)} alone, so a network that draws at inference gives the same
 * outputs on every run with the same seed, whether it runs its steps one by one or together.
 * A {@link WholeSequence} network runs each batch in one
 * {@link WholeSequence#run} with its step mask instead; a {@link Decoder} network decodes each
 * sequence greedily ({@link Decoding#greedy}) for as many steps as the sequence has, feeding back its
 * own tokens, and its outputs are the scores of those steps.
 *
 * <p>Reads the network's current parameters once, at the start; the network must not be changed
 * while this runs. Stateless; the returned arrays belong to the caller.
 */
public final class SequenceOutputs {
    /** Sequences run together in one batch. */
    public static final int BATCH = 64;

    private SequenceOutputs() {
    }

    /** Per sequence of {@code data}, in order, the raw outputs {@code [time][outputSize]}, with seed 0. */
    public static List<double[][]> of(Network network, Ops ops, Dataset data) {
        return of(network, ops, data, 0L);
    }

    /**
     * Per sequence of {@code data}, in order, the raw outputs {@code [time][outputSize]}; the steps'
     * randomness comes from {@code seed} (the job's or the request's).
     */
    public static List<double[][]> of(Network network, Ops ops, Dataset data, long seed) {
        DType dtype = network.spec().dtype();
        Map<String, Tensor> params = network.parameters();
        int in = data.inputSize();
        int out = data.outputSize();
        List<double[][]> result = new ArrayList<>(data.size());
        if (network.capability(Decoder.class).isPresent()) {
            for (int i = 0; i < data.size(); i++) {
                double[][] source = data.get(i).inputs();
                result.add(Decoding.greedy(network, ops, source, source.length, false).scores());
            }
            return result;
        }
        int first = 0;
        int index = 0;
        for (Batch batch : data.batches(BATCH)) {
            int b = batch.batch();
            double[][][] outputs = new double[b][][];
            for (int j = 0; j < b; j++) {
                outputs[j] = new double[data.get(first + j).length()][];
            }
            List<StepContext> contexts = new ArrayList<>(batch.time());
            for (int t = 0; t < batch.time(); t++) {
                contexts.add(StepContext.inference(t, seed, index));
            }
            Tensor xs = ops.fromArray(dtype, Shape.of(batch.time() * b, in), batch.inputs());
            Optional<WholeSequence> whole = network.capability(WholeSequence.class);
            double[] ys = (whole.isPresent() ? whole.get().run(ops, params, xs, batch.stepMask(), contexts)
                    : network.steps(ops, params, xs, network.initialState(ops, b), contexts).outputs()).toDoubleArray();
            for (int t = 0; t < batch.time(); t++) {
                for (int j = 0; j < b; j++) {
                    if (t < outputs[j].length) {
                        int row = t * b + j;
                        outputs[j][t] = Arrays.copyOfRange(ys, row * out, (row + 1) * out);
                    }
                }
            }
            result.addAll(Arrays.asList(outputs));
            first += b;
            index++;
        }
        return result;
    }

    /** Softmax of one output row, {@code p_i = e^(z_i - max z) / Σ_j e^(z_j - max z)}. */
    public static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
