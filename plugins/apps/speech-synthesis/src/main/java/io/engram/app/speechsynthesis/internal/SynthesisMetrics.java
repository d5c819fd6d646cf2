package io.engram.app.speechsynthesis.internal;

import io.engram.api.Dataset;
import io.engram.api.Decoder;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of a network on utterances, all lower-is-better:
 * <ul>
 *   <li>{@code mcd}: mel-cepstral distortion ({@link Mcd}, dB) of the network's frames against the
 *   utterance's over its {@code F} frames. An encoder-decoder ({@link Decoder}) is run free: it encodes
 *   the symbols and decodes, fed nothing of the reference, until its stop flag passes 0.5 at or after
 *   step {@code ceil(F / r)} or at twice that; the first {@code F} frames are scored. Any other network
 *   reads the padded sequence and its outputs at the target steps are the frames.</li>
 *   <li>{@code baseline.mcd}: the MCD of the mean training frame at every frame.</li>
 *   <li>{@code nearest.mcd}: the MCD of the training utterance with the nearest number of input
 *   symbols (the first among equals), stretched linearly in time to {@code F} frames.</li>
 *   <li>{@code length.error}: the mean of {@code |F' - F| / F}, {@code F'} the frames up to the first
 *   step whose stop flag passes 0.5 (all decoded frames when none does).</li>
 * </ul>
 * With {@code data.audio.dir} set, the first {@code data.audio.count} utterances of the test manifest
 * (whenever a set holding them is evaluated) are written there
 * through the Griffin-Lim vocoder as {@code NAME.wav} (the network's {@code F'} frames) and
 * {@code NAME.reference.wav} (the utterance's own log-mel frames: what the vocoder alone gives).
 * Stateless and thread-safe.
 */
final class SynthesisMetrics {
    private SynthesisMetrics() {
    }

    static Map<String, Double> of(Network network, Ops ops, Dataset data, long seed) {
        SynthesisContext ctx = data.context(SynthesisContext.class).orElseThrow(() -> new IllegalArgumentException(
                "speech-synthesis: the dataset was not loaded by this application"));
        Settings settings = ctx.settings();
        int mels = settings.mels();
        double[] sums = new double[4];
        int written = 0;
        List<double[][]> stepped = network.capability(Decoder.class).isPresent() || data.size() == 0 ? null
                : SequenceOutputs.of(network, ops, data, seed);
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            SynthesisContext.Utterance u = ctx.utterance(s);
            int frames = u.logMel().length;
            int steps = (frames + settings.perStep() - 1) / settings.perStep();
            double[][] out = stepped != null ? java.util.Arrays.copyOf(stepped.get(i), Math.min(steps, stepped.get(i).length))
                    : decode(network, ops, u.source(), ctx.symbols().size(), settings.outputs(), steps);
            int stop = out.length;
            for (int t = 0; t < out.length; t++) {
                if (out[t][settings.perStep() * mels] > 0.5) {
                    stop = t + 1;
                    break;
                }
            }
            double[][] predicted = frames(out, ctx, Math.max(frames, Math.min(stop * settings.perStep(),
                    out.length * settings.perStep())));
            double[][] scored = java.util.Arrays.copyOf(predicted, frames);
            sums[0] += Mcd.of(scored, u.logMel(), settings.ceps());
            double[][] mean = new double[frames][];
            java.util.Arrays.fill(mean, ctx.mean());
            sums[1] += Mcd.of(mean, u.logMel(), settings.ceps());
            sums[2] += Mcd.of(stretch(nearest(ctx, u.source().length).logMel(), frames), u.logMel(), settings.ceps());
            int spoken = Math.min(stop * settings.perStep(), predicted.length);
            sums[3] += Math.abs(spoken - frames) / (double) frames;
            if (!settings.audioDir().isEmpty() && u.test() && written < settings.audioCount()) {
                written++;
                write(ctx, u, java.util.Arrays.copyOf(predicted, spoken), seed);
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        int n = Math.max(1, data.size());
        m.put("mcd", sums[0] / n);
        m.put("baseline.mcd", sums[1] / n);
        m.put("nearest.mcd", sums[2] / n);
        m.put("length.error", sums[3] / n);
        return m;
    }

    /**
     * Runs an encoder-decoder free: encodes the one-hot {@code source} and decodes, fed a zero row
     * (the frames are never fed back), at least {@code steps} steps and until the stop flag passes 0.5,
     * at most {@code 2 steps}.
     */
    static double[][] decode(Network network, Ops ops, int[] source, int symbols, int outputs, int steps) {
        Decoder d = network.capability(Decoder.class).orElseThrow();
        DType dtype = network.spec().dtype();
        Map<String, io.engram.tensor.Tensor> params = network.parameters();
        int time = source.length;
        double[] x = new double[time * symbols];
        double[] mask = new double[time];
        List<StepContext> contexts = new ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            x[t * symbols + source[t]] = 1;
            mask[t] = 1;
            contexts.add(StepContext.inference(t));
        }
        State state = d.encode(ops, params, ops.fromArray(dtype, Shape.of(time, symbols), x), mask, contexts);
        Tensor previous = ops.zeros(dtype, Shape.of(1, outputs));
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < 2 * steps; t++) {
            Step step = d.decode(ops, params, previous, state, StepContext.inference(t));
            double[] z = step.output().toDoubleArray();
            out.add(z);
            state = step.state();
            if (t + 1 >= steps && z[outputs - 1] > 0.5) {
                break;
            }
        }
        return out.toArray(double[][]::new);
    }

    /** The log-mel frames of network outputs {@code [steps][r mels + 1]}, de-normalised, {@code count} of them at most. */
    private static double[][] frames(double[][] out, SynthesisContext ctx, int count) {
        int r = ctx.settings().perStep();
        int mels = ctx.settings().mels();
        double[][] f = new double[Math.min(count, out.length * r)][mels];
        for (int m = 0; m < f.length; m++) {
            for (int j = 0; j < mels; j++) {
                f[m][j] = out[m / r][(m % r) * mels + j] * ctx.std()[j] + ctx.mean()[j];
            }
        }
        return f;
    }

    /** The training utterance whose number of symbols is nearest {@code length}, the first among equals. */
    static SynthesisContext.Utterance nearest(SynthesisContext ctx, int length) {
        SynthesisContext.Utterance best = ctx.training().get(0);
        for (SynthesisContext.Utterance u : ctx.training()) {
            best = Math.abs(u.source().length - length) < Math.abs(best.source().length - length) ? u : best;
        }
        return best;
    }

    /** {@code frames} stretched linearly in time to {@code count} frames (nearest frame). */
    static double[][] stretch(double[][] frames, int count) {
        double[][] out = new double[count][];
        for (int m = 0; m < count; m++) {
            out[m] = frames[count == 1 ? 0 : (int) Math.round(m * (frames.length - 1) / (double) (count - 1))];
        }
        return out;
    }

    private static void write(SynthesisContext ctx, SynthesisContext.Utterance u, double[][] logMel, long seed) {
        Path dir = Path.of(ctx.settings().audioDir());
        try {
            if (logMel.length > 0) {
                WavFile.write(dir.resolve(u.name() + ".wav"), ctx.features().audio(logMel, seed));
            }
            WavFile.write(dir.resolve(u.name() + ".reference.wav"), ctx.features().audio(u.logMel(), seed));
        } catch (IOException e) {
            throw new UncheckedIOException("speech-synthesis: cannot write audio to data.audio.dir " + dir, e);
        }
    }
}
