package io.engram.trainer.dekf.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.app.grammar.internal.GrammarApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.lstm.internal.LstmFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * DEKF on the context-sensitive language a^n b^n c^n (Pérez-Ortiz et al. 2003): a peephole LSTM
 * trained on the strings with n = 1..5 predicts every string right up to an n well beyond that range.
 */
class DekfAnBnCnTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private final Application app = new GrammarApplication();

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void aPeepholeLstmTrainedOnNUpTo5GeneralisesBeyondIt() {
        TaskData d = app.load(app.schema().validate(Map.of("task", "anbncn", "train.size", "60",
                "validation.size", "20", "train.min.n", "1", "train.max.n", "5", "test.min.n", "1", "test.max.n", "40"),
                "data.").get(), 1).get();
        LstmFamily family = new LstmFamily();
        Network net = family.create(new ModelSpec(family.id(), d.inputSize(), d.outputSize(), DType.F64,
                family.schema().validate(Map.of("hidden", "3", "peepholes", "true"), "model.").get()), BACKEND, 2);
        Trainer trainer = new DekfTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND).train(d.train()).validation(d.validation())
                .loss(d.loss()).hyper(trainer.schema(), Map.of("epochs", "10", "anneal.steps", "3000",
                        "target.metric", "accuracy", "target.value", "1"))
                .evaluator(v -> app.evaluate(net, BACKEND.ops(), v, 1)).seed(1).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        Map<String, Double> m = app.evaluate(net, BACKEND.ops(), d.test(), 1);
        System.out.printf("a^n b^n c^n, DEKF trained on n = 1..5 (%d epochs, %s): test max.n %.0f, accuracy %.3f%n",
                r.epochs(), r.stopReason(), m.get("max.n"), m.get("accuracy"));
        assertTrue(m.get("max.n") > 5, "every string up to an n beyond the training range: " + m);
    }
}
