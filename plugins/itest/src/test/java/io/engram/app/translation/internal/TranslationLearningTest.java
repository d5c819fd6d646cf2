package io.engram.app.translation.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.family.seq2seq.internal.Seq2seqFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the translation application's data trains an LSTM encoder-decoder with additive
 * attention by BPTT, and on test phrases whose word combinations never occur in training its greedy
 * BLEU is far above copying the source. The language: "the|a ADJ NOUN ." becomes "el|un NOUN ADJ ."
 * (the adjective moves behind the noun), 8 nouns and 6 adjectives; 64 of the 96 phrases train, 16
 * validate, 16 test. Copying scores BLEU 0 (no 4-gram in common); the model reaches over 50.
 */
class TranslationLearningTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final String[][] NOUNS = {{"cat", "gato"}, {"dog", "perro"}, {"book", "libro"},
        {"car", "coche"}, {"tree", "árbol"}, {"horse", "caballo"}, {"bird", "pájaro"}, {"table", "banco"}};
    private static final String[][] ADJECTIVES = {{"red", "rojo"}, {"big", "grande"}, {"old", "viejo"},
        {"new", "nuevo"}, {"small", "pequeño"}, {"black", "negro"}};
    private static final String[][] ARTICLES = {{"the", "el"}, {"a", "un"}};

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void attentionModelBeatsTheCopyBaseline() throws IOException {
        List<String> phrases = new ArrayList<>();
        for (String[] a : ARTICLES) {
            for (String[] n : NOUNS) {
                for (String[] j : ADJECTIVES) {
                    phrases.add(a[0] + " " + j[0] + " " + n[0] + ".\t" + a[1] + " " + n[1] + " " + j[1] + ".");
                }
            }
        }
        SplittableRandom r = new SplittableRandom(3);
        for (int i = phrases.size() - 1; i > 0; i--) {
            java.util.Collections.swap(phrases, i, r.nextInt(i + 1));
        }
        Path train = write("train.tsv", phrases.subList(0, 64));
        Path validation = write("validation.tsv", phrases.subList(64, 80));
        Path test = write("test.tsv", phrases.subList(80, 96));
        TranslationApplication app = new TranslationApplication();
        TaskData data = app.load(app.schema().validate(Map.of("file", train.toString(), "validation.file",
                validation.toString(), "test.file", test.toString(), "beam", "3"), "data.").get(), 1).get();

        NetworkFamily family = new Seq2seqFamily().bind(Map.of("encoder", new LstmFamily(), "decoder",
                new LstmFamily()));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("context", 24);
        hyper.put("start", 0);
        hyper.put("end", 0);
        hyper.put("attention", "additive");
        hyper.put("attention.size", 16);
        hyper.put("attention.feeding", false);
        hyper.put("embedding", 12);
        hyper.put("encoder.family", "lstm");
        hyper.put("encoder.hidden", 24);
        hyper.put("decoder.family", "lstm");
        hyper.put("decoder.hidden", 24);
        Network net = family.create(new ModelSpec("seq2seq", data.inputSize(), data.outputSize(), DType.F32,
                Hyperparameters.of(hyper)), BACKEND, 1);
        Trainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", "60", "batch.size", "8", "lr", "0.01", "clip", "5"))
                .seed(1).build();
        TrainingResult result = trainer.train(c);
        assertFalse(result.failed(), result.stopReason());

        Map<String, Double> metrics = app.evaluate(net, BACKEND.ops(), data.test(), 1);
        System.out.println("translation end to end, test: " + metrics);
        assertTrue(metrics.get("bleu.copy") < 1, metrics.toString());
        assertTrue(metrics.get("bleu") > metrics.get("bleu.copy") + 50, metrics.toString());
        assertTrue(metrics.get("bleu.beam") > metrics.get("bleu.copy") + 50, metrics.toString());
        assertTrue(metrics.get("chrf") > 70, metrics.toString());
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }
}
