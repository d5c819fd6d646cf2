package io.engram.kernel.internal;

import io.engram.api.DataShape;
import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import java.util.Locale;
import java.util.Optional;

/**
 * A job's peak memory, estimated at validation from the model, the training settings and the
 * data's {@link DataShape}, in bytes: M = D + A + W, where
 * <ul>
 *   <li>D is the data as loaded ({@link DataShape#bytes()});</li>
 *   <li>A = T·B·a·s, the activations full BPTT keeps: T the longest sequence (or {@code trainer.k2}
 *   when truncated BPTT keeps fewer steps), B = {@code trainer.batch.size} (at most the number of
 *   sequences), s = 4 (f32) or 8 (f64), and a = 14·H·L values per sequence per step (an LSTM's, the
 *   most of any family: H = {@code model.hidden}, L = {@code model.layers}); T·B is at most the
 *   data's total steps. With {@code trainer.checkpoint.segments=S} it is S·B·2H·L·s + ⌈T/S⌉·B·a·s;</li>
 *   <li>W = 4·P·s for the P parameters of an LSTM stack of that size with its readout (weights,
 *   gradients and two optimizer moments): P = 4H(I + H + 1) + (L - 1)·4H(2H + 1) + O(H + 1), with I
 *   inputs and O outputs.</li>
 * </ul>
 * Without a shape only W counts (I = O = 1). A job is refused when M exceeds {@code fraction} of
 * the JVM's largest heap. Immutable and thread-safe.
 *
 * @param data        D
 * @param activations A
 * @param parameters  W
 */
public record MemoryEstimate(double data, double activations, double parameters) {

    /** The estimate for a job. */
    public static MemoryEstimate of(Optional<DataShape> shape, Hyperparameters model, Hyperparameters training,
                                    int dtypeBytes) {
        double h = intOr(model, "hidden", 32);
        double l = intOr(model, "layers", 1);
        double in = shape.map(DataShape::inputs).orElse(1);
        double out = shape.map(DataShape::outputs).orElse(1);
        double p = 4 * h * (in + h + 1) + (l - 1) * 4 * h * (2 * h + 1) + out * (h + 1);
        double w = 4 * p * dtypeBytes;
        if (shape.isEmpty()) {
            return new MemoryEstimate(0, 0, w);
        }
        DataShape d = shape.get();
        double b = Math.min(intOr(training, "batch.size", 16), Math.max(1, d.sequences()));
        double t = d.maxLength();
        int k2 = intOr(training, "k2", 0);
        int segments = intOr(training, "checkpoint.segments", 0);
        double a = 14 * h * l;
        double activations;
        if (k2 > 0 && k2 < t) {
            activations = k2 * b * a * dtypeBytes;
        } else if (segments > 1 && segments < t) {
            activations = segments * b * 2 * h * l * dtypeBytes + Math.ceil(t / segments) * b * a * dtypeBytes;
        } else {
            activations = Math.min(t * b, Math.max(d.steps(), 1)) * a * dtypeBytes;
        }
        return new MemoryEstimate(d.bytes(), activations, w);
    }

    public double total() {
        return data + activations + parameters;
    }

    /**
     * The problem of a job whose estimate exceeds {@code fraction} of {@code maxMemory}, at
     * {@code key}; empty when it fits.
     */
    public Optional<Problem> check(String key, double fraction, long maxMemory) {
        double limit = fraction * maxMemory;
        if (total() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(key, "the job needs about " + bytes(total()) + " (data " + bytes(data)
                + ", activations " + bytes(activations) + ", parameters " + bytes(parameters)
                + ") but the JVM can give at most " + bytes(limit) + " (jobs.memory.fraction " + fraction
                + " of -Xmx " + bytes(maxMemory) + "; set ENGRAM_OPTS=-Xmx...)"));
    }

    /** Bytes in binary units with one decimal, as {@code -Xmx} counts them: {@code 14.2 GiB}. */
    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", b) : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }

    private static int intOr(Hyperparameters h, String name, int dflt) {
        return h != null && h.has(name) && h.get(name) instanceof Number ? h.getInt(name) : dflt;
    }
}
