package io.engram.trainer.hebbian.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Associative;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Sequence;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.TestTrainingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HebbianTrainerTest {
    private static final ReferenceBackend BACKEND = new ReferenceBackend();

    /** {@code count} one-step sequences whose input and target are the same random bipolar pattern. */
    static Dataset patterns(int count, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sequence> seqs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = r.nextBoolean() ? 1 : -1;
            }
            seqs.add(Sequence.perStep(new double[][] {p}, new double[][] {p}));
        }
        return new Dataset(seqs, n, n);
    }

    private static TestTrainingContext context(Network net, Dataset train, Map<String, String> hyper) {
        return TestTrainingContext.builder(net, BACKEND).train(train).loss("mse")
                .hyper(HebbianTrainer.SCHEMA, hyper).seed(1).build();
    }

    private static Network network(int n) {
        return new TinyMemory().create(new ModelSpec("tiny-memory", n, n, DType.F64, Hyperparameters.empty()), BACKEND, 0);
    }

    @Test
    void eachEpochStoresAGrowingPrefixWithTheChosenRule() {
        Dataset train = patterns(10, 128, 3);
        Network net = network(128);
        TestTrainingContext c = context(net, train, Map.of("epochs", "4", "rule", "halved"));
        TrainingResult r = new HebbianTrainer().train(c);
        assertEquals(4, r.epochs());
        List<Double> counts = new ArrayList<>();
        c.events(TrainingEvent.EpochEnd.class).forEach(e -> counts.add(e.metrics().get("patterns")));
        assertEquals(List.of(3.0, 5.0, 8.0, 10.0), counts, "ceil(k * 10 / 4)");
        assertEquals(10 / 128.0, r.metrics().get("load"), 1e-12);
        Network direct = network(128);
        double[] rows = Patterns.of(train, 128).get();
        direct.capability(Associative.class).orElseThrow().store(BACKEND.ops(), "halved",
                BACKEND.ops().fromArray(DType.F64, Shape.of(10, 128), rows));
        assertArrayEquals(direct.parameters().get("weights").toDoubleArray(),
                net.parameters().get("weights").toDoubleArray(), "the last epoch holds all the patterns");
        double error = r.metrics().get("stored.bit.error");
        assertTrue(error < 0.01, "10 patterns in 128 units, load 0.08: bit error " + error);
        assertTrue(r.metrics().get("stored.recalled") >= 0.8, "recalled " + r.metrics().get("stored.recalled"));
        assertEquals(error, c.events(TrainingEvent.EpochEnd.class).get(3).trainLoss(), 0.0, "the last epoch's loss");
    }

    @Test
    void anUnknownRuleOrNonBipolarDataFailsNamingItAndStoresNothing() {
        Network net = network(8);
        TrainingResult rule = new HebbianTrainer().train(context(net, patterns(3, 8, 1), Map.of("rule", "oja")));
        assertTrue(rule.failed());
        assertEquals("trainer.rule: 'oja' is not a rule of this memory (known: [hebbian, halved])", rule.stopReason());
        List<Sequence> seqs = new ArrayList<>(patterns(3, 8, 1).sequences());
        seqs.set(2, Sequence.perStep(new double[][] {new double[8]}, new double[][] {{1, 1, 1, 0.5, 1, 1, 1, 1}}));
        TrainingResult data = new HebbianTrainer().train(context(net, new Dataset(seqs, 8, 8), Map.of()));
        assertTrue(data.failed());
        assertEquals("training set: training sequence 2 step 0 target 3 is 0.5, not -1 or +1", data.stopReason());
        assertArrayEquals(new double[64], net.parameters().get("weights").toDoubleArray());
    }

    @Test
    void aHeteroAssociativeMemoryStoresInputsThenTargets() {
        Sequence s = Sequence.perStep(new double[][] {{1, -1}, {0, 0}}, new double[][] {{-1, -1, 1}, {1, 1, 1}});
        Sequence withMask = new Sequence(s.inputs(), s.targets(), new boolean[] {true, false});
        Dataset data = new Dataset(List.of(withMask), 2, 3);
        assertArrayEquals(new double[] {1, -1, -1, -1, 1}, Patterns.of(data, 5).get(), "[x; y] of the step with a target");
        assertArrayEquals(new double[] {-1, -1, 1}, Patterns.of(data, 3).get(), "y alone");
        assertEquals("the memory holds 4 units, neither the 3 outputs nor the 5 inputs and outputs of the training set",
                Patterns.of(data, 4).getLeft());
    }
}
