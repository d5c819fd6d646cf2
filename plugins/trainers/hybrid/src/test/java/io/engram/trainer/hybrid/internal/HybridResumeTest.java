package io.engram.trainer.hybrid.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TrainerState;
import io.engram.api.TrainingResult;
import io.engram.tensor.DType;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import io.engram.testkit.TestData;
import io.engram.train.SimpleTrainingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An on-line run interrupted after an epoch and resumed from its checkpoint ends bit for bit as one never stopped. */
class HybridResumeTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final HybridTrainer trainer = new HybridTrainer();
    private final Dataset data = TestData.random(7, 2, 3, 9, 6, 11, 7);

    private Network network() {
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "3"), "model.").get();
        return family.create(new ModelSpec(family.id(), 2, 3, DType.F64, h), backend, 5);
    }

    private TrainingResult train(Network net, int epochs, TrainerState resume, List<TrainerState> offered) {
        Hyperparameters h = trainer.schema().validate(Map.of("epochs", Integer.toString(epochs), "block", "2",
                "update", "step", "lr", "0.02"), "trainer.").get();
        SimpleTrainingContext c = new SimpleTrainingContext.Builder(net, backend).train(data).loss("softmax-ce")
                .hyper(h).seed(3).resumeState(resume).checkpoints(offered::add).build();
        return trainer.train(c);
    }

    private static double[] flat(Map<String, Tensor> p) {
        return p.values().stream().flatMapToDouble(t -> Arrays.stream(t.toDoubleArray())).toArray();
    }

    @Test
    void resumesBitForBit() {
        Network straight = network();
        List<TrainerState> ignored = new ArrayList<>();
        TrainingResult whole = train(straight, 4, null, ignored);
        assertEquals(4, ignored.size(), "a state offered at every epoch end");

        Network first = network();
        List<TrainerState> offered = new ArrayList<>();
        train(first, 2, null, offered);
        Network resumed = network();
        resumed.setParameters(new LinkedHashMap<>(first.parameters()));
        TrainingResult rest = train(resumed, 4, offered.get(1), new ArrayList<>());

        assertFalse(rest.failed(), rest.stopReason());
        assertEquals(4, rest.epochs());
        assertArrayEquals(flat(straight.parameters()), flat(resumed.parameters()));
        assertEquals(whole.metrics(), rest.metrics());
    }
}
