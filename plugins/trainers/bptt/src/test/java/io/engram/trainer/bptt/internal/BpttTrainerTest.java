package io.engram.trainer.bptt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Problem;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import io.engram.testkit.TestTrainingContext;
import io.vavr.collection.Seq;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BpttTrainerTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final BpttTrainer trainer = new BpttTrainer();

    private Network network(long seed) {
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "6", "scale", "0.5"), "model.").get();
        return family.create(new ModelSpec(family.id(), 1, 1, io.engram.tensor.DType.F64, h), backend, seed);
    }

    /** Target at step t is the input at step t - 1 (0 at the first step). */
    private static Dataset echo(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = 4 + r.nextInt(5);
            double[][] x = new double[length][1];
            double[][] y = new double[length][1];
            for (int t = 0; t < length; t++) {
                x[t][0] = r.nextDouble(-1, 1);
                y[t][0] = t == 0 ? 0 : x[t - 1][0];
            }
            seqs.add(Sequence.perStep(x, y));
        }
        return new Dataset(seqs, 1, 1);
    }

    private static double[] flat(Map<String, Tensor> params) {
        return params.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    private TestTrainingContext context(Network net, Map<String, String> hyper) {
        return TestTrainingContext.builder(net, backend).train(echo(1, 32)).validation(echo(2, 8)).loss("mse")
                .hyper(trainer.schema(), hyper).seed(11).build();
    }

    @Test
    void learnsToEchoThePreviousInput() {
        Network net = network(3);
        TestTrainingContext c = context(net, Map.of("epochs", "30", "batch.size", "8", "lr", "0.02"));
        TrainingResult r = trainer.train(c);
        List<TrainingEvent.EpochEnd> epochs = c.events(TrainingEvent.EpochEnd.class);
        double first = epochs.get(0).validationLoss();
        double last = epochs.get(epochs.size() - 1).validationLoss();
        System.out.printf("bptt echo task: validation mse %.4f -> %.4f after %d epochs%n", first, last, r.epochs());
        assertFalse(r.failed());
        assertEquals(30, r.epochs());
        assertTrue(last < 0.02, "validation mse after training " + last);
        assertTrue(last < first / 5, first + " -> " + last);
    }

    @Test
    void truncationReachingTheStartTrainsLikeFullBptt() {
        Network full = network(4);
        Network truncated = network(4);
        trainer.train(context(full, Map.of("epochs", "2", "batch.size", "8")));
        trainer.train(context(truncated, Map.of("epochs", "2", "batch.size", "8", "k1", "1", "k2", "100")));
        double[] a = flat(full.parameters());
        double[] b = flat(truncated.parameters());
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-10, "parameter element " + i);
        }
        Network short2 = network(4);
        trainer.train(context(short2, Map.of("epochs", "2", "batch.size", "8", "k1", "1", "k2", "1")));
        assertFalse(Arrays.equals(a, flat(short2.parameters())), "BPTT(1; 1) is a different method");
    }

    @Test
    void checkpointSegmentsTrainLikeFullBpttToRounding() {
        Network full = network(4);
        Network recomputed = network(4);
        trainer.train(context(full, Map.of("epochs", "2", "batch.size", "8")));
        TrainingResult r = trainer.train(context(recomputed, Map.of("epochs", "2", "batch.size", "8",
                "checkpoint.segments", "3")));
        assertFalse(r.failed());
        double[] a = flat(full.parameters());
        double[] b = flat(recomputed.parameters());
        assertEquals(a.length, b.length);
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        System.out.printf("checkpointed vs full BPTT training: max parameter difference %.3g%n", diff);
        assertTrue(diff <= 1e-12, "recomputing segments changed the trained parameters by " + diff);

        Network net = network(5);
        TrainingResult refused = trainer.train(context(net, Map.of("k1", "2", "checkpoint.segments", "3")));
        assertTrue(refused.failed());
        assertEquals("trainer.checkpoint.segments: recomputation applies to full BPTT only (trainer.k1 = trainer.k2 = 0),"
                + " got k1 = 2, k2 = 0", refused.stopReason());
    }

    @Test
    void k2ShorterThanK1IsReportedAsAFailure() {
        Network net = network(5);
        double[] before = flat(net.parameters());
        TestTrainingContext c = context(net, Map.of("k1", "4", "k2", "2"));
        TrainingResult r = trainer.train(c);
        assertTrue(r.failed());
        assertEquals("trainer.k2: must be 0 (to the start) or at least trainer.k1 (4), got 2", r.stopReason());
        assertEquals(r.stopReason(), c.events(TrainingEvent.Stopped.class).get(0).reason());
        assertTrue(Arrays.equals(before, flat(net.parameters())));
    }

    @Test
    void schemaReportsEveryProblemAtOnce() {
        Seq<Problem> problems = trainer.schema().validate(
                Map.of("epochs", "0", "optimizer", "lbfgs", "k1", "-1", "momentum", "x", "colour", "red"), "trainer.")
                .getError();
        List<String> where = problems.map(Problem::where).sorted().toJavaList();
        assertEquals(List.of("trainer.colour", "trainer.epochs", "trainer.k1", "trainer.momentum",
                "trainer.optimizer"), where);
        assertTrue(trainer.schema().parameter("k2").isPresent());
        assertEquals(Hyperparameters.class, trainer.schema().validate(Map.of(), "trainer.").get().getClass());
    }

    @Test
    void registersAsTheBpttTrainerRequiringDifferentiableNetworks() throws IOException {
        String xml;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("OSGI-INF/" + BpttTrainer.class.getName() + ".xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("name=\"engram.trainer\"") && xml.contains("value=\"bptt\""), xml);
        assertTrue(xml.contains("name=\"engram.capabilities\"") && xml.contains("value=\"differentiable\""), xml);
        assertTrue(xml.contains("interface=\"io.engram.api.Trainer\""), xml);
        assertEquals("bptt", trainer.id());
        assertEquals(java.util.Set.of("differentiable"), trainer.requires());
    }

    /** A loss that is not stepwise, as CTC is not. */
    private static final io.engram.api.Loss WHOLE = new io.engram.api.Loss() {
        @Override
        public String id() {
            return "whole";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public io.engram.tensor.Tensor loss(io.engram.tensor.Ops ops, io.engram.api.BatchOutputs out) {
            return ops.sumAll(out.outputs());
        }
    };

    @Test
    void checkLossRefusesAWholeSequenceLossOnlyWhereItIsTakenRunByRun() {
        Hyperparameters full = trainer.schema().validate(Map.of(), "trainer.").get();
        Hyperparameters truncated = trainer.schema().validate(Map.of("k1", "2", "k2", "4"), "trainer.").get();
        Hyperparameters segments = trainer.schema().validate(Map.of("checkpoint.segments", "3"), "trainer.").get();
        assertEquals(List.of(), trainer.checkLoss(full, WHOLE));
        assertEquals(List.of(), trainer.checkLoss(truncated, io.engram.train.Losses.of("mse")));
        List<Problem> t = trainer.checkLoss(truncated, WHOLE);
        assertEquals(1, t.size());
        assertEquals("trainer.k1", t.get(0).where());
        assertTrue(t.get(0).message().startsWith("loss 'whole' is a loss of the whole sequence, which truncated BPTT "
                + "cannot take"), t.get(0).message());
        assertEquals("trainer.checkpoint.segments", trainer.checkLoss(segments, WHOLE).get(0).where());
    }

    @Test
    void checkFamilyRefusesAWholeSequenceFamilyOnlyWhenTruncatedOrRecomputed() {
        BpttTrainer bptt = new BpttTrainer();
        java.util.Set<String> whole = java.util.Set.of("differentiable", "whole-sequence");
        Hyperparameters full = bptt.schema().validate(Map.of(), "trainer.").get();
        assertEquals(List.of(), bptt.checkFamily(full, "bidirectional", whole));
        Hyperparameters truncated = bptt.schema().validate(Map.of("k1", "5"), "trainer.").get();
        assertEquals(List.of(), bptt.checkFamily(truncated, "lstm", java.util.Set.of("differentiable")));
        List<Problem> p = bptt.checkFamily(truncated, "bidirectional", whole);
        assertEquals(1, p.size());
        assertTrue(p.get(0).toString().startsWith("trainer.k1: family 'bidirectional' runs whole sequences"),
                p.get(0).toString());
        Hyperparameters recomputed = bptt.schema().validate(Map.of("checkpoint.segments", "4"), "trainer.").get();
        assertEquals("trainer.checkpoint.segments", bptt.checkFamily(recomputed, "bidirectional", whole).get(0).where());
    }
}
