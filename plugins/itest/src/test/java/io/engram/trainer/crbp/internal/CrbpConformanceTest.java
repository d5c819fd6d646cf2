package io.engram.trainer.crbp.internal;

import io.engram.family.iirmlp.internal.IirMlpFamily;
import io.engram.testkit.BackendConformance;
import io.engram.testkit.TrainerConformance;
import java.util.Map;

/** CRBP held to the trainer conformance suite on a small IIR-MLP. */
class CrbpConformanceTest extends TrainerConformance {

    CrbpConformanceTest() {
        super(new CrbpTrainer(), Map.of("epochs", "3", "depth", "3", "lr", "0.05"));
    }

    @Override
    protected BackendConformance.FamilyCase family() {
        return new BackendConformance.FamilyCase(new IirMlpFamily(), Map.of("hidden", "3", "ma.order", "2",
                "ar.order", "1"));
    }
}
