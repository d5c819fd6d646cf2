package io.engram.app.speech.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.TaskData;
import io.engram.api.TrainingResult;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.bidirectional.internal.BidirectionalFamily;
import io.engram.family.gru.internal.GruFamily;
import io.engram.loss.ctc.internal.CtcLoss;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speech application, the CTC loss, a bidirectional GRU and the BPTT trainer together: WAV files
 * of "spoken" words (each character a 60 ms tone of its own pitch, 400 to 1900 Hz, then 20 ms of silence, with noise)
 * listed in manifests, turned into log-mel features and transcribed character by character. After a
 * few seconds of training the held-apart test set's character error rate falls far below the trivial
 * baseline of an empty transcript (1.0) and below a third of the untrained network's.
 */
class SpeechCtcTrainingTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final List<String> WORDS = List.of("on", "no", "to", "at");

    @TempDir
    static Path dir;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    private static byte[] wav(double[] x) {
        ByteBuffer data = ByteBuffer.allocate(44 + 2 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        data.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * x.length)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * x.length);
        for (double v : x) {
            data.putShort((short) Math.round(v * 32767));
        }
        return data.array();
    }

    private static Path corpus(String name, int count, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder manifest = new StringBuilder();
        Files.createDirectories(dir.resolve("wav"));
        for (int i = 0; i < count; i++) {
            String text = WORDS.get(r.nextInt(WORDS.size())) + (r.nextBoolean() ? " " + WORDS.get(r.nextInt(4)) : "");
            double[] x = new double[text.length() * 640];
            for (int c = 0; c < text.length(); c++) {
                double hz = 400 + 500 * "aont".indexOf(text.charAt(c));
                for (int j = 0; j < 640; j++) {
                    double tone = j < 480 && text.charAt(c) != ' ' ? 0.4 * Math.sin(2 * Math.PI * hz * j / 8000) : 0;
                    x[c * 640 + j] = tone + r.nextDouble(-0.01, 0.01);
                }
            }
            String path = "wav/" + name + i + ".wav";
            Files.write(dir.resolve(path), wav(x));
            manifest.append(path).append('\t').append(text).append('\n');
        }
        Path file = dir.resolve(name + ".tsv");
        Files.writeString(file, manifest);
        return file;
    }

    @Test
    void aBidirectionalGruTrainedWithCtcTranscribesHeldApartUtterances() throws IOException {
        SpeechApplication app = new SpeechApplication();
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("manifest", corpus("train", 64, 1).toString());
        raw.put("validation.manifest", corpus("validation", 16, 2).toString());
        raw.put("test.manifest", corpus("test", 24, 3).toString());
        raw.put("sample.rate", "8000");
        raw.put("features", "logmel");
        raw.put("mels", "16");
        raw.put("deltas", "0");
        raw.put("stack", "4");
        TaskData data = app.load(app.schema().validate(raw, "data.").get(), 1).get();
        NetworkFamily family = new BidirectionalFamily().bind(Map.of("inner", new GruFamily()));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("features", 16);
        hyper.put("init.scale", 1.0);
        hyper.put("inner.family", "gru");
        hyper.put("inner.hidden", 16);
        Network net = family.create(new ModelSpec("bidirectional", data.inputSize(), data.outputSize(), DType.F32,
                Hyperparameters.of(hyper)), BACKEND, 3);
        double before = app.evaluate(net, BACKEND.ops(), data.test(), 0).get("char.error.rate");
        BpttTrainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).train(data.train())
                .validation(data.validation()).loss(new CtcLoss())
                .hyper(trainer.schema(), Map.of("epochs", "30", "batch.size", "8", "lr", "0.02")).seed(4).build();
        TrainingResult r = trainer.train(c);
        Map<String, Double> after = app.evaluate(net, BACKEND.ops(), data.test(), 0);
        System.out.printf("speech ctc: test cer %.3f -> %.3f, wer %.3f, beam cer %.3f%n", before,
                after.get("char.error.rate"), after.get("word.error.rate"), after.get("beam.char.error.rate"));
        assertFalse(r.failed(), r.stopReason());
        assertTrue(after.get("char.error.rate") < 0.25, "test cer " + after);
        assertTrue(after.get("char.error.rate") < before / 3, before + " -> " + after);
    }
}
