package io.engram.family.lsm;

import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.TaskData;
import io.engram.api.TrainingResult;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.ridge.internal.RidgeTrainer;
import java.util.Map;

/** A reservoir family on an application's task, its readout fitted by the ridge trainer. Stateless. */
public final class ReservoirRuns {
    private ReservoirRuns() {
    }

    /** Test accuracy (and training loss) of {@code family} with {@code model} on {@code app} with {@code data}. */
    public static Map<String, Double> run(Backend backend, NetworkFamily family, Map<String, String> model, Application app,
                                   Map<String, String> data, Map<String, String> trainer, long seed) {
        Hyperparameters d = app.schema().validate(data, "data.").get();
        TaskData task = app.load(d, seed).get();
        Hyperparameters m = family.schema().validate(model, "model.").get();
        Network net = family.create(new ModelSpec(family.id(), task.inputSize(), task.outputSize(), DType.F64, m), backend, seed);
        RidgeTrainer ridge = new RidgeTrainer();
        TrainingResult r = ridge.train(TestTrainingContext.builder(net, backend).train(task.train())
                .validation(task.validation()).loss("mse").hyper(ridge.schema(), trainer).seed(seed).build());
        if (r.failed()) {
            throw new AssertionError("ridge failed: " + r.stopReason());
        }
        Map<String, Double> test = app.evaluate(net, backend.ops(), task.test(), seed);
        Map<String, Double> train = app.evaluate(net, backend.ops(), task.train(), seed);
        return Map.of("test", test.get("accuracy"), "train", train.get("accuracy"), "loss", r.metrics().get("loss"));
    }
}
