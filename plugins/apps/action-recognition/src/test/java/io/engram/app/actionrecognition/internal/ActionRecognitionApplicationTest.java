package io.engram.app.actionrecognition.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
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

class ActionRecognitionApplicationTest {
    private final ActionRecognitionApplication app = new ActionRecognitionApplication();
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
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void syntheticDataHoldsTheLastPerformersApartAndTargetsTheLastFrame() {
        TaskData d = load("performers", "4", "test.performers", "1", "per.action", "2", "frames", "20", "frame.step", "2",
                "validation.fraction", "0.25").get();
        assertEquals(7 * 2, d.test().size(), "one performer's sequences");
        assertEquals(3 * 7 * 2, d.train().size() + d.validation().size());
        assertEquals(11, d.validation().size());
        assertEquals(45, d.inputSize(), "3 x 15 joints");
        assertEquals(7, d.outputSize());
        Sequence s = d.test().get(0);
        assertEquals(10, s.length(), "every second of 20 frames");
        assertTrue(s.hasTarget(9) && !s.hasTarget(8));
        assertEquals(1.0, s.target(9, 6), "the first test sequence waves; wave is the last action by name");
    }

    @Test
    void readsCsvAndBvhListsWithPerformersHeldOut() throws IOException {
        StringBuilder csv = new StringBuilder("sequence,frame,joint,x,y,z,label,performer\n");
        String[] performers = {"ann", "bob", "cy", "dee"};
        for (int p = 0; p < 4; p++) {
            for (String label : List.of("up", "down")) {
                for (int f = 0; f < 5; f++) {
                    double y = label.equals("up") ? f : -f;
                    String id = performers[p] + "-" + label;
                    csv.append(id).append(',').append(f).append(",root,0,").append(y).append(",0,").append(label)
                            .append(',').append(performers[p]).append('\n');
                    csv.append(id).append(',').append(f).append(",hand,1,").append(y + 1).append(",0,").append(label)
                            .append(',').append(performers[p]).append('\n');
                }
            }
        }
        TaskData d = load("source", "files", "train.file", write("m.csv", csv.toString()), "test.fraction", "0.25",
                "validation.fraction", "0").get();
        assertEquals(2, d.test().size(), "dee's two sequences");
        assertEquals(6, d.train().size());
        assertEquals(6, d.inputSize());

        String bvh = BvhReaderTest.ARM;
        write("bvh/a.bvh", bvh);
        write("bvh/b.bvh", bvh.replace("10 0 0", "11 0 0"));
        write("bvh/c.bvh", bvh.replace("10 0 0", "12 0 0"));
        String list = write("bvh/list.tsv", "# file, label, performer\na.bvh\tup\tann\nb.bvh\tdown\tbob\n");
        String tests = write("bvh/test.tsv", "c.bvh\tdown\n");
        TaskData b = load("source", "files", "train.file", list, "test.file", tests, "validation.fraction", "0").get();
        assertEquals(2, b.train().size());
        assertEquals(1, b.test().size());
        assertEquals(12, b.inputSize(), "3 x (hips, shoulder, elbow, elbow_end)");
    }

    @Test
    void badFilesAreRefusedWithEveryProblemNamed() throws IOException {
        String list = write("bvh/list.tsv", "a.bvh\tup\n../x.bvh\tdown\nmissing.bvh\tup\nonly-one-field\n");
        write("bvh/a.bvh", BvhReaderTest.ARM.replace("Frames: 2", "Frames: x"));
        Try<TaskData> t = load("source", "files", "train.file", list);
        assertTrue(t.isFailure());
        String m = t.getCause().getMessage();
        assertTrue(m.contains("a.bvh:22: 'Frames:' needs a positive whole number, found 'x'"), m);
        assertTrue(m.contains("list.tsv:2: field 1: '../x.bvh' must be a path inside the list's folder"), m);
        assertTrue(m.contains("list.tsv:3: '") && m.contains("missing.bvh' cannot be read"), m);
        assertTrue(m.contains("list.tsv:4: expected 'file.bvh<TAB>label[<TAB>performer]', found 1 field(s)"), m);
    }

    @Test
    void writesTheConfusionMatricesOfTheTestSetAsCsvAndPng() throws IOException {
        String report = "target/test-reports/action-confusion";
        TaskData d = load("performers", "3", "test.performers", "1", "per.action", "1", "frames", "8",
                "report", report).get();
        Map<String, Double> m = ActionRecognitionApplication.metrics(d.test(), constant(d.test(), 1));
        assertEquals(1 / 7.0, m.get("accuracy"), 1e-12, "always 'kick', one of seven");
        assertEquals(1.0, m.get("recall.kick"));
        List<String> csv = Files.readAllLines(Path.of(report + ".csv"));
        assertEquals("truth\\predicted,jump,kick,punch,sit-down,stand-up,walk,wave", csv.get(0));
        assertEquals("jump,0,1,0,0,0,0,0", csv.get(1));
        assertEquals(8, Files.readAllLines(Path.of(report + "-baseline.csv")).size());
        assertTrue(ImageIO.read(Path.of(report + ".png").toFile()).getWidth() > 400);
        Files.delete(Path.of(report + ".csv"));
        assertTrue(ActionRecognitionApplication.metrics(d.validation(), constant(d.validation(), 1))
                .containsKey("baseline.accuracy"));
        assertTrue(Files.notExists(Path.of(report + ".csv")), "only the test set writes the report");
    }

    /** Outputs that always name class {@code k}. */
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
