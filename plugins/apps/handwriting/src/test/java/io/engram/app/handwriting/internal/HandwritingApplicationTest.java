package io.engram.app.handwriting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.Payloads;
import io.engram.api.PredictionFormat;
import io.engram.api.TaskData;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandwritingApplicationTest {
    private static final HandwritingApplication APP = new HandwritingApplication();

    @TempDir
    Path dir;

    private static List<Ink> inks(String prefix, String writer, List<String> words, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Handwriter.Style style = Handwriter.style(writer, r, 0.3, 0.5, 1.5);
        List<Ink> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            out.add(Handwriter.word(style, words.get(i), prefix + i, r));
        }
        return out;
    }

    private Path csv(String name, List<Ink> inks) throws IOException {
        StringWriter w = new StringWriter();
        StrokesCsv.write(inks, w);
        Path file = dir.resolve(name);
        Files.writeString(file, w.toString());
        return file;
    }

    private Path inkml(String name, List<Ink> inks) throws IOException {
        StringBuilder s = new StringBuilder("<ink xmlns=\"http://www.w3.org/2003/InkML\">\n");
        for (Ink ink : inks) {
            s.append("<traceGroup xml:id=\"").append(ink.id()).append("\">\n<annotation type=\"truth\">")
                    .append(ink.label()).append("</annotation>\n");
            for (double[][] stroke : ink.strokes()) {
                s.append("<trace>");
                for (int i = 0; i < stroke.length; i++) {
                    s.append(i == 0 ? "" : ", ").append(stroke[i][0]).append(' ').append(stroke[i][1]).append(' ')
                            .append(stroke[i][2]);
                }
                s.append("</trace>\n");
            }
            s.append("</traceGroup>\n");
        }
        Path file = dir.resolve(name);
        Files.writeString(file, s.append("</ink>\n"));
        return file;
    }

    private static Hyperparameters files(Path train, Path test) {
        return APP.schema().validate(Map.of("source", "files", "train.file", train.toString(), "test.file",
                test.toString(), "validation.fraction", "0.25"), "data.").get();
    }

    @Test
    void csvAndInkmlFilesLoadIntoTheSameSequences() throws IOException {
        List<String> words = List.of("on", "no", "at", "to", "on", "no", "at", "ant");
        List<Ink> train = inks("a", "w1", words, 1);
        List<Ink> test = inks("b", "w2", List.of("to", "an"), 2);
        TaskData fromCsv = APP.load(files(csv("train.csv", train), csv("test.csv", test)), 1).get();
        TaskData fromInkml = APP.load(files(inkml("train.inkml", train), inkml("test.inkml", test)), 1).get();
        assertEquals(6, fromCsv.train().size());
        assertEquals(2, fromCsv.validation().size());
        assertEquals(2, fromCsv.test().size());
        assertEquals("ctc", fromCsv.loss());
        assertEquals(fromCsv.train(), fromInkml.train());
        assertEquals(fromCsv.test(), fromInkml.test());
        assertEquals(5, fromCsv.outputSize(), "the blank and a, n, o, t");
        Payloads payloads = APP.payloads(fromCsv);
        assertEquals(List.of("a", "n", "o", "t"), payloads.strings(HandwritingApplication.ALPHABET).orElseThrow());
        assertEquals(List.of("0.8"), payloads.strings(HandwritingApplication.SPACING).orElseThrow());
        PredictionFormat p = APP.predictions(files(dir.resolve("train.csv"), dir.resolve("test.csv")), payloads)
                .orElseThrow();
        List<PredictionFormat.Record> records = p.read(dir.resolve("test.inkml")).get();
        assertEquals(List.of("b0", "b1"), records.stream().map(PredictionFormat.Record::name).toList());
        double[][] outputs = new double[records.get(0).inputs().length][5];
        for (int t = 0; t < outputs.length; t++) {
            outputs[t][t < 3 ? 4 : t < 6 ? 0 : 3] = 1;
        }
        assertEquals("b0\tto", p.format(records.get(0), new PredictionFormat.Prediction(outputs, new int[0],
                new double[0][])));
    }

    @Test
    void aTestCharacterOutsideTheTrainingAlphabetIsNamedWithItsFileAndLine() throws IOException {
        List<Ink> train = inks("a", "w1", List.of("on", "no", "on", "no"), 1);
        Path test = csv("test.csv", inks("b", "w2", List.of("no", "ox"), 2));
        Throwable e = APP.load(files(csv("train.csv", train), test), 1).getCause();
        assertTrue(e instanceof IllegalArgumentException, String.valueOf(e));
        String m = e.getMessage();
        assertTrue(m.startsWith("data.test.file: " + test + ":"), m);
        assertTrue(m.contains(": sample b1: character 'x' (U+0078) at position 2 of \"ox\" is not in the alphabet \"no\""), m);
        Path broken = dir.resolve("broken.inkml");
        Files.writeString(broken, "<ink>\n<traceGroup><annotation type=\"truth\">on</annotation>\n<trace>1</trace>"
                + "</traceGroup></ink>");
        m = APP.load(files(csv("train2.csv", train), broken), 1).getCause().getMessage();
        assertTrue(m.startsWith("data.test.file: " + broken + ":3:"), m);
        assertTrue(m.contains("point 1 has 1 value, needs 2"), m);
    }
}
