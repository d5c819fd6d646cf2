package io.engram.trainer.ridge.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Batch;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.LinearReadout;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Problem;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestTrainingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RidgeTrainerTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final Ops ops = backend.ops();
    private final RidgeTrainer trainer = new RidgeTrainer();

    private Network network(int units, long seed) {
        TinyReservoir family = new TinyReservoir();
        Hyperparameters h = family.schema().validate(Map.of("units", Integer.toString(units)), "model.").get();
        return family.create(new ModelSpec(family.id(), 1, 2, DType.F64, h), backend, seed);
    }

    /** Sequences of random inputs whose targets are {@code source}'s own outputs, plus noise. */
    private Dataset targetsOf(Network source, int sequences, int length, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> seqs = new ArrayList<>();
        LinearReadout readout = source.capability(LinearReadout.class).orElseThrow();
        for (int s = 0; s < sequences; s++) {
            double[][] x = new double[length][1];
            for (int t = 0; t < length; t++) {
                x[t][0] = r.nextDouble(-1, 1);
            }
            Dataset one = new Dataset(List.of(Sequence.perStep(x, new double[length][2])), 1, 2);
            Batch b = one.batches(1).get(0);
            Map<String, Tensor> p = source.parameters();
            double[] y = ops.add(ops.matmul(readout.features(ops, p, b), p.get("w")), p.get("c")).toDoubleArray();
            double[][] targets = new double[length][2];
            for (int t = 0; t < length; t++) {
                for (int o = 0; o < 2; o++) {
                    targets[t][o] = y[t * 2 + o] + noise * r.nextGaussian();
                }
            }
            seqs.add(Sequence.perStep(x, targets));
        }
        return new Dataset(seqs, 1, 2);
    }

    private TestTrainingContext context(Network n, Dataset train, Dataset validation, Map<String, String> hyper) {
        return TestTrainingContext.builder(n, backend).train(train).validation(validation).loss("mse")
                .hyper(trainer.schema(), hyper).seed(1).build();
    }

    @Test
    void recoversTheReadoutThatMadeTheTargetsAndLeavesTheReservoirAlone() {
        Network source = network(6, 3);
        Network n = network(6, 3);
        n.setParameters(Map.of("w", ops.zeros(DType.F64, Shape.of(6, 2)), "c", ops.zeros(DType.F64, Shape.of(2))));
        Map<String, Tensor> before = n.parameters();
        Dataset data = targetsOf(source, 5, 40, 0, 11);
        TrainingResult r = trainer.train(context(n, data, new Dataset(List.of(), 1, 2),
                Map.of("ridge", "1e-12", "washout", "3", "batch.size", "2")));
        assertFalse(r.failed(), r.stopReason());
        assertArrayEquals(source.parameters().get("w").toDoubleArray(), n.parameters().get("w").toDoubleArray(), 1e-6);
        assertArrayEquals(source.parameters().get("c").toDoubleArray(), n.parameters().get("c").toDoubleArray(), 1e-6);
        assertArrayEquals(before.get("a").toDoubleArray(), n.parameters().get("a").toDoubleArray(), 0.0);
        assertArrayEquals(before.get("b").toDoubleArray(), n.parameters().get("b").toDoubleArray(), 0.0);
        assertTrue(r.metrics().get("loss") < 1e-16, "training mse " + r.metrics().get("loss"));
        assertEquals(1e-12, r.metrics().get("ridge"));
    }

    @Test
    void picksTheRidgeWithTheLowestErrorOnTheValidationTail() {
        Network source = network(40, 5);
        Dataset data = targetsOf(source, 1, 70, 0.3, 13);
        Network n = network(40, 6);
        TestTrainingContext c = context(n, data, new Dataset(List.of(), 1, 2),
                Map.of("ridge", "1e-9,1e-2,1e6", "washout", "0", "validation.fraction", "0.3"));
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        List<TrainingEvent.Message> scores = c.events(TrainingEvent.Message.class);
        assertEquals(3, scores.size(), scores.toString());
        double best = Double.POSITIVE_INFINITY;
        String chosen = "";
        for (TrainingEvent.Message m : scores) {
            double mse = Double.parseDouble(m.text().substring(m.text().lastIndexOf(' ') + 1));
            if (mse < best) {
                best = mse;
                chosen = m.text().substring("ridge ".length(), m.text().indexOf(':'));
            }
        }
        assertEquals(Double.parseDouble(chosen), r.metrics().get("ridge"), 1e-12 * Double.parseDouble(chosen));
        assertTrue(r.metrics().get("ridge") > 1e-9, "with 40 features, 49 rows and noise, the smallest ridge "
                + "overfits: " + scores);
    }

    @Test
    void aSeparateValidationSetScoresTheRidges() {
        Network source = network(6, 3);
        Dataset train = targetsOf(source, 3, 30, 0.01, 17);
        Dataset validation = targetsOf(source, 2, 30, 0.01, 19);
        Network n = network(6, 4);
        TestTrainingContext c = context(n, train, validation, Map.of("ridge", "1e-6,1e3", "washout", "2"));
        TrainingResult r = trainer.train(c);
        assertEquals(1e-6, r.metrics().get("ridge"));
        assertTrue(r.metrics().get("validation.loss") < 1e-3, r.metrics().toString());
        List<TrainingEvent.Progress> progress = c.events(TrainingEvent.Progress.class);
        assertEquals(2, progress.size(), "one batch of training and one of validation sequences");
        assertEquals(2, progress.get(1).batches());
    }

    @Test
    void choleskyAgreesWithAnLuSolveAndRefusesASingularSystem() {
        SplittableRandom r = new SplittableRandom(2);
        Gram g = new Gram(5, 2);
        double[] x = new double[30 * 5];
        double[] y = new double[30 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextDouble(-1, 1);
        }
        g.add(ops, true, x, y, 30);
        double[] a = g.xtx.clone();
        for (int i = 0; i < 4; i++) {
            a[i * 5 + i] += 0.5;
        }
        double[] expected = ops.solve(ops.fromArray(DType.F64, Shape.of(5, 5), a),
                ops.fromArray(DType.F64, Shape.of(5, 2), g.xty)).toDoubleArray();
        assertArrayEquals(expected, Cholesky.solve(g, 0.5, 4).orElseThrow(), 1e-12);
        Gram host = new Gram(5, 2);
        host.add(ops, false, x, y, 30);
        assertArrayEquals(g.xtx, host.xtx, 1e-12);
        Gram singular = new Gram(3, 1);
        singular.add(ops, true, new double[] {1, 2, 1, 2, 4, 2}, new double[] {1, 0}, 2);
        assertTrue(Cholesky.solve(singular, 0, -1).isEmpty());
        assertTrue(Cholesky.solve(singular, 1e-3, -1).isPresent());
    }

    @Test
    void featuresThatCarryNothingFailTheFitNamingTheRidgeAndLeaveTheReadoutAsItWas() {
        Network source = network(4, 3);
        Dataset data = targetsOf(source, 3, 20, 0.01, 23);
        Network n = network(4, 5);
        n.setParameters(Map.of("a", ops.zeros(DType.F64, Shape.of(1, 4)), "b", ops.zeros(DType.F64, Shape.of(4, 4))));
        Map<String, Tensor> before = n.parameters();
        TestTrainingContext c = context(n, data, new Dataset(List.of(), 1, 2), Map.of("ridge", "0", "washout", "0"));
        TrainingResult r = trainer.train(c);
        assertTrue(r.failed());
        assertTrue(r.stopReason().startsWith("trainer.ridge: the features' Gram matrix plus ridge 0.0 is not positive "
                + "definite"), r.stopReason());
        assertArrayEquals(before.get("w").toDoubleArray(), n.parameters().get("w").toDoubleArray(), 0.0);
        assertArrayEquals(before.get("c").toDoubleArray(), n.parameters().get("c").toDoubleArray(), 0.0);

        Network m = network(4, 5);
        m.setParameters(Map.of("a", ops.zeros(DType.F64, Shape.of(1, 4)), "b", ops.zeros(DType.F64, Shape.of(4, 4))));
        TrainingResult fitted = trainer.train(context(m, data, targetsOf(source, 2, 20, 0.01, 29),
                Map.of("ridge", "0,1e-3", "washout", "0")));
        assertFalse(fitted.failed(), fitted.stopReason());
        assertEquals(1e-3, fitted.metrics().get("ridge"), "ridge 0 cannot be solved, so the list's next one is chosen");
        assertArrayEquals(new double[8], m.parameters().get("w").toDoubleArray(), 0.0);
    }

    @Test
    void aBadRidgeListIsRefusedNamingTheKeyAndTheEntry() {
        Hyperparameters h = trainer.schema().validate(Map.of("ridge", "1e-3, x"), "trainer.").get();
        List<Problem> problems = trainer.checkLoss(h, null);
        assertEquals(1, problems.size());
        assertEquals("trainer.ridge", problems.get(0).where());
        assertTrue(problems.get(0).message().contains("entry 2 'x' is not a number"), problems.get(0).message());
        Hyperparameters ok = trainer.schema().validate(Map.of(), "trainer.").get();
        assertTrue(trainer.checkLoss(ok, null).isEmpty());
    }

    /** Rows wider than a panel: the sums over panels on and above the diagonal fill the whole matrix. */
    @Test
    void gramOfPanelsEqualsTheTextbookSums() {
        int n = 2 * Gram.PANEL + 37;
        int rows = 40;
        SplittableRandom r = new SplittableRandom(5);
        double[] x = new double[rows * n];
        double[] y = new double[rows * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextDouble(-1, 1);
        }
        Gram device = new Gram(n, 2);
        device.add(ops, true, x, y, 25);
        device.add(ops, true, java.util.Arrays.copyOfRange(x, 25 * n, rows * n), java.util.Arrays.copyOfRange(y, 50, 80), 15);
        Gram host = new Gram(n, 2);
        host.add(ops, false, x, y, rows);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < rows; k++) {
                    s += x[k * n + i] * x[k * n + j];
                }
                assertEquals(s, device.xtx[i * n + j], 1e-12, "device X^T X at " + i + ", " + j);
                assertEquals(s, host.xtx[i * n + j], 1e-12, "host X^T X at " + i + ", " + j);
            }
            for (int o = 0; o < 2; o++) {
                double s = 0;
                for (int k = 0; k < rows; k++) {
                    s += x[k * n + i] * y[k * 2 + o];
                }
                assertEquals(s, device.xty[i * 2 + o], 1e-12, "device X^T Y at " + i + ", " + o);
            }
        }
        assertEquals(rows, device.rows);
    }

    /** Wider than a block: the blocked factorisation, its trailing updates on the ops or on the host, solves the system. */
    @Test
    void blockedCholeskySolvesASystemWiderThanABlock() {
        int n = 2 * Cholesky.BLOCK + 13;
        int rows = n + 40;
        SplittableRandom r = new SplittableRandom(8);
        double[] x = new double[rows * n];
        double[] y = new double[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextDouble(-1, 1);
        }
        Gram g = new Gram(n, 1);
        g.add(ops, true, x, y, rows);
        double[] a = g.xtx.clone();
        for (int i = 0; i < n; i++) {
            a[i * n + i] += i == 5 ? 0 : 0.25;
        }
        double[] expected = ops.solve(ops.fromArray(DType.F64, Shape.of(n, n), a),
                ops.fromArray(DType.F64, Shape.of(n, 1), g.xty)).toDoubleArray();
        assertArrayEquals(expected, Cholesky.solve(ops, g, 0.25, 5).orElseThrow(), 1e-9);
        assertArrayEquals(expected, Cholesky.solve(g, 0.25, 5).orElseThrow(), 1e-9);
    }

    /**
     * Features with a large common offset (1e4, varying by about 1): the rows are summed less their
     * mean (the shift), and at a ridge of 1e-12 the solve gives back the weights and, with the shift
     * taken off, the bias of the targets' linear map.
     */
    @Test
    void rowsLessTheirMeanKeepAnOffsetSystemSolvable() {
        int steps = 400;
        double[] f = new double[steps * 2];
        double[][] x = new double[steps][1];
        double[][] y = new double[steps][1];
        for (int t = 0; t < steps; t++) {
            f[2 * t] = 1e4 + Math.sin(0.3 * t);
            f[2 * t + 1] = 1e4 + Math.cos(0.7 * t);
            y[t][0] = 3 * f[2 * t] - 2 * f[2 * t + 1] + 5;
        }
        LinearReadout stub = new LinearReadout() {
            @Override
            public String weights() {
                return "w";
            }

            @Override
            public java.util.Optional<String> bias() {
                return java.util.Optional.of("c");
            }

            @Override
            public int features() {
                return 2;
            }

            @Override
            public int outputs() {
                return 1;
            }

            @Override
            public Tensor features(Ops o, Map<String, Tensor> p, Batch b) {
                return o.fromArray(DType.F64, Shape.of(steps, 2), f);
            }
        };
        Batch batch = new Dataset(List.of(Sequence.perStep(x, y)), 1, 1).batches(1).get(0);
        Map<String, Tensor> params = Map.of("w", ops.zeros(DType.F64, Shape.of(2, 1)), "c", ops.zeros(DType.F64, Shape.of(1)));
        FeatureRows rows = new FeatureRows(ops, true, stub, 0);
        Gram g = new Gram(3, 1);
        rows.add(params, batch, 0, g, new Gram(3, 1));
        double[] shift = rows.shift();
        assertEquals(1e4, shift[0], 1.0);
        double[] w = Cholesky.solve(ops, g, 1e-12, 2).orElseThrow();
        assertEquals(3, w[0], 1e-6);
        assertEquals(-2, w[1], 1e-6);
        assertEquals(5, w[2] - shift[0] * w[0] - shift[1] * w[1], 1e-4);
    }
}
