package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Provenance;
import io.engram.kernel.PluginKind;
import io.engram.tensor.Availability;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorComponentTest {

    @TempDir
    Path tmp;

    private final FakeCheckpoints checkpoints = new FakeCheckpoints();

    /** w = [[1, 0], [0, 2]] written by toy 1.5.0 for a task with the given loss. */
    private Path checkpoint(String loss) throws Exception {
        Tensor w = new ArrayOps().fromArray(DType.F64, Shape.of(2, 2), new double[] {1, 0, 0, 2});
        return checkpoint(loss, Map.of("w", w));
    }

    /** A checkpoint of the toy family holding {@code tensors}. */
    private Path checkpoint(String loss, Map<String, Tensor> tensors) throws Exception {
        Path file = tmp.resolve(loss + ".ckpt");
        ModelSpec spec = new ModelSpec("toy", 2, 2, DType.F64, Hyperparameters.of(Map.of("scale", 1.0)));
        Provenance provenance = new Provenance(1, "toy", "d", List.of(new BundleRef("test.family.toy", "1.5.0")),
                Map.of("loss", loss), "2026-01-01T00:00:00Z");
        checkpoints.write(file, new CheckpointMetadata(1, "test.family.toy", "1.5.0", spec, provenance), tensors);
        return file;
    }

    private static PluginTable plugins(String... familyVersions) {
        PluginTable t = new PluginTable();
        for (String v : familyVersions) {
            Fakes.add(t, PluginKind.FAMILY, "toy", v, new Fakes.ToyFamily(v), Set.of(Capability.DIFFERENTIABLE));
        }
        Fakes.add(t, PluginKind.BACKEND, "cpu", "1.0.0", new Fakes.ToyBackend("cpu", Availability.yes()), Set.of());
        return t;
    }

    @Test
    void stepsThatDrawAtInferenceDrawFromTheJobSeedAndTheSequence() throws Exception {
        Path file = tmp.resolve("noisy.ckpt");
        ModelSpec spec = new ModelSpec("toy", 2, 2, DType.F64, Hyperparameters.of(Map.of("scale", 1.0, "noise", 1.0)));
        Provenance provenance = new Provenance(9, "toy", "d", List.of(new BundleRef("test.family.toy", "1.5.0")),
                Map.of("loss", "mse"), "2026-01-01T00:00:00Z");
        Tensor w = new ArrayOps().fromArray(DType.F64, Shape.of(2, 2), new double[] {1, 0, 0, 2});
        checkpoints.write(file, new CheckpointMetadata(1, "test.family.toy", "1.5.0", spec, provenance), Map.of("w", w));
        PredictorComponent p = new PredictorComponent(plugins("1.0.0"), checkpoints);
        List<double[][]> inputs = List.of(new double[][] {{1, 1}, {1, 1}}, new double[][] {{1, 1}});
        List<double[][]> first = p.predict(file, inputs).get();
        List<double[][]> again = p.predict(file, inputs).get();
        assertArrayEquals(first.get(0)[0], again.get(0)[0], 0.0, "the same seed draws the same");
        assertArrayEquals(first.get(0)[1], again.get(0)[1], 0.0, "the same seed draws the same");
        assertTrue(first.get(0)[0][0] != first.get(0)[1][0], "each step draws anew");
        assertTrue(first.get(0)[0][0] != first.get(1)[0][0], "each sequence draws anew");
        assertTrue(first.get(0)[0][0] > 1 && first.get(0)[0][0] < 2, "noise in [0, 1) on top of 1: " + first.get(0)[0][0]);
    }

    @Test
    void predictsStepByStepWithTheIdentityForMse() throws Exception {
        PredictorComponent p = new PredictorComponent(plugins("1.0.0", "2.0.0"), checkpoints);
        Path file = checkpoint("mse");
        assertEquals("1.5.0", p.describe(file).get().familyVersion());
        List<double[][]> out = p.predict(file, List.of(new double[][] {{1, 1}, {2, 3}}, new double[][] {{0, 1}})).get();
        assertEquals(2, out.size());
        assertArrayEquals(new double[] {1, 2}, out.get(0)[0], 1e-12);
        assertArrayEquals(new double[] {2, 6}, out.get(0)[1], 1e-12);
        assertArrayEquals(new double[] {0, 2}, out.get(1)[0], 1e-12);
    }

    @Test
    void appliesSoftmaxForSoftmaxCrossEntropy() throws Exception {
        PredictorComponent p = new PredictorComponent(plugins("1.9.0"), checkpoints);
        double[] y = p.predict(checkpoint("softmax-ce"), List.<double[][]>of(new double[][] {{1, 1}})).get().get(0)[0];
        double e = Math.exp(1) + Math.exp(2);
        assertArrayEquals(new double[] {Math.exp(1) / e, Math.exp(2) / e}, y, 1e-12);
    }

    /** A loss of the whole sequence that reads its outputs through softmax, as CTC does. */
    static final class SoftmaxReadingLoss extends SpecValidatorLossTest.WholeLossBase {
        @Override
        public String id() {
            return "ctc";
        }

        @Override
        public boolean readsSoftmax() {
            return true;
        }
    }

    @Test
    void appliesSoftmaxForAnInstalledLossThatReadsItsOutputsThroughSoftmax() throws Exception {
        PluginTable t = plugins("1.9.0");
        double[][] x = {{1, 1}};
        assertArrayEquals(new double[] {1, 2},
                new PredictorComponent(t, checkpoints).predict(checkpoint("ctc"), List.<double[][]>of(x)).get().get(0)[0], 1e-12,
                "without the loss installed, a ctc model's outputs are shown as they are");
        Fakes.add(t, PluginKind.LOSS, "ctc", "1.0.0", new SoftmaxReadingLoss(), Set.of("whole-sequence"));
        double[] y = new PredictorComponent(t, checkpoints).predict(checkpoint("ctc"), List.<double[][]>of(x)).get().get(0)[0];
        double e = Math.exp(1) + Math.exp(2);
        assertArrayEquals(new double[] {Math.exp(1) / e, Math.exp(2) / e}, y, 1e-12);
    }

    @Test
    void saysWhyItCannotPredict() throws Exception {
        Path file = checkpoint("mse");
        Try<List<double[][]>> noReader = new PredictorComponent(plugins("2.0.0", "3.1.0"), checkpoints)
                .predict(file, List.of());
        assertEquals("no installed version of family 'toy' can read this checkpoint, written by test.family.toy "
                + "1.5.0 (installed: 3.1.0, 2.0.0)", noReader.getCause().getMessage());
        assertEquals("no family 'toy' is installed to read this checkpoint",
                new PredictorComponent(plugins(), checkpoints).predict(file, List.of()).getCause().getMessage());
        Try<List<double[][]>> badInput = new PredictorComponent(plugins("1.0.0"), checkpoints)
                .predict(file, List.of(new double[][] {{1, 2}, {3}}, new double[][] {{1, 2, 3}}));
        assertEquals("input 0 step 1: expected 2 values, got 1; input 1 step 0: expected 2 values, got 3",
                badInput.getCause().getMessage());
        assertTrue(new PredictorComponent(plugins("1.0.0"), checkpoints).describe(tmp.resolve("x")).isFailure());
        PluginTable noCpu = new PluginTable();
        Fakes.add(noCpu, PluginKind.FAMILY, "toy", "1.0.0", new Fakes.ToyFamily("1.0.0"), Set.of());
        assertEquals("the 'cpu' backend is not installed",
                new PredictorComponent(noCpu, checkpoints).predict(file, List.of()).getCause().getMessage());
    }

    @Test
    void restoresTheCheckpointsNetworkForCallersThatStepItThemselves() throws Exception {
        PredictorComponent p = new PredictorComponent(plugins("1.0.0"), checkpoints);
        io.engram.kernel.Predictor.RestoredModel m = p.restore(checkpoint("mse")).get();
        assertEquals("toy", m.network().spec().family());
        assertEquals("1.5.0", m.metadata().familyVersion());
        assertArrayEquals(new double[] {1, 0, 0, 2}, m.network().parameters().get("w").toDoubleArray(), 0.0);
        Try<io.engram.kernel.Predictor.RestoredModel> missing = p.restore(checkpoint("mse", Map.of()));
        assertTrue(missing.getCause() instanceof java.io.IOException, missing.toString());
        assertTrue(missing.getCause().getMessage().endsWith("tensor 'w' (F64 [2, 2]) is missing"), missing.toString());
    }

    @Test
    void refusesACheckpointMissingATensorInsteadOfRunningOnInitialWeights() throws Exception {
        Path file = checkpoint("mse", Map.of());
        Try<List<double[][]>> out = new PredictorComponent(plugins("1.0.0"), checkpoints)
                .predict(file, List.<double[][]>of(new double[][] {{1, 1}}));
        assertTrue(out.getCause() instanceof java.io.IOException, out.toString());
        assertEquals("checkpoint " + file + " does not fit the network of family 'toy' (1 problem): "
                + "tensor 'w' (F64 [2, 2]) is missing", out.getCause().getMessage());
    }

    @Test
    void refusesATensorOfAnotherShapeOrAnExtraOne() throws Exception {
        ArrayOps ops = new ArrayOps();
        Path file = checkpoint("mse", Map.of("w", ops.fromArray(DType.F64, Shape.of(4), new double[4]),
                "bias", ops.fromArray(DType.F64, Shape.of(2), new double[2])));
        String message = new PredictorComponent(plugins("1.0.0"), checkpoints)
                .predict(file, List.<double[][]>of(new double[][] {{1, 1}})).getCause().getMessage();
        assertTrue(message.contains("tensor 'w' is F64 [4], the network expects F64 [2, 2]"), message);
        assertTrue(message.contains("tensor 'bias' is not a parameter of the network"), message);
    }

    @Test
    void capsInputProblemsAtTwentyAndCountsTheRest() {
        List<double[][]> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            inputs.add(new double[][] {{1}});
        }
        String message = PredictorComponent.checkInputs(inputs, 2);
        assertEquals(21, message.split("; ").length);
        assertTrue(message.startsWith("input 0 step 0: expected 2 values, got 1; input 1 step 0"), message);
        assertTrue(message.endsWith("; input 19 step 0: expected 2 values, got 1; ... and 980 more problems"), message);
    }

    @Test
    void theDefaultRestoreRefusesMissingParameters() {
        ModelSpec spec = new ModelSpec("toy", 2, 2, DType.F64, Hyperparameters.of(Map.of("scale", 1.0)));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Fakes.ToyFamily("1.0.0").restore(spec, new Fakes.ToyBackend("cpu", Availability.yes()), Map.of()));
        assertEquals("cannot restore a 'toy' network: parameters [w] are missing", e.getMessage());
    }
}
