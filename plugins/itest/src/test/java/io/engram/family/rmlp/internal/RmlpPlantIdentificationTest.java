package io.engram.family.rmlp.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.Sequence;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.elman.internal.ElmanFamily;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.Losses;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Identification of a nonlinear plant from its input alone (a parallel, output-error model, the use
 * Tutschku 1995 puts recurrent multilayer perceptrons to): the plant of Narendra and Parthasarathy
 * (1990), "Identification and control of dynamical systems using neural networks", IEEE Trans.
 * Neural Networks 1(1), example 3,
 * <pre>
 *   y(k+1) = y(k) / (1 + y(k)^2) + u(k)^3,    u(k) uniform in [-1, 1],  y(0) = 0,
 * </pre>
 * the network reading {@code u(k)} and due to give {@code y(k+1)} from step {@value #WARMUP} on. An
 * rmlp of two layers of 9 units (280 parameters) and an Elman net of 16 units (305 parameters) are
 * trained by BPTT (Adam, 80 epochs) from the same seed on the same 256 sequences of {@value #STEPS}
 * steps; on 100 held-out sequences the rmlp's error as a fraction of the target's variance (nmse) is
 * below 0.015 and under 0.7 of the Elman net's (0.0115 against 0.0208 at this seed). The margin
 * depends on the seed and the budget: over seeds 1 and 2, 80 and 160 epochs, 256 and 512 sequences,
 * the rmlp's nmse was the lower in 7 of the 8 runs, by a factor of 0.42 to 1.18.
 */
class RmlpPlantIdentificationTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final int STEPS = 30;
    private static final int WARMUP = 5;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void twoRecurrentLayersIdentifyThePlantBetterThanOneOfMoreWeights() {
        SplittableRandom random = new SplittableRandom(1);
        Dataset train = plant(random, 256);
        Dataset test = plant(random, 100);
        RmlpFamily rmlp = new RmlpFamily();
        Network layered = trained(rmlp, rmlp.schema().validate(Map.of("layers", "9,9"), "model.").get(), train);
        ElmanFamily elman = new ElmanFamily();
        Network flat = trained(elman, elman.schema().validate(Map.of("hidden", "16"), "model.").get(), train);
        double a = nmse(layered, test);
        double b = nmse(flat, test);
        System.out.printf("plant identification, test nmse: rmlp 9,9 %.4f (%d parameters), elman 16 %.4f "
                + "(%d parameters)%n", a, size(layered), b, size(flat));
        assertTrue(size(layered) <= size(flat), "the rmlp has more parameters than the Elman net");
        assertTrue(a <= 0.015, "rmlp nmse " + a);
        assertTrue(a <= 0.7 * b, "rmlp nmse " + a + " not under 0.7 of the Elman net's " + b);
    }

    /** {@code count} sequences of the plant, each from rest, driven by its own random input. */
    static Dataset plant(SplittableRandom random, int count) {
        List<Sequence> sequences = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            double[][] u = new double[STEPS][1];
            double[][] y = new double[STEPS][1];
            boolean[] due = new boolean[STEPS];
            double state = 0;
            for (int k = 0; k < STEPS; k++) {
                u[k][0] = 2 * random.nextDouble() - 1;
                state = state / (1 + state * state) + u[k][0] * u[k][0] * u[k][0];
                y[k][0] = state;
                due[k] = k >= WARMUP;
            }
            sequences.add(new Sequence(u, y, due));
        }
        return new Dataset(sequences, 1, 1);
    }

    private static Network trained(NetworkFamily family, io.engram.api.Hyperparameters model, Dataset train) {
        Network net = family.create(new ModelSpec(family.id(), 1, 1, DType.F32, model), BACKEND, 1);
        Trainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(train).loss(Losses.of(Losses.MSE))
                .hyper(trainer.schema(), Map.of("epochs", "80", "batch.size", "16", "lr", "0.01"))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        return net;
    }

    /** Mean squared error over the due steps, over the variance of the targets there. */
    private static double nmse(Network net, Dataset data) {
        List<double[][]> out = SequenceOutputs.of(net, BACKEND.ops(), data, 0L);
        double sum = 0;
        double sumSq = 0;
        double err = 0;
        int n = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            for (int t = 0; t < s.length(); t++) {
                if (s.targetMask()[t]) {
                    double y = s.target(t, 0);
                    double d = out.get(i)[t][0] - y;
                    err += d * d;
                    sum += y;
                    sumSq += y * y;
                    n++;
                }
            }
        }
        double mean = sum / n;
        return err / n / (sumSq / n - mean * mean);
    }

    private static int size(Network net) {
        return net.parameters().values().stream().mapToInt(t -> t.shape().size()).sum();
    }
}
