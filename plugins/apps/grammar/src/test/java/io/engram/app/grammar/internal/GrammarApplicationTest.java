package io.engram.app.grammar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.vavr.control.Try;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrammarApplicationTest {
    private final GrammarApplication app = new GrammarApplication();

    private TaskData load(Map<String, Object> params, long seed) {
        return app.load(Hyperparameters.of(params), seed).get();
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        Map<String, Object> p = Map.of("task", "embedded-reber", "train.size", 50, "validation.size", 10, "test.size", 20);
        TaskData a = load(p, 7);
        TaskData b = load(p, 7);
        TaskData c = load(p, 8);
        assertEquals(a.digest(), b.digest());
        assertEquals(a.train(), b.train());
        assertNotEquals(a.digest(), c.digest());
        assertEquals(64, a.digest().length());
        assertEquals("softmax-ce", a.loss());
        assertEquals(7, a.inputSize());
        assertEquals(50, a.train().size());
        assertEquals(20, a.test().size());
    }

    @Test
    void testSetDoesNotDependOnTrainingSize() {
        TaskData small = load(Map.of("task", "adding", "train.size", 5, "test.size", 5, "length", 20), 3);
        TaskData large = load(Map.of("task", "adding", "train.size", 50, "test.size", 5, "length", 20), 3);
        assertEquals(small.test(), large.test());
    }

    @Test
    void reberStringsFollowTheGrammarAndTargetsAreTheLegalSuccessors() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            SymbolString s = Reber.plain(r);
            assertTrue(Reber.accepts(s.symbols()), s.key());
            assertEquals(s.symbols().length - 1, s.successors().size());
            for (int t = 0; t < s.successors().size(); t++) {
                int next = s.symbols()[t + 1];
                assertTrue(java.util.Arrays.stream(s.successors().get(t)).anyMatch(k -> k == next), "successor listed");
            }
        }
    }

    @Test
    void embeddedReberRepeatsTheSecondSymbolBeforeTheEnd() {
        SplittableRandom r = new SplittableRandom(2);
        int tBranches = 0;
        for (int i = 0; i < 200; i++) {
            int[] s = Reber.embedded(r).symbols();
            assertEquals(Reber.B, s[0]);
            assertEquals(s[1], s[s.length - 2]);
            assertEquals(Reber.E, s[s.length - 1]);
            assertTrue(Reber.accepts(java.util.Arrays.copyOfRange(s, 2, s.length - 2)));
            tBranches += s[1] == Reber.T ? 1 : 0;
        }
        assertTrue(tBranches > 70 && tBranches < 130, "branches drawn evenly: " + tBranches);
        Sequence seq = Reber.embedded(new SplittableRandom(3)).toSequence(7, 7);
        int last = seq.length() - 1;
        assertEquals(1.0, seq.target(last, Reber.E), 0.0);
        assertEquals(0.5, seq.target(0, Reber.T), 0.0);
        assertEquals(0.5, seq.target(0, Reber.P), 0.0);
    }

    @Test
    void heldApartTestStringsDifferFromTrainingStrings() {
        TaskData d = load(Map.of("task", "reber", "train.size", 300, "validation.size", 50, "test.size", 100), 11);
        Set<String> train = new HashSet<>();
        for (Dataset set : List.of(d.train(), d.validation())) {
            set.sequences().forEach(s -> train.add(java.util.Arrays.deepToString(s.inputs())));
        }
        for (Sequence s : d.test().sequences()) {
            assertTrue(!train.contains(java.util.Arrays.deepToString(s.inputs())), "test string seen in training");
        }
    }

    @Test
    void anbncnHasOneTestStringPerNAndDeterminedPredictions() {
        TaskData d = load(Map.of("task", "anbncn", "train.size", 20, "test.min.n", 1, "test.max.n", 30), 5);
        assertEquals(30, d.test().size());
        Sequence s = d.test().get(2);
        assertEquals(3, AnBnCn.n(s.inputs()));
        assertEquals(10, s.length());
        double[][] y = s.targets();
        assertEquals(1.0, y[0][AnBnCn.OUT_A], 0.0);
        assertEquals(0.5, y[1][AnBnCn.OUT_B], 0.0);
        assertEquals(1.0, y[6][AnBnCn.OUT_C], 0.0);
        assertEquals(1.0, y[9][AnBnCn.OUT_T], 0.0);
        for (Sequence t : d.train().sequences()) {
            int n = AnBnCn.n(t.inputs());
            assertTrue(n >= 1 && n <= 10, "training n in [1, 10]: " + n);
        }
    }

    @Test
    void addingProblemFollowsHochreiterAndSchmidhuber() {
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 100; i++) {
            Sequence s = Adding.sequence(r, 100);
            assertTrue(s.length() >= 100 && s.length() <= 110, "length " + s.length());
            double sum = 0;
            int marked = 0;
            for (int t = 0; t < s.length(); t++) {
                if (s.input(t, 1) == 1) {
                    marked++;
                    sum += t == 0 ? 0 : s.input(t, 0);
                    assertTrue(t < 49, "marks in the first T/2 - 1 steps");
                }
                assertEquals(t == s.length() - 1, s.hasTarget(t));
            }
            assertEquals(2, marked);
            assertEquals(0.5 + sum / 4, s.target(s.length() - 1, 0), 1e-12);
        }
    }

    @Test
    void everyParameterProblemIsReportedAtOnce() {
        Try<TaskData> t = app.load(Hyperparameters.of(Map.of("task", "anbncn", "train.min.n", 12, "test.min.n", 60)), 1);
        assertTrue(t.isFailure());
        assertEquals("data.train.min.n: must not exceed train.max.n (10), got 12; "
                + "data.test.min.n: must not exceed test.max.n (50), got 60", t.getCause().getMessage());
        Try<TaskData> u = app.load(Hyperparameters.of(Map.of("task", "tree", "length", 1)), 1);
        assertEquals("data.task: expected one of reber, embedded-reber, anbncn, adding, tomita, dyck, anbn, got 'tree'; "
                + "data.length: expected an integer in [4, 1000000], got '1'", u.getCause().getMessage());
    }

    @Test
    void metricsJudgeTheThresholdedSuccessorSets() {
        TaskData d = load(Map.of("task", "anbncn", "train.size", 1, "validation.size", 0, "test.max.n", 6), 1);
        List<double[][]> perfect = new ArrayList<>();
        for (Sequence s : d.test().sequences()) {
            double[][] out = new double[s.length()][];
            for (int t = 0; t < s.length(); t++) {
                out[t] = new double[4];
                for (int k = 0; k < 4; k++) {
                    out[t][k] = Math.log(s.target(t, k) + 1e-9);
                }
            }
            perfect.add(out);
        }
        assertEquals(Map.of("accuracy", 1.0, "max.n", 6.0), Metrics.symbols(d.test(), perfect, true));
        perfect.get(4)[3] = new double[] {0, 0, 0, 0};
        assertEquals(Map.of("accuracy", 5 / 6.0, "max.n", 4.0), Metrics.symbols(d.test(), perfect, true));
    }

    @Test
    void theShapeBoundsEachTasksDataFromItsParametersAlone() {
        GrammarApplication app = new GrammarApplication();
        io.engram.api.DataShape adding = app.shape(Hyperparameters.of(Map.of("task", "adding", "length", 1_000_000)))
                .orElseThrow();
        long sequences = 1000 + 200 + 500;
        assertEquals(new io.engram.api.DataShape("data.length", sequences, sequences * 1_100_000, 1_100_000, 2, 1,
                io.engram.api.DataShape.sequenceBytes(sequences, sequences * 1_100_000, 2, 1)), adding);
        assertTrue(adding.bytes() > 100e9, "about 136 GB: " + adding.bytes());
        io.engram.api.DataShape anbncn = app.shape(Hyperparameters.of(Map.of("task", "anbncn", "train.max.n", 10,
                "test.min.n", 1, "test.max.n", 50))).orElseThrow();
        assertEquals(1200 + 50, anbncn.sequences());
        assertEquals(1200L * 31 + 50L * 151, anbncn.steps());
        assertEquals(151, anbncn.maxLength());
        TaskData real = app.load(Hyperparameters.of(Map.of("task", "anbncn", "train.max.n", 10,
                "test.min.n", 1, "test.max.n", 50)), 3).get();
        long steps = 0;
        long longest = 0;
        for (Dataset d : List.of(real.train(), real.validation(), real.test())) {
            for (Sequence q : d.sequences()) {
                steps += q.length();
                longest = Math.max(longest, q.length());
            }
        }
        assertTrue(steps <= anbncn.steps() && longest <= anbncn.maxLength(), steps + " steps, longest " + longest);
    }

    @Test
    void theAnnouncedLossIsTheOneTheDataNames() {
        for (String task : java.util.List.of("reber", "embedded-reber", "anbncn", "adding")) {
            Map<String, Object> p = Map.of("task", task, "train.size", 5, "validation.size", 2, "test.size", 2);
            org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of(load(p, 1).loss()),
                    app.loss(Hyperparameters.of(p)), task);
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of("mse"),
                app.loss(Hyperparameters.of(Map.of("task", "adding"))));
    }

    @Test
    void theOutputsAreNamedByTheTasksSymbols() {
        assertEquals(java.util.List.of("B", "T", "P", "S", "X", "V", "E"),
                app.outputNames(Hyperparameters.of(Map.of("task", "embedded-reber"))));
        assertEquals(java.util.List.of("a", "b", "c", "T"), app.outputNames(Hyperparameters.of(Map.of("task", "anbncn"))));
        assertEquals(java.util.List.of("accept"), app.outputNames(Hyperparameters.of(Map.of("task", "tomita"))));
        assertEquals(java.util.List.of(), app.outputNames(Hyperparameters.of(Map.of("task", "nope"))));
    }
}
