package io.engram.app.proteinhomology.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.Payloads;
import io.engram.api.PredictionFormat.Prediction;
import io.engram.api.PredictionFormat.Record;
import io.engram.api.PredictionFormat;
import io.engram.layers.protein.Encoding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastaPredictionsTest {
    private final ProteinHomologyApplication app = new ProteinHomologyApplication();
    private final Payloads payloads = new Payloads(Map.of(), Map.of(),
            Map.of(ProteinHomologyApplication.FAMILIES, List.of("Globin", "fn3")));
    @TempDir
    Path dir;

    private PredictionFormat format(Map<String, String> raw) {
        Hyperparameters p = app.schema().validate(raw, "data.").get();
        return app.predictions(p, payloads).orElseThrow();
    }

    @Test
    void readsFastaRecordsEncodedLikeTheTrainingData() {
        String fa = Files2.write(dir, "q.fa", ">HBB_HUMAN beta\nMVHL\nTP\n>Q2\nkpv\n");
        List<Record> r = format(Map.of("train.file", "x", "encoding", "blosum62", "max.length", "5")).read(Path.of(fa)).get();
        assertEquals(List.of("HBB_HUMAN", "Q2"), r.stream().map(Record::name).toList());
        assertEquals("MVHLT", r.get(0).text());
        assertArrayEquals(Encoding.BLOSUM62.encode("MVHLT"), r.get(0).inputs());
        assertArrayEquals(Encoding.BLOSUM62.encode("KPV"), r.get(1).inputs());
    }

    @Test
    void refusesBadFilesNamingFileAndLine() {
        String fa = Files2.write(dir, "b.fa", ">a\nMK9\n>b\nMKVLA\n");
        String m = format(Map.of("train.file", "x", "max.length", "3", "too.long", "refuse")).read(Path.of(fa))
                .getCause().getMessage();
        assertEquals(fa + ":2: invalid residue character '9' (U+0039) at column 3; expected a one-letter amino-acid"
                + " code or a gap (. or -)\n" + fa + ":3: record 'b' has 5 residues, more than data.max.length=3"
                + " (data.too.long=refuse)", m);
        String sto = Files2.write(dir, "s.sto", "# STOCKHOLM 1.0\n");
        assertTrue(format(Map.of("train.file", "x")).read(Path.of(sto)).getCause().getMessage()
                .startsWith(sto + ":1: expected a FASTA header line"));
    }

    @Test
    void printsTheIdThePredictedFamilyAndEveryScore() {
        Record r = new Record("HBB_HUMAN", "MV", new double[2][21]);
        Prediction multiclass = new Prediction(new double[][] {{0.5, 0.5}, {0.97121, 0.02879}}, new int[0], new double[0][]);
        assertEquals("HBB_HUMAN\tGlobin\tGlobin=0.9712\tfn3=0.0288",
                format(Map.of("train.file", "x")).format(r, multiclass));
        // one-vs-rest: the sigmoid of each output
        Prediction ovr = new Prediction(new double[][] {{0, 0}, {-1.0, 2.0}}, new int[0], new double[0][]);
        assertEquals("HBB_HUMAN\tfn3\tGlobin=0.2689\tfn3=0.8808",
                format(Map.of("train.file", "x", "mode", "one-vs-rest")).format(r, ovr));
    }
}
