package io.engram.app.csv.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.State;
import io.engram.api.Step;
import io.engram.api.StepContext;
import io.engram.api.TaskData;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvApplicationTest {
    private final CsvApplication app = new CsvApplication();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Try<TaskData> load(Map<String, String> params, long seed) {
        return app.load(Hyperparameters.of(new HashMap<>(params)), seed);
    }

    @Test
    void rowsSeparatedByBlankLinesWithNumericTargets() throws IOException {
        Path f = write("a.csv", "# a comment\nx1,x2,y\n1,2,0.5\n3,4,0.25\n\n5,6,1\n\n\n7,8,\n9,10,2\n");
        TaskData d = load(Map.of("file", f.toString(), "input.columns", "x2,x1", "target.columns", "y",
                "validation.fraction", "0"), 1).get();
        assertEquals(3, d.train().size());
        assertEquals(0, d.validation().size());
        assertEquals(2, d.inputSize());
        assertEquals(1, d.outputSize());
        assertArrayEquals(new double[][] {{2, 1}, {4, 3}}, d.train().get(0).inputs());
        assertArrayEquals(new boolean[] {false, true}, d.train().get(2).targetMask(), "an empty target cell: no target");
        assertEquals("mse", d.loss());
        assertEquals(64, d.digest().length());
    }

    @Test
    void sequenceIdColumnAndSeededValidationSplit() throws IOException {
        StringBuilder text = new StringBuilder("id\tx\ty\n");
        for (int s = 0; s < 10; s++) {
            for (int t = 0; t <= s % 3; t++) {
                text.append("s").append(s).append('\t').append(t).append('\t').append(s).append('\n');
            }
        }
        Path f = write("b.tsv", text.toString());
        Map<String, String> p = Map.of("file", f.toString(), "sequence.column", "id", "input.columns", "x",
                "target.columns", "y", "validation.fraction", "0.3");
        TaskData a = load(p, 5).get();
        assertEquals(7, a.train().size());
        assertEquals(3, a.validation().size());
        assertEquals(a.validation(), load(p, 5).get().validation());
        TaskData other = load(Map.of("file", f.toString(), "sequence.column", "id", "input.columns", "x",
                "target.columns", "y", "validation.fraction", "0.3", "shuffle.seed", "99"), 5).get();
        assertNotEquals(a.validation(), other.validation());
    }

    @Test
    void linesLayoutWithClassLabelsAtTheLastStep() throws IOException {
        Path f = write("c.csv", "x,label\n0.1,;0.2,;0.3,cat\n1,;2,dog;\n5,bird\n");
        TaskData d = load(Map.of("file", f.toString(), "layout", "lines", "input.columns", "x",
                "target.columns", "label", "target.steps", "last", "loss", "softmax-ce", "validation.fraction", "0"), 1).get();
        assertEquals(3, d.outputSize(), "bird, cat, dog");
        assertEquals(3, d.train().get(0).length());
        assertArrayEquals(new boolean[] {false, false, true}, d.train().get(0).targetMask());
        assertArrayEquals(new double[] {0, 1, 0}, d.train().get(0).targets()[2], 0.0);
        assertArrayEquals(new double[] {0, 0, 1}, d.train().get(1).targets()[1], 0.0);
        assertEquals("softmax-ce", d.loss());
    }

    @Test
    void everyMalformedLineIsReportedWithFileAndLine() throws IOException {
        Path f = write("bad.csv", "x1,x2,y\n1,2,3\n1,2\n1,abc,3\n\"open,2,3\n1,2,\n\n4,5,6\n");
        Try<TaskData> t = load(Map.of("file", f.toString(), "input.columns", "x1,x2", "target.columns", "y",
                "target.steps", "last"), 1);
        assertTrue(t.isFailure());
        assertEquals(String.join("\n",
                f + ":3: expected 3 columns as in the header, found 2",
                f + ":4: column 'x2' is not a finite number",
                f + ":5: unclosed quote",
                f + ":6: target column 'y' is empty"), t.getCause().getMessage());
    }

    @Test
    void unknownColumnsAndMissingFilesAreNamed() throws IOException {
        Path f = write("d.csv", "a,b\n1,2\n");
        Try<TaskData> t = load(Map.of("file", f.toString(), "input.columns", "a,z", "target.columns", "w",
                "validation.file", dir.resolve("none.csv").toString()), 1);
        assertEquals(dir.resolve("none.csv") + ": no such file", t.getCause().getMessage());
        Try<TaskData> u = load(Map.of("file", f.toString(), "input.columns", "a,z", "target.columns", "w"), 1);
        assertEquals(f + ":1: no column 'z' (input.columns) in the header (the header has 2 columns)\n"
                + f + ":1: no column 'w' (target.columns) in the header (the header has 2 columns)",
                u.getCause().getMessage());
        Try<TaskData> v = load(Map.of("input.columns", "a"), 1);
        assertEquals("data.file: required: the path of a readable file inside the data roots\n"
                + "data.target.columns: required: text", v.getCause().getMessage());
    }

    @Test
    void problemsAreCappedAndCounted() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            text.append("oops,1\n");
        }
        Path f = write("e.csv", text.toString());
        String msg = load(Map.of("file", f.toString(), "input.columns", "x", "target.columns", "y"), 1).getCause().getMessage();
        String[] lines = msg.split("\n");
        assertEquals(Problems.CAP + 1, lines.length);
        assertEquals(f + ":2: column 'x' is not a finite number", lines[0]);
        assertEquals("...: and 30 more", lines[lines.length - 1]);
    }

    @Test
    void invalidUtf8NamesTheByte() throws IOException {
        Path f = dir.resolve("f.csv");
        Files.write(f, new byte[] {'x', ',', 'y', '\n', '1', ',', (byte) 0xC3, '\n'});
        assertEquals(f + ":2: not UTF-8 text at byte 6",
                load(Map.of("file", f.toString(), "input.columns", "x", "target.columns", "y"), 1).getCause().getMessage());
    }

    @Test
    void digestFollowsTheBytes() throws IOException {
        Path f = write("g.csv", "x,y\n1,2\n");
        Map<String, String> p = Map.of("file", f.toString(), "input.columns", "x", "target.columns", "y", "validation.fraction", "0");
        String before = load(p, 1).get().digest();
        assertEquals(before, load(p, 2).get().digest());
        write("g.csv", "x,y\n1,3\n");
        assertNotEquals(before, load(p, 1).get().digest());
    }

    @Test
    void evaluateReportsAccuracyForClassesAndErrorsOtherwise() throws IOException {
        Path f = write("h.csv", "a,b,ta,tb\n2,1,1,0\n0,3,0,1\n\n5,1,0,1\n");
        TaskData d = load(Map.of("file", f.toString(), "input.columns", "a,b", "target.columns", "ta,tb",
                "validation.fraction", "0"), 1).get();
        try (ReferenceBackend backend = new ReferenceBackend()) {
            Network echo = new Echo(new ModelSpec("echo", 2, 2, DType.F64, Hyperparameters.empty()));
            Map<String, Double> m = app.evaluate(echo, backend.ops(), d.train());
            assertEquals(2 / 3.0, m.get("accuracy"), 1e-12);
            Path g = write("i.csv", "a,b,ta,tb\n2,1,1.5,0\n");
            TaskData r = load(Map.of("file", g.toString(), "input.columns", "a,b", "target.columns", "ta,tb",
                    "validation.fraction", "0"), 1).get();
            Map<String, Double> e = app.evaluate(echo, backend.ops(), r.train());
            assertEquals((0.25 + 1) / 2, e.get("mse"), 1e-12);
            assertEquals((0.5 + 1) / 2, e.get("mae"), 1e-12);
        }
    }

    /** A network whose output is its input. */
    private static final class Echo implements Network {
        private final ModelSpec spec;

        Echo(ModelSpec spec) {
            this.spec = spec;
        }

        @Override
        public ModelSpec spec() {
            return spec;
        }

        @Override
        public Map<String, Tensor> parameters() {
            return Map.of();
        }

        @Override
        public void setParameters(Map<String, Tensor> values) {
        }

        @Override
        public State initialState(Ops ops, int batch) {
            return new State(java.util.List.of());
        }

        @Override
        public Step step(Ops ops, Map<String, Tensor> params, Tensor x, State state, StepContext context) {
            return new Step(x, state);
        }
    }

    @Test
    void theAnnouncedLossIsDataLoss() {
        assertEquals(java.util.Optional.of("softmax-ce"), app.loss(Hyperparameters.of(new HashMap<>(Map.of(
                "file", "x.csv", "input.columns", "x", "target.columns", "y", "loss", "softmax-ce")))));
        assertEquals(java.util.Optional.of("mse"), app.loss(Hyperparameters.of(new HashMap<>(Map.of(
                "file", "x.csv", "input.columns", "x", "target.columns", "y")))));
    }

    @Test
    void theOutputsAreNamedByTheTargetColumnsOrTheListedClasses() {
        assertEquals(java.util.List.of("y", "z"), app.outputNames(Hyperparameters.of(new HashMap<>(Map.of(
                "file", "x.csv", "input.columns", "x", "target.columns", "y,z")))));
        assertEquals(java.util.List.of("cat", "dog"), app.outputNames(Hyperparameters.of(new HashMap<>(Map.of(
                "file", "x.csv", "input.columns", "x", "target.columns", "y", "loss", "softmax-ce", "classes", "cat,dog")))));
        assertEquals(java.util.List.of(), app.outputNames(Hyperparameters.of(new HashMap<>(Map.of(
                "file", "x.csv", "input.columns", "x", "target.columns", "y", "loss", "softmax-ce")))));
    }
}
