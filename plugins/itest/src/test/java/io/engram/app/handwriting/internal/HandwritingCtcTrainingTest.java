package io.engram.app.handwriting.internal;

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
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.loss.ctc.internal.CtcLoss;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The handwriting application, the CTC loss, a bidirectional LSTM and the BPTT trainer together:
 * words over five letters synthesised from the Hershey script glyphs by six writers, read
 * character by character after a few seconds of training by a small bidirectional LSTM. Two
 * held-apart writers write six words that no training sample holds: the character error rate falls
 * under half the nearest-neighbour DTW baseline's (which can only answer training words), under a
 * third of the most-frequent-word baseline's and under a third of the untrained network's.
 */
class HandwritingCtcTrainingTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void aBidirectionalLstmTrainedWithCtcReadsHeldApartWriters() {
        HandwritingApplication app = new HandwritingApplication();
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("words", "on,no,at,to,an,tan,oat,so,as,sat,son,ton,nat,tao,oast,snot");
        raw.put("test.words", "ant,not,sot,oats,toast,stan");
        raw.put("writers", "6");
        raw.put("validation.writers", "1");
        raw.put("test.writers", "2");
        raw.put("samples.per.writer", "24");
        raw.put("spacing", "1.0");
        TaskData data = app.load(app.schema().validate(raw, "data.").get(), 1).get();
        NetworkFamily family = new BidirectionalFamily().bind(Map.of("inner", new LstmFamily()));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("features", 16);
        hyper.put("init.scale", 1.0);
        hyper.put("inner.family", "lstm");
        hyper.put("inner.hidden", 16);
        Network net = family.create(new ModelSpec("bidirectional", data.inputSize(), data.outputSize(), DType.F32,
                Hyperparameters.of(hyper)), BACKEND, 3);
        double before = app.evaluate(net, BACKEND.ops(), data.test(), 0).get("char.error.rate");
        BpttTrainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).train(data.train())
                .validation(data.validation()).loss(new CtcLoss())
                .hyper(trainer.schema(), Map.of("epochs", "30", "batch.size", "8", "lr", "0.02", "clip", "5")).seed(4).build();
        TrainingResult r = trainer.train(c);
        Map<String, Double> after = app.evaluate(net, BACKEND.ops(), data.test(), 0);
        System.out.printf("handwriting ctc: test cer %.3f -> %.3f, wer %.3f; frequent word cer %.3f, dtw cer %.3f%n", before,
                after.get("char.error.rate"), after.get("word.error.rate"), after.get("baseline.frequent.char.error.rate"),
                after.get("baseline.dtw.char.error.rate"));
        assertFalse(r.failed(), r.stopReason());
        double frequent = after.get("baseline.frequent.char.error.rate");
        double dtw = after.get("baseline.dtw.char.error.rate");
        assertTrue(frequent > 0.5 && dtw > 0.3, "the baselines' cer " + frequent + ", " + dtw);
        assertTrue(after.get("char.error.rate") < frequent / 3, "test cer " + after);
        assertTrue(after.get("char.error.rate") < dtw / 2, "test cer " + after);
        assertTrue(after.get("char.error.rate") < before / 3, before + " -> " + after);
    }
}
