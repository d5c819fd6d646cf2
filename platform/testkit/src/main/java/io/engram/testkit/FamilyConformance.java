package io.engram.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.engram.api.Associative;
import io.engram.api.Batch;
import io.engram.api.BundleRef;
import io.engram.api.Capability;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Dataset;
import io.engram.api.Differentiable;
import io.engram.api.Hyperparameters;
import io.engram.api.LinearReadout;
import io.engram.api.Loss;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.ParameterVector;
import io.engram.api.Problem;
import io.engram.api.Provenance;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.CheckpointFile;
import io.engram.train.GradientTraining;
import io.engram.train.LoadedCheckpoint;
import io.engram.train.LossAndGradients;
import io.engram.train.Losses;
import io.engram.train.SequenceGradients;
import io.engram.train.TrainingSchema;
import io.engram.train.WholeSequenceGradients;
import io.vavr.collection.Seq;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of a network family. A family's test extends it in one line:
 * <pre>
 *   class LstmConformanceTest extends FamilyConformance {
 *       LstmConformanceTest() { super(new LstmFamily(), Map.of("hidden", "3")); }
 *   }
 * </pre>
 * The raw hyperparameters are validated with the family's schema (and {@code validate}); the suite
 * builds f64 networks with {@value #INPUTS} inputs and {@value #OUTPUTS} outputs on the
 * {@link ReferenceBackend} (or the backend given) and checks what the family declares, on small
 * seeded data with padding. A composite family is given bound to its inner families, with its
 * hyperparameters already validated (the constructor taking {@link Hyperparameters}). Always:
 * <ul>
 *   <li>the declared capability names are exactly those whose interfaces ({@link Capability#type})
 *   the network returns, and its trainable parameters are among its parameters;</li>
 *   <li>the same seed gives identical parameters and outputs;</li>
 *   <li>a checkpoint round trip gives bit-identical parameters and outputs;</li>
 *   <li>a sequence alone in a batch of one gives the outputs it gets inside a padded batch.</li>
 * </ul>
 * When the network is {@link Differentiable} (the others are skipped as assumptions):
 * <ul>
 *   <li>BPTT gradients of the trainable parameters against central differences: max relative error
 *   below {@code 1e-6};</li>
 *   <li>BPTT and RTRL gradients agree within {@code 1e-9} (for networks stepped causally: a
 *   {@link io.engram.api.WholeSequence} or {@link io.engram.api.Decoder} network is trained and run
 *   whole, so the RTRL checks are skipped and the others run through its whole run);</li>
 *   <li>the same seed gives an identical loss curve, another seed other parameters, and training
 *   leaves the parameters that are not trainable bit-identical;</li>
 *   <li>the batch's gradient is the target-weighted sum of the single-sequence gradients;</li>
 *   <li>padded steps contribute nothing: garbage in their inputs and targets changes neither the
 *   loss nor the gradients.</li>
 * </ul>
 * With a {@link ParameterVector}: its layout covers exactly the trainable parameters, a written
 * vector reads back unchanged and leaves the other parameters alone, and bounds are reported for
 * every element and enforced. With a {@link LinearReadout}: the readout's parameters have the shapes
 * it states, and the outputs of every present step equal its features times the readout. With
 * {@link Associative}: stored patterns are recalled from clean cues for every rule, an unknown rule
 * is refused, and the energy does not increase along recall from noisy and random cues (see
 * the capability checks).
 * Sizes are small so that the suite takes a few seconds per family. JUnit creates one instance per
 * test method; nothing is shared between methods. The test methods are public so that subclasses in
 * any package inherit them; the gradient tests print their error and difference to standard output.
 */
public abstract class FamilyConformance {
    /** Input features of the networks under test. */
    public static final int INPUTS = 3;
    /** Outputs of the networks under test. */
    public static final int OUTPUTS = 2;
    private static final int[] LENGTHS = {4, 2, 3};

    private final NetworkFamily family;
    private final ModelSpec spec;
    private final Backend backend;
    private final Ops ops;

    /** Conformance of {@code family} with these raw model hyperparameters, on the reference backend. */
    protected FamilyConformance(NetworkFamily family, Map<String, String> hyperparameters) {
        this(family, hyperparameters, new ReferenceBackend());
    }

    /** Conformance of {@code family} with these raw model hyperparameters, on {@code backend}. */
    protected FamilyConformance(NetworkFamily family, Map<String, String> hyperparameters, Backend backend) {
        this(family, family.schema().validate(hyperparameters, "model.").getOrElseGet(problems -> {
            throw new IllegalArgumentException("invalid hyperparameters for " + family.id() + ": "
                    + problems.mkString("; "));
        }), backend);
    }

    /**
     * Conformance of {@code family} with hyperparameters already validated, on {@code backend}: for a
     * composite family bound to its inner families ({@code CompositeFamily.bind}), whose spec carries
     * each slot's keys under the slot's name as the kernel validated them ({@code inner.family},
     * {@code inner.hidden}).
     */
    protected FamilyConformance(NetworkFamily family, Hyperparameters hyper, Backend backend) {
        this.family = family;
        this.backend = backend;
        this.ops = backend.ops();
        this.spec = new ModelSpec(family.id(), INPUTS, OUTPUTS, DType.F64, hyper);
        Seq<Problem> problems = family.validate(spec);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model for " + family.id() + ": " + problems.mkString("; "));
        }
    }

    /** The spec the suite builds networks from. */
    protected final ModelSpec spec() {
        return spec;
    }

    private Network network(long seed) {
        return family.create(spec, backend, seed);
    }

    private static boolean differentiable(Network net) {
        return net.capability(Differentiable.class).isPresent();
    }

    private void assumeDifferentiable(Network net) {
        assumeTrue(differentiable(net), family.id() + " is not differentiable");
    }

    /** Whether the network is stepped causally, as RTRL needs (not a whole-sequence or decoder network). */
    private static boolean causal(Network net) {
        return !WholeSequenceGradients.applies(net);
    }

    private static Dataset data() {
        return TestData.random(17, INPUTS, OUTPUTS, LENGTHS);
    }

    @Test
    public void gradientsMatchCentralDifferences() {
        Network net = network(1);
        assumeDifferentiable(net);
        Batch batch = TestData.oneBatch(data());
        for (String lossId : Losses.ids()) {
            double error = GradientChecker.maxRelativeError(ops, net, batch, Losses.of(lossId));
            System.out.printf("%s %s: max relative gradient error %.3g%n", family.id(), lossId, error);
            assertTrue(error < 1e-6, family.id() + " with " + lossId + ": max relative error " + error);
        }
    }

    @Test
    public void bpttAndRtrlAgree() {
        Network net = network(2);
        assumeDifferentiable(net);
        assumeTrue(causal(net), family.id() + " runs whole sequences, which RTRL cannot step");
        Batch batch = TestData.oneBatch(data());
        Loss loss = Losses.of(Losses.SOFTMAX_CE);
        LossAndGradients bptt = SequenceGradients.bptt().compute(ops, net, net.parameters(), batch, loss, 5L);
        LossAndGradients rtrl = SequenceGradients.rtrl().compute(ops, net, net.parameters(), batch, loss, 5L);
        double diff = maxDifference(bptt.gradients(), rtrl.gradients());
        System.out.printf("%s: BPTT vs RTRL max gradient difference %.3g%n", family.id(), diff);
        assertTrue(diff < 1e-9, family.id() + ": BPTT and RTRL gradients differ by " + diff);
        assertEquals(bptt.loss(), rtrl.loss(), 1e-12);
    }

    @Test
    public void sameSeedSameRunOtherSeedOtherParameters() {
        Network a = network(7);
        Network b = network(7);
        Network c = network(8);
        assertArrayEquals(flat(a.parameters()), flat(b.parameters()), "same seed, same initial parameters");
        Batch batch = TestData.oneBatch(data());
        List<Tensor> outA = SequenceGradients.outputs(ops, a, a.parameters(), batch, false, 0L);
        List<Tensor> outB = SequenceGradients.outputs(ops, b, b.parameters(), batch, false, 0L);
        for (int t = 0; t < outA.size(); t++) {
            assertArrayEquals(outA.get(t).toDoubleArray(), outB.get(t).toDoubleArray(), "same seed, outputs at " + t);
        }
        if (!differentiable(a)) {
            return;
        }
        assertFalse(Arrays.equals(flat(a.parameters()), flat(c.parameters())), "another seed, other parameters");
        Map<String, Tensor> initial = a.parameters();
        List<Double> curveA = lossCurve(a);
        List<Double> curveB = lossCurve(b);
        assertEquals(curveA, curveB, "same seed, same loss curve");
        assertArrayEquals(flat(a.parameters()), flat(b.parameters()), "same seed, same trained parameters");
        CapabilityChecks.fixedParametersUnchanged(a, initial);
        assertTrue(curveA.stream().allMatch(Double::isFinite), "finite losses " + curveA);
    }

    private List<Double> lossCurve(Network net) {
        TestTrainingContext c = TestTrainingContext.builder(net, backend)
                .train(TestData.random(23, INPUTS, OUTPUTS, 3, 5, 2, 4, 3, 1))
                .loss(Losses.SOFTMAX_CE)
                .hyper(TrainingSchema.common(), Map.of("epochs", "2", "batch.size", "2", "lr", "0.01"))
                .seed(3).build();
        TrainingResult r = GradientTraining.run(c, SequenceGradients.bptt());
        assertFalse(r.failed(), r.stopReason());
        List<Double> curve = new ArrayList<>();
        c.events(TrainingEvent.Progress.class).forEach(p -> curve.add(p.loss()));
        assertEquals(6, curve.size());
        return curve;
    }

    @Test
    public void checkpointRoundTripIsBitIdentical() throws IOException {
        Network net = network(3);
        Path dir = Files.createTempDirectory("engram-conformance");
        Path file = dir.resolve("conformance.engram");
        Provenance provenance = new Provenance(3L, "testkit", "0".repeat(64),
                List.of(new BundleRef("io.engram.testkit", "0.1.0")), Map.of("model.family", family.id()),
                "2026-01-01T00:00:00Z");
        CheckpointFile.write(file, new CheckpointMetadata(CheckpointFile.FORMAT_VERSION, "io.engram.testkit",
                "0.1.0", spec, provenance), net.parameters());
        assertTrue(Files.size(file) > 0);
        LoadedCheckpoint loaded = CheckpointFile.read(file, ops).get();
        Files.delete(file);
        Files.delete(dir);
        assertEquals(spec, loaded.metadata().spec());
        Network restored = family.restore(loaded.metadata().spec(), backend, loaded.tensors());
        assertArrayEquals(flat(net.parameters()), flat(restored.parameters()));
        Batch batch = TestData.oneBatch(data());
        List<Tensor> before = SequenceGradients.outputs(ops, net, net.parameters(), batch, false, 0L);
        List<Tensor> after = SequenceGradients.outputs(ops, restored, restored.parameters(), batch, false, 0L);
        for (int t = 0; t < before.size(); t++) {
            assertArrayEquals(before.get(t).toDoubleArray(), after.get(t).toDoubleArray(), "outputs at step " + t);
        }
    }

    @Test
    public void aBatchOfOneEqualsTheSameSequenceInsideABatch() {
        Network net = network(4);
        Dataset data = data();
        Batch all = TestData.oneBatch(data);
        Loss loss = Losses.of(Losses.MSE);
        List<Tensor> together = SequenceGradients.outputs(ops, net, net.parameters(), all, false, 0L);
        boolean gradients = differentiable(net);
        LossAndGradients joint = gradients
                ? SequenceGradients.bptt().compute(ops, net, net.parameters(), all, loss, 0L) : null;
        Map<String, double[]> sum = new LinkedHashMap<>();
        for (int j = 0; j < data.size(); j++) {
            Batch alone = TestData.oneBatch(data.subset(j, j + 1));
            List<Tensor> single = SequenceGradients.outputs(ops, net, net.parameters(), alone, false, 0L);
            for (int t = 0; t < LENGTHS[j]; t++) {
                double[] inBatch = Arrays.copyOfRange(together.get(t).toDoubleArray(), j * OUTPUTS, (j + 1) * OUTPUTS);
                assertArrayEquals(single.get(t).toDoubleArray(), inBatch, 1e-12, "sequence " + j + " step " + t);
            }
            if (!gradients) {
                continue;
            }
            LossAndGradients g = SequenceGradients.bptt().compute(ops, net, net.parameters(), alone, loss, 0L);
            g.gradients().forEach((name, tensor) -> {
                double[] v = tensor.toDoubleArray();
                double[] acc = sum.computeIfAbsent(name, k -> new double[v.length]);
                for (int i = 0; i < v.length; i++) {
                    acc[i] += v[i] * g.targets();
                }
            });
        }
        if (!gradients) {
            return;
        }
        for (Map.Entry<String, Tensor> e : joint.gradients().entrySet()) {
            double[] v = e.getValue().toDoubleArray();
            double[] expected = sum.get(e.getKey());
            for (int i = 0; i < v.length; i++) {
                assertEquals(expected[i] / joint.targets(), v[i], 1e-12, "gradient of " + e.getKey() + "[" + i + "]");
            }
        }
    }

    @Test
    public void paddedStepsContributeNothing() {
        Network net = network(5);
        assumeDifferentiable(net);
        Batch clean = TestData.oneBatch(data());
        Batch garbage = TestData.garbageInPadding(clean, 99);
        Loss loss = Losses.of(Losses.MSE);
        for (boolean forward : causal(net) ? new boolean[] {false, true} : new boolean[] {false}) {
            LossAndGradients a = (forward ? SequenceGradients.rtrl() : SequenceGradients.bptt())
                    .compute(ops, net, net.parameters(), clean, loss, 0L);
            LossAndGradients b = (forward ? SequenceGradients.rtrl() : SequenceGradients.bptt())
                    .compute(ops, net, net.parameters(), garbage, loss, 0L);
            String method = forward ? "RTRL" : "BPTT";
            assertEquals(a.loss(), b.loss(), 1e-14, method + " loss");
            double diff = maxDifference(a.gradients(), b.gradients());
            assertTrue(diff < 1e-13, method + ": padding changed the gradients by " + diff);
        }
    }

    @Test
    public void declaredCapabilitiesAreThoseItsNetworksReturn() {
        CapabilityChecks.declaredMatchReturned(family, network(6));
    }

    @Test
    public void parameterVectorRoundTripsAndKeepsItsBounds() {
        Network net = network(7);
        Optional<ParameterVector> vector = net.capability(ParameterVector.class);
        assumeTrue(vector.isPresent(), family.id() + " offers no parameter vector");
        CapabilityChecks.parameterVector(ops, net, vector.get());
    }

    @Test
    public void linearReadoutOfTheFeaturesGivesTheOutputs() {
        Network net = network(8);
        Optional<LinearReadout> readout = net.capability(LinearReadout.class);
        assumeTrue(readout.isPresent(), family.id() + " has no linear readout");
        CapabilityChecks.linearReadout(ops, net, readout.get(), TestData.oneBatch(data()));
    }

    @Test
    public void associativeMemoryRecallsStoredPatternsDownhill() {
        Network net = network(9);
        Optional<Associative> memory = net.capability(Associative.class);
        assumeTrue(memory.isPresent(), family.id() + " is not associative");
        CapabilityChecks.associative(ops, net, memory.get(), spec.dtype());
    }

    private static double[] flat(Map<String, Tensor> params) {
        return params.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    private static double maxDifference(Map<String, Tensor> a, Map<String, Tensor> b) {
        double max = 0;
        for (String name : a.keySet()) {
            double[] x = a.get(name).toDoubleArray();
            double[] y = b.get(name).toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                double d = Math.abs(x[i] - y[i]);
                max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
            }
        }
        return max;
    }
}
