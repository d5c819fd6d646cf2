package io.engram.app.music.internal;

import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Free composition with a network trained on next-step prediction (Eck and Schmidhuber 2002, section
 * 4): the network is first driven by a primer (a chorus of real music), then runs on its own, each
 * step's output turned into the next step's input: the melody key drawn in proportion to the melody
 * units' sigmoid outputs (sharpened by a temperature, {@link Encoding#sampleMelody}), the chord's pitch classes those whose output is above one half. Reads the
 * network's parameters once; the network must not change meanwhile. Stateless.
 */
final class Composer {
    private Composer() {
    }

    /**
     * The {@code steps} steps that the network composes after {@code primer}, drawn from
     * {@code seed}; the primer itself is not part of the result.
     */
    static Score compose(Network network, Ops ops, Encoding enc, Score primer, int steps, double temperature,
                         long seed) {
        Map<String, Tensor> params = network.parameters();
        SplittableRandom r = new SplittableRandom(seed);
        State state = network.initialState(ops, 1);
        double[] out = null;
        int t = 0;
        for (; t < primer.length(); t++) {
            Step s = step(network, ops, params, enc.encode(primer.melodyAt(t), primer.chordAt(t)), state, t, seed);
            state = s.state();
            out = s.output().toDoubleArray();
        }
        int[] melody = new int[steps];
        int[] chords = new int[steps];
        for (int k = 0; k < steps; k++, t++) {
            double[] p = sigmoid(out);
            melody[k] = enc.key(enc.sampleMelody(p, temperature, r));
            chords[k] = enc.chord(p);
            if (k + 1 < steps) {
                Step s = step(network, ops, params, enc.encode(melody[k], chords[k]), state, t, seed);
                state = s.state();
                out = s.output().toDoubleArray();
            }
        }
        return new Score(melody, chords, primer.stepsPerBar());
    }

    private static Step step(Network net, Ops ops, Map<String, Tensor> params, double[] x, State state, int t,
                             long seed) {
        Tensor in = ops.fromArray(net.spec().dtype(), Shape.of(1, x.length), x);
        return net.step(ops, params, in, state, StepContext.inference(t, seed, 0));
    }

    static double[] sigmoid(double[] z) {
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = 1 / (1 + Math.exp(-z[i]));
        }
        return p;
    }
}
