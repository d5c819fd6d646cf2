package io.engram.app.speechsynthesis.internal;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speech-synthesis application, an LSTM encoder-decoder with additive attention writing frames
 * ({@code model.output=frames}), the mse loss and the BPTT trainer together: "words" of two or three
 * of five symbols, each symbol spoken as 80 ms of a tone of its own pitch (300 to 1500 Hz) and 20 ms
 * of silence, with a little noise, as 8 kHz WAV files and manifests. After a few seconds of training,
 * the mel-cepstral distortion of the held-apart words (combinations never heard) is below the mean
 * frame's and the nearest training word's, and the written WAV files are read back at the job's rate.
 */
class SpeechSynthesisLearningTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final String[] SYMBOLS = {"a", "b", "c", "d", "e"};
    private static final int RATE = 8000;

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void attentionBeatsTheMeanFrameAndTheNearestUtterance() throws IOException {
        List<String> words = new ArrayList<>();
        for (String a : SYMBOLS) {
            for (String b : SYMBOLS) {
                words.add(a + " " + b);
                for (String c : SYMBOLS) {
                    words.add(a + " " + b + " " + c);
                }
            }
        }
        SplittableRandom r = new SplittableRandom(5);
        for (int i = words.size() - 1; i > 0; i--) {
            java.util.Collections.swap(words, i, r.nextInt(i + 1));
        }
        Files.createDirectories(dir.resolve("wav"));
        Path train = manifest("train.tsv", words.subList(0, 56), r);
        Path test = manifest("test.tsv", words.subList(56, 68), r);
        SpeechSynthesisApplication app = new SpeechSynthesisApplication();
        Path audio = dir.resolve("out");
        TaskData data = app.load(app.schema().validate(Map.of("manifest", train.toString(), "test.manifest",
                test.toString(), "validation.fraction", "0.1", "fft", "256", "hop.ms", "20", "mels", "16", "ceps", "8",
                "audio.dir", audio.toString(), "audio.count", "2", "griffin.lim.iterations", "8"), "data.").get(), 1)
                .get();

        NetworkFamily family = new Seq2seqFamily().bind(Map.of("encoder", new LstmFamily(), "decoder",
                new LstmFamily()));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("context", 32);
        hyper.put("start", 0);
        hyper.put("end", 0);
        hyper.put("attention", "additive");
        hyper.put("attention.size", 16);
        hyper.put("attention.feeding", false);
        hyper.put("embedding", 8);
        hyper.put("output", "frames");
        hyper.put("encoder.family", "lstm");
        hyper.put("encoder.hidden", 32);
        hyper.put("decoder.family", "lstm");
        hyper.put("decoder.hidden", 32);
        Network net = family.create(new ModelSpec("seq2seq", data.inputSize(), data.outputSize(), DType.F32,
                Hyperparameters.of(hyper)), BACKEND, 1);
        Trainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).validation(data.validation()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", "30", "batch.size", "8", "lr", "0.01", "clip", "5"))
                .seed(1).build();
        TrainingResult result = trainer.train(c);
        assertFalse(result.failed(), result.stopReason());

        Map<String, Double> metrics = app.evaluate(net, BACKEND.ops(), data.test(), 1);
        System.out.println("speech synthesis end to end, test: " + metrics);
        assertTrue(metrics.get("mcd") < 0.8 * metrics.get("baseline.mcd"), metrics.toString());
        assertTrue(metrics.get("mcd") < metrics.get("nearest.mcd"), metrics.toString());
        assertTrue(metrics.get("length.error") < 0.3, metrics.toString());
        try (Stream<Path> written = Files.list(audio)) {
            List<Path> files = written.sorted().toList();
            assertTrue(files.size() == 4, files.toString());
            for (Path f : files) {
                Audio a = WavFile.read(f.toString(), Files.readAllBytes(f));
                assertTrue(a.rate() == RATE && a.seconds() > 0.1, f + ": " + a.seconds() + " s at " + a.rate());
            }
        }
    }

    /** A manifest of {@code words}, each symbol a tone, written with its WAV files. */
    private Path manifest(String name, List<String> words, SplittableRandom r) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String w : words) {
            String file = "wav/" + w.replace(" ", "") + ".wav";
            String[] symbols = w.split(" ");
            double[] x = new double[symbols.length * 800 + 400];
            for (int s = 0; s < symbols.length; s++) {
                double f = 300 + 300 * (symbols[s].charAt(0) - 'a');
                for (int i = 0; i < 640; i++) {
                    x[200 + s * 800 + i] = 0.5 * Math.sin(2 * Math.PI * f * i / RATE) * Math.sin(Math.PI * i / 640);
                }
            }
            for (int i = 0; i < x.length; i++) {
                x[i] += 0.003 * (r.nextDouble() - 0.5);
            }
            WavFile.write(dir.resolve(file), new Audio(x, RATE));
            lines.add(file + "\t" + w + "\t" + w);
        }
        return Files.write(dir.resolve(name), lines);
    }
}
