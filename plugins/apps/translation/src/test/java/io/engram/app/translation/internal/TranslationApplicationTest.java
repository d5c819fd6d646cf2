package io.engram.app.translation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.PredictionFormat;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.tensor.DType;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranslationApplicationTest {
    private final TranslationApplication app = new TranslationApplication();

    private Hyperparameters params(Map<String, String> raw) {
        return TranslationApplication.SCHEMA.validate(raw, "data.").get();
    }

    @Test
    void encodesPairsAsTheSeq2seqFamilyReadsThem() {
        Path train = TestCorpus.write("train", List.of("The red cat.\tEl gato rojo.", "The cat.\tEl gato."));
        Path test = TestCorpus.write("test", List.of("The blue cat.\tEl gato azul."));
        TaskData data = app.load(params(Map.of("file", train.toString(), "test.file", test.toString(),
                "validation.fraction", "0")), 1).get();
        assertEquals("softmax-ce", data.loss());
        assertEquals(2, data.train().size());
        assertEquals(0, data.validation().size());
        // source vocabulary: </s> <unk> the cat . red  (by frequency, ties in order of appearance)
        assertEquals(6, data.inputSize());
        // target: </s> <unk> el gato . rojo
        assertEquals(6, data.outputSize());
        Sequence first = data.train().get(0);
        assertArrayEquals(new int[] {2, 5, 3, 4}, Encoding.source(first));
        assertEquals(5, first.length(), "four tokens and the end token");
        assertEquals(1.0, first.input(4, Vocabulary.END));
        assertArrayEquals(new int[] {2, 3, 5, 4, 0}, first.labels(), "el gato rojo . </s>");
        Sequence unseen = data.test().get(0);
        assertArrayEquals(new int[] {2, Vocabulary.UNKNOWN, 3, 4}, Encoding.source(unseen),
                "'blue' is only in the test file: the vocabulary comes from the training side");
        assertArrayEquals(new int[] {2, 3, Vocabulary.UNKNOWN, 4, 0}, unseen.labels());
    }

    @Test
    void splitsTheFileBySeedAndLearnsOnlyFromTraining() {
        Map<String, String> raw = Map.of("file", TestCorpus.file(), "validation.fraction", "0.1",
                "test.fraction", "0.2");
        TaskData a = app.load(params(raw), 5).get();
        assertEquals(42, a.train().size());
        assertEquals(6, a.validation().size());
        assertEquals(12, a.test().size());
        assertEquals(a.test(), app.load(params(raw), 5).get().test());
        assertFalse(a.test().equals(app.load(params(raw), 6).get().test()), "another seed, another split");
    }

    @Test
    void bpeVocabulariesAreSubwords() {
        Path train = TestCorpus.write("bpe", List.of("lowest newest\tbajo nuevo", "low lower\tbajo más bajo"));
        TaskData data = app.load(params(Map.of("file", train.toString(), "tokens", "bpe", "bpe.merges", "3",
                "validation.fraction", "0", "test.fraction", "0")), 1).get();
        List<String> vocabulary = app.payloads(data).strings("translation.source.vocabulary").get();
        assertTrue(vocabulary.contains("</w>") && vocabulary.contains("e"), vocabulary.toString());
        assertEquals(List.of("l o", "lo w", "low e"), app.payloads(data).strings("translation.source.merges").get()
                .subList(0, 3), "l o, o w and w e occur 3 times: l o is seen first; then lo w and w e tie, and so on");
    }

    @Test
    void vocabularySizeCapsAndUnknowns() {
        TaskData data = app.load(params(Map.of("file", TestCorpus.file(), "source.vocabulary", "5")), 1).get();
        assertEquals(5, data.inputSize());
        assertTrue(data.train().sequences().stream().anyMatch(s -> List.of(java.util.Arrays.stream(Encoding.source(s))
                .boxed().toArray()).contains(Vocabulary.UNKNOWN)));
    }

    @Test
    void predictionsReadSentencesWithTheStoredVocabularies() {
        Map<String, String> raw = Map.of("file", TestCorpus.file());
        TaskData data = app.load(params(raw), 1).get();
        Payloads payloads = app.payloads(data);
        PredictionFormat format = new TranslationApplication().predictions(params(raw), payloads).get();
        Path sentences = TestCorpus.write("sentences", List.of("The red cat.", "The purple dog."));
        List<PredictionFormat.Record> records = format.read(sentences).get();
        assertEquals(2, records.size());
        assertEquals("The red cat.", records.get(0).text());
        assertTrue(records.get(1).name().endsWith(":2"), records.get(1).name());
        List<String> source = payloads.strings("translation.source.vocabulary").get();
        double[][] inputs = records.get(1).inputs();
        assertEquals(5, inputs.length);
        assertEquals(1.0, inputs[1][Vocabulary.UNKNOWN], "purple is unknown");
        assertEquals(1.0, inputs[2][source.indexOf("dog")]);
        assertEquals(1.0, inputs[4][Vocabulary.END]);

        List<String> target = payloads.strings("translation.target.vocabulary").get();
        int[] tokens = {target.indexOf("el"), target.indexOf("gato"), target.indexOf("rojo"),
            target.indexOf(WordTokenizer.JOINER + "."), Vocabulary.END};
        double[][] attention = new double[5][5];
        for (int i = 0; i < 5; i++) {
            attention[i][Math.min(i, 4)] = 1.0;
        }
        PredictionFormat.Prediction prediction = new PredictionFormat.Prediction(new double[5][target.size()], tokens,
                attention);
        assertEquals("el gato rojo.", format.format(records.get(0), prediction));
        PredictionFormat.Heatmap map = format.heatmap(records.get(0), prediction).get();
        assertEquals(List.of("the", "red", "cat", WordTokenizer.JOINER + ".", "</s>"), map.columns());
        assertEquals(List.of("el", "gato", "rojo", WordTokenizer.JOINER + ".", "</s>"), map.rows());
        assertTrue(format.heatmap(records.get(0), new PredictionFormat.Prediction(new double[0][], tokens,
                new double[0][])).isEmpty());
    }

    @Test
    void predictionsNameTheLineOfABadSentence() {
        Map<String, String> raw = Map.of("file", TestCorpus.file());
        PredictionFormat format = app.predictions(params(raw), app.payloads(app.load(params(raw), 1).get())).get();
        Try<List<PredictionFormat.Record>> read = format.read(TestCorpus.write("blank", List.of("the cat", "", "a")));
        assertTrue(read.isFailure());
        assertTrue(read.getCause().getMessage().contains(":2") && read.getCause().getMessage().contains("empty line"),
                read.getCause().getMessage());
    }

    @Test
    void bpePredictionsUseTheStoredMerges() {
        Map<String, String> raw = Map.of("file", TestCorpus.file(), "tokens", "bpe", "bpe.merges", "40");
        TaskData data = app.load(params(raw), 1).get();
        Payloads payloads = app.payloads(data);
        PredictionFormat format = new TranslationApplication().predictions(params(raw), payloads).get();
        List<String> source = payloads.strings("translation.source.vocabulary").get();
        PredictionFormat.Record record = format.read(TestCorpus.write("bpe-sentences", List.of("The cats."))).get()
                .get(0);
        TextCodec codec = CodecPayloads.codec(payloads, "source", TranslationSettings.of(params(raw)));
        List<String> subwords = codec.tokens("The cats.");
        assertTrue(subwords.size() > 3, "an unseen word is split into known subwords: " + subwords);
        double[][] inputs = record.inputs();
        assertEquals(subwords.size() + 1, inputs.length);
        for (int t = 0; t < subwords.size(); t++) {
            assertEquals(1.0, inputs[t][Math.max(source.indexOf(subwords.get(t)), Vocabulary.UNKNOWN)], subwords.get(t));
        }
        List<String> target = payloads.strings("translation.target.vocabulary").get();
        int[] ids = new TextCodec(new WordTokenizer(true), CodecPayloads.codec(payloads, "target",
                TranslationSettings.of(params(raw))).bpe(), new Vocabulary(target)).encode("El perro viejo.");
        assertEquals("el perro viejo.", format.format(record, new PredictionFormat.Prediction(new double[0][],
                ids, new double[0][])));
    }

    @Test
    void malformedMergesAreNamed() {
        Map<String, String> raw = Map.of("file", TestCorpus.file(), "tokens", "bpe");
        Payloads bad = new Payloads(Map.of(), Map.of(), Map.of("translation.source.vocabulary",
                List.of("</s>", "<unk>", "a"), "translation.source.merges", List.of("a b", "ab")));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CodecPayloads.codec(bad, "source", TranslationSettings.of(params(raw))));
        assertTrue(e.getMessage().contains("translation.source.merges") && e.getMessage().contains("entry 1"),
                e.getMessage());
    }

    @Test
    void predictionsNeedTheVocabularies() {
        Map<String, String> raw = Map.of("file", TestCorpus.file());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> app.predictions(params(raw), Payloads.empty()));
        assertTrue(e.getMessage().contains("translation.source.vocabulary"), e.getMessage());
    }

    /**
     * Sentences that stay the same in translation (names) make copying score: the test split's
     * bleu.copy is the BLEU of its source sentences as written (lower-cased) against its references,
     * also on a shuffled copy of the split (the texts travel with the dataset).
     */
    @Test
    void copyBaselineScoresTheSentencesAsWritten() {
        List<String> lines = new ArrayList<>(TestCorpus.lines(40, 3));
        Path train = TestCorpus.write("names-train", lines);
        List<String> test = List.of("GNU Emacs for X.\tGNU Emacs for X.", "The old car.\tEl coche viejo.",
                "Free Pascal compiler tools.\tFree Pascal compiler tools.", "The Big Dog.\tEl Perro Grande.");
        TaskData data = app.load(params(Map.of("file", train.toString(), "test.file",
                TestCorpus.write("names-test", test).toString())), 2).get();
        ReferenceRnn family = new ReferenceRnn();
        Network net = family.create(new ModelSpec(family.id(), data.inputSize(), data.outputSize(), DType.F64,
                family.schema().validate(Map.of("hidden", "3"), "model.").get()), new ReferenceBackend(), 1);
        Map<String, Double> metrics = app.evaluate(net, new ReferenceBackend().ops(), data.test().shuffled(5), 1);
        List<String> sources = test.stream().map(l -> l.split("\t")[0].toLowerCase()).toList();
        List<String> references = test.stream().map(l -> l.split("\t")[1].toLowerCase()).toList();
        assertEquals(Bleu.corpus(sources, references), metrics.get("bleu.copy"), 1e-12);
        assertTrue(metrics.get("bleu.copy") > 30 && metrics.get("bleu.copy") < 100, metrics.toString());
        assertEquals(java.util.Set.of("bleu", "chrf", "bleu.copy"), metrics.keySet());
    }
}
