package io.engram.app.subcellular.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.TaskData;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubcellularApplicationTest {
    private final SubcellularApplication app = new SubcellularApplication();
    @TempDir
    Path dir;

    private Try<TaskData> load(String... keyValues) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return app.load(app.schema().validate(raw, "data.").get(), 1);
    }

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void readsCompartmentsFromFastaHeadersAndTheLabelsTable() throws IOException {
        String train = write("train.fa", ">a loc=Nucleus\nMPKKKRKV\n>b loc=Nucleus\nMAPKKKRKVA\n>c loc=Cytoplasm\nMAAAG\n"
                + ">d loc=Cytoplasm\nMGGA\n>e\nMKDEL\n");
        String test = write("test.fa", ">f loc=Nucleus\nMKKKRK\n>g loc=Cytoplasm\nMAG\n");
        String labels = write("labels.tsv", "e\tCytoplasm\n");
        TaskData d = load("source", "files", "train.file", train, "test.file", test, "labels", labels,
                "validation.fraction", "0", "class.weights", "none").get();
        assertEquals(5, d.train().size());
        assertEquals(2, d.test().size());
        assertEquals(21, d.inputSize());
        assertEquals(List.of("Cytoplasm", "Nucleus"), SubcellularInfo.of(d.train()).get().classes());
        assertEquals(1.0, d.test().get(0).target(5, 1), "f is in the Nucleus, output 1");

        String other = write("other.fa", ">a where:Nucleus\nMK\n>b where:Golgi\nMA\n");
        TaskData o = load("source", "files", "train.file", other, "label.key", "where:", "test.fraction", "0",
                "validation.fraction", "0").get();
        assertEquals(2, o.outputSize());
    }

    @Test
    void everyProblemIsNamedByFileAndLine() throws IOException {
        String train = write("train.fa", ">a loc=Nucleus\nMK1\n>b\nMA\n>c loc=Nucleus\nMA\n");
        String test = write("test.fa", ">d loc=Golgi\nMA\n>a loc=Nucleus\nMK\n");
        Try<TaskData> t = load("source", "files", "train.file", train, "test.file", test);
        assertTrue(t.isFailure());
        String m = t.getCause().getMessage();
        assertTrue(m.contains("train.fa:2: invalid residue character '1' (U+0031) at column 3"), m);
        Try<TaskData> labels = load("source", "files", "train.file", write("ok.fa", ">a loc=Nucleus\nMK\n>b\nMA\n>c loc=Nucleus\nMA\n"),
                "test.file", test);
        String n = labels.getCause().getMessage();
        assertTrue(n.contains("ok.fa:3: record 'b' has no compartment (no loc=CLASS in its header, and not in data.labels)"), n);
        assertTrue(n.contains("test.fa:1: compartment 'Golgi' of record 'd' has no sequence in the training file"), n);
        assertTrue(n.contains("test.fa:3: duplicate id 'a' (first at " + dir.resolve("ok.fa") + ":1)"), n);
    }

    @Test
    void longSequencesKeepBothEnds() throws IOException {
        String train = write("long.fa", ">a loc=X\nMAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAKDEL\n"
                + ">b loc=Y\nMG\n");
        TaskData d = load("source", "files", "train.file", train, "test.fraction", "0", "validation.fraction", "0",
                "max.residues", "10", "class.weights", "none").get();
        double[][] x = d.train().get(0).inputs();
        assertEquals(10, x.length);
        assertEquals(1.0, x[0]["ACDEFGHIKLMNPQRSTVWY".indexOf('M')]);
        assertEquals(1.0, x[9]["ACDEFGHIKLMNPQRSTVWY".indexOf('L')]);
        assertEquals(1.0, x[6]["ACDEFGHIKLMNPQRSTVWY".indexOf('K')]);
    }

    @Test
    void metricsBesideTheMajorityAndCompositionBaselinesAndAReport() throws IOException {
        String report = "target/test-reports/subcellular-confusion";
        TaskData d = load("per.class", "10", "min.length", "30", "max.length", "40", "report", report,
                "class.weights", "none").get();
        Dataset test = d.test();
        Map<String, Double> m = SubcellularApplication.metrics(test, constant(test, 3));
        assertEquals(1 / 6.0, m.get("accuracy"), 1e-12, "always Nucleus; the test set has as many of each class");
        assertEquals(1.0, m.get("recall.Nucleus"));
        assertEquals(1 / 6.0, m.get("precision.Nucleus"), 1e-12);
        assertEquals(0.0, m.get("f1.ER"));
        assertEquals(1 / 6.0, m.get("baseline.majority.accuracy"), 1e-12);
        assertTrue(m.get("baseline.composition.accuracy") > 1 / 6.0, m.toString());
        assertEquals("truth\\predicted,Cytoplasm,ER,Mitochondrion,Nucleus,Peroxisome,Secreted",
                Files.readAllLines(Path.of(report + ".csv")).get(0));
        assertTrue(ImageIO.read(Path.of(report + ".png").toFile()).getHeight() > 300);
    }

    private static List<double[][]> constant(Dataset data, int k) {
        return data.sequences().stream().map(s -> {
            double[][] y = new double[s.length()][data.outputSize()];
            for (double[] row : y) {
                row[k] = 1;
            }
            return y;
        }).toList();
    }
}
