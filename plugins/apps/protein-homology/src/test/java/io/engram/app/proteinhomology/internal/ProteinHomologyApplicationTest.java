package io.engram.app.proteinhomology.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.Payloads;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.layers.protein.Encoding;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProteinHomologyApplicationTest {
    private final ProteinHomologyApplication app = new ProteinHomologyApplication();
    @TempDir
    Path dir;

    private Try<TaskData> load(String... keyValues) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return app.load(app.schema().validate(raw, "data.").get(), 1);
    }

    private static String message(Try<?> t) {
        assertTrue(t.isFailure(), "expected a failure");
        return t.getCause().getMessage();
    }

    @Test
    void readsStockholmFamiliesEncodesAndTargetsTheLastStep() {
        String sto = Files2.write(dir, "a.sto", "# STOCKHOLM 1.0\n#=GF ID fn3\nA KPV\nB KPW\n//\n"
                + "# STOCKHOLM 1.0\n#=GF ID Globin\nC MVHL\nD MVH.\n//\n");
        TaskData d = load("train.file", sto, "test.fraction", "0.5", "validation.fraction", "0",
                "class.weights", "none").get();
        assertEquals("softmax-ce", d.loss());
        assertEquals(2, d.train().size());
        assertEquals(2, d.test().size());
        assertEquals(21, d.inputSize());
        assertEquals(2, d.outputSize());
        for (Sequence s : d.test().sequences()) {
            int last = s.length() - 1;
            assertTrue(s.hasTarget(last));
            assertEquals(1, java.util.stream.IntStream.range(0, last).filter(s::hasTarget).count() + 1);
            // the outputs are the families in sorted order: Globin, fn3; MVH.. sequences are globins
            boolean globin = s.length() >= 3 && s.input(0, Encoding.STANDARD.indexOf('M')) == 1;
            assertEquals(globin ? 1.0 : 0.0, s.target(last, 0));
            assertEquals(globin ? 0.0 : 1.0, s.target(last, 1));
        }
        Payloads p = app.payloads(d);
        assertEquals(List.of("Globin", "fn3"), p.strings(ProteinHomologyApplication.FAMILIES).orElseThrow());
        assertEquals(List.of("multiclass"), p.strings(ProteinHomologyApplication.MODE).orElseThrow());
    }

    @Test
    void labelsFromATsvTakePrecedenceAndOneVsRestNamesItsLoss() {
        String fa = Files2.write(dir, "x.fa", ">p1 label=wrong\nMKV\n>p2\nMKW\n>p3\nACD\n>p4\nACE\n");
        String tsv = Files2.write(dir, "x.tsv", "# id\tfamily\np1\tA\np2\tA\np3\tB\np4\tB\nunused\tC\n");
        TaskData d = load("train.file", fa, "labels", tsv, "mode", "one-vs-rest", "encoding", "blosum62",
                "test.fraction", "0.5", "validation.fraction", "0").get();
        assertEquals("sigmoid-bce", d.loss());
        assertEquals(20, d.inputSize());
        assertEquals(List.of("A", "B"), app.payloads(d).strings(ProteinHomologyApplication.FAMILIES).orElseThrow());
        assertEquals("sigmoid-bce", app.loss(Hyperparameters.of(Map.of("train.file", fa, "mode", "one-vs-rest"))).orElseThrow());
    }

    @Test
    void everyProblemOfEveryFileIsNamedAndNothingLoads() {
        String train = Files2.write(dir, "t.fa", ">a label=A\nMK\n>b\nMK\n>a label=B\nMQ\n");
        String test = Files2.write(dir, "s.fa", ">c label=Z\nMK\n");
        String tsv = Files2.write(dir, "l.tsv", "x\ty\tz\n");
        assertEquals(String.join("\n",
                tsv + ":1: expected 'id<TAB>family', found 3 field(s)"), message(load("train.file", train, "test.file", test, "labels", tsv)));
        String m = message(load("train.file", train, "test.file", test));
        assertEquals(String.join("\n",
                train + ":3: record 'b' has no label (no label=FAMILY in its header, no #=GF ID in its alignment, and not in data.labels)",
                train + ":5: duplicate id 'a' (first at " + train + ":1)",
                test + ":1: family 'Z' of record 'c' has no member in the training file"), m);
    }

    @Test
    void longSequencesAreTruncatedOrRefused() {
        String fa = Files2.write(dir, "l.fa", ">a label=A\nMKVLA\n>b label=B\nMK\n>c label=A\nMK\n>d label=B\nMKW\n");
        TaskData d = load("train.file", fa, "max.length", "3", "test.fraction", "0", "validation.fraction", "0",
                "class.weights", "none").get();
        assertEquals(3, d.train().get(0).length());
        assertEquals(fa + ":1: record 'a' has 5 residues, more than data.max.length=3 (data.too.long=refuse)",
                message(load("train.file", fa, "max.length", "3", "too.long", "refuse")));
    }

    @Test
    void refusesAFileThatIsNeitherFastaNorStockholmAndASingleFamily() {
        String bad = Files2.write(dir, "b.txt", "\nid,family\n");
        assertEquals(bad + ":2: neither FASTA (a first line '>id ...') nor Stockholm ('# STOCKHOLM 1.0')",
                message(load("train.file", bad)));
        String one = Files2.write(dir, "o.fa", ">a label=A\nMK\n>b label=A\nMQ\n");
        assertEquals(one + ": needs members of at least two families, found 1", message(load("train.file", one)));
    }

    @Test
    void balancedWeightsResampleTheTrainingSet() {
        String fa = Files2.resource("families.fasta");
        TaskData none = load("train.file", fa, "class.weights", "none", "test.fraction", "0.25").get();
        TaskData balanced = load("train.file", fa, "class.weights", "balanced", "test.fraction", "0.25").get();
        // 8 per family: 2 tested, 1 validated, 5 trained; the families are already balanced
        assertEquals(15, none.train().size());
        assertEquals(15, balanced.train().size());
        String skewed = Files2.write(dir, "s.fa", ">a1 label=A\nMK\n>a2 label=A\nMQ\n>a3 label=A\nMR\n>b1 label=B\nWW\n");
        TaskData s = load("train.file", skewed, "test.fraction", "0", "validation.fraction", "0").get();
        assertEquals(6, s.train().size());
        assertEquals(3, s.train().sequences().stream().filter(q -> q.target(q.length() - 1, 1) == 1).count());
    }
}
