package io.engram.trainer.crbp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Problem;
import io.engram.api.TrainingEvent;
import io.engram.api.TrainingResult;
import io.engram.tensor.DType;
import io.engram.testkit.ReferenceBackend;
import io.engram.testkit.ReferenceRnn;
import io.engram.testkit.TestData;
import io.engram.testkit.TestTrainingContext;
import io.engram.train.Losses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrbpTrainerTest {
    private final CrbpTrainer trainer = new CrbpTrainer();
    private final Hyperparameters defaults = trainer.schema().validate(Map.of(), "trainer.").get();

    @Test
    void registersAsTheCrbpTrainer() throws IOException {
        String xml;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("OSGI-INF/" + CrbpTrainer.class.getName() + ".xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("name=\"engram.trainer\"") && xml.contains("value=\"crbp\""), xml);
        assertEquals(Set.of("differentiable"), trainer.requires());
        assertEquals("10", trainer.schema().parameter("depth").orElseThrow().defaultValue());
    }

    @Test
    void acceptsOnlyTheIirMlpFamilyNamingTheTrainer() {
        assertEquals(List.of(), trainer.checkFamily(defaults, "iir-mlp", Set.of("differentiable")));
        List<Problem> p = trainer.checkFamily(defaults, "elman", Set.of("differentiable"));
        assertEquals("trainer: trainer 'crbp' trains locally recurrent networks of family 'iir-mlp' only, not "
                + "'elman'; train it with 'rtrl-bptt', 'rtrl' or 'bptt' instead", p.get(0).toString());
        assertEquals(List.of(), trainer.checkLoss(defaults, Losses.of("softmax-ce")));
    }

    @Test
    void aNetworkOfAnotherFamilyFailsTheJobAndKeepsItsParameters() {
        ReferenceBackend backend = new ReferenceBackend();
        ReferenceRnn family = new ReferenceRnn();
        Hyperparameters h = family.schema().validate(Map.of("hidden", "2"), "model.").get();
        Network net = family.create(new ModelSpec(family.id(), 2, 2, DType.F64, h), backend, 1);
        double[] before = net.parameters().values().iterator().next().toDoubleArray();
        TestTrainingContext c = TestTrainingContext.builder(net, backend).train(TestData.random(1, 2, 2, 4))
                .loss("mse").hyper(trainer.schema(), Map.of()).seed(1).build();
        TrainingResult r = trainer.train(c);
        assertTrue(r.failed());
        assertTrue(r.stopReason().startsWith("trainer: trainer 'crbp' trains locally recurrent networks"),
                r.stopReason());
        assertEquals(1, c.events(TrainingEvent.Stopped.class).size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before,
                net.parameters().values().iterator().next().toDoubleArray());
    }
}
