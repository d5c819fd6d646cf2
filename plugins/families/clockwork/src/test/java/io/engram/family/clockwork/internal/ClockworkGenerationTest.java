package io.engram.family.clockwork.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.TrainingResult;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.DType;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.GradientTraining;
import io.engram.train.SequenceGradients;
import io.engram.train.TrainingSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sequence generation task of Koutnik et al. (2014), section 4.1 and figure 3, at a small size:
 * with no input (a constant zero), the network must produce a fixed waveform of {@value #LENGTH}
 * steps. A clockwork net of periods 1..16 is set beside an Elman net (the same family with one
 * module of period 1, which is Elman's equation) with about as many trainable weights.
 */
class ClockworkGenerationTest {
    static final int LENGTH = 160;

    /** A waveform mixing slow and fast components, in [-0.8, 0.8]. */
    static Dataset waveform() {
        double[][] x = new double[LENGTH][1];
        double[][] y = new double[LENGTH][1];
        for (int t = 0; t < LENGTH; t++) {
            double s = 2 * Math.PI * t / LENGTH;
            y[t][0] = 0.4 * Math.sin(s) + 0.25 * Math.sin(3 * s + 1) + 0.15 * Math.sin(11 * s) * Math.cos(2 * s);
        }
        boolean[] mask = new boolean[LENGTH];
        Arrays.fill(mask, true);
        return new Dataset(List.of(new Sequence(x, y, mask)), 1, 1);
    }

    static double train(Map<String, Object> hyper, int weights) {
        ReferenceBackend backend = new ReferenceBackend();
        Dataset data = waveform();
        Network net = new ClockworkFamily().create(new ModelSpec("clockwork", 1, 1, DType.F64, Hyperparameters.of(hyper)),
                backend, 7);
        TestTrainingContext c = TestTrainingContext.builder(net, backend).train(data).loss("mse")
                .hyper(TrainingSchema.common(), Map.of("epochs", "300", "batch.size", "1", "lr", "0.01"))
                .seed(1).build();
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        assertFalse(r.failed(), r.stopReason());
        double[][] out = SequenceOutputs.of(net, backend.ops(), data).get(0);
        double sum = 0;
        for (int t = 0; t < LENGTH; t++) {
            sum += Math.pow(out[t][0] - data.get(0).targets()[t][0], 2);
        }
        backend.close();
        System.out.printf("%s (%d trainable weights): mse %.5f%n", hyper, weights, sum / LENGTH);
        return sum / LENGTH;
    }

    @Test
    void clockworkGeneratesTheWaveformBetterThanAnElmanNetOfTheSameSize() {
        // clockwork: 5 modules of 3 units, periods 1..16: 15 input + 9*15 recurrent + 15 bias + 16 readout = 181
        double cw = train(Map.of("module.size", 3, "modules", 5), 15 + 9 * 15 + 15 + 16);
        // Elman: 11 units: 11 input + 121 recurrent + 11 bias + 12 readout = 155; 12 units: 12 + 144 + 12 + 13 = 181
        double elman = train(Map.of("module.size", 12, "periods", "1"), 12 + 144 + 12 + 13);
        assertTrue(cw < 0.25 * elman, "clockwork mse " + cw + " vs Elman " + elman);
        assertTrue(cw < 0.03, "clockwork mse " + cw);
    }
}
