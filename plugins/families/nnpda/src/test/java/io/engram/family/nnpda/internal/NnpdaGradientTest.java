package io.engram.family.nnpda.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.tensor.DType;
import io.engram.testkit.GradientChecker;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestData;
import io.engram.train.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * BPTT through the controller and the continuous stack against central differences in f64, on
 * one-hot strings longer than the stack's capacity (so that pops reach below the top element and
 * the bottom element falls off), with the response units as outputs and with them divided by
 * {@code 1 + L} ({@code accept=empty-stack}).
 */
class NnpdaGradientTest {

    @Test
    void bpttGradientsMatchCentralDifferencesThroughTheStack() {
        NnpdaFamily family = new NnpdaFamily();
        ModelSpec spec = new ModelSpec("nnpda", 3, 1, DType.F64, family.schema()
                .validate(Map.of("hidden", "3", "capacity", "4", "init.scale", "2"), "model.").get());
        Network net = family.create(spec, new ReferenceBackend(), 5);
        Batch batch = TestData.oneBatch(strings(11, 3, 9, 6, 7));
        double error = GradientChecker.maxRelativeError(net, batch, Losses.of("mse"));
        assertTrue(error < 1e-6, "max relative error " + error);
    }

    @Test
    void bpttGradientsMatchCentralDifferencesWithEmptyStackAcceptance() {
        NnpdaFamily family = new NnpdaFamily();
        ModelSpec spec = new ModelSpec("nnpda", 3, 1, DType.F64, family.schema()
                .validate(Map.of("hidden", "3", "capacity", "4", "init.scale", "2", "accept", "empty-stack"), "model.").get());
        Network net = family.create(spec, new ReferenceBackend(), 5);
        Batch batch = TestData.oneBatch(strings(12, 3, 9, 6, 7));
        double error = GradientChecker.maxRelativeError(net, batch, Losses.of("mse"));
        assertTrue(error < 1e-6, "max relative error " + error);
    }

    /** Random one-hot strings of the given lengths, a target at every step. */
    private static Dataset strings(long seed, int symbols, int... lengths) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> out = new ArrayList<>();
        for (int length : lengths) {
            double[][] x = new double[length][symbols];
            double[][] y = new double[length][1];
            boolean[] mask = new boolean[length];
            for (int t = 0; t < length; t++) {
                x[t][r.nextInt(symbols)] = 1;
                y[t][0] = r.nextInt(2);
                mask[t] = true;
            }
            out.add(new Sequence(x, y, mask));
        }
        return new Dataset(out, symbols, 1);
    }
}
