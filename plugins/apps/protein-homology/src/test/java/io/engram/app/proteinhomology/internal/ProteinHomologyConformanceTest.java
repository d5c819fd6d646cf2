package io.engram.app.proteinhomology.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

class ProteinHomologyConformanceTest extends ApplicationConformance {
    ProteinHomologyConformanceTest() {
        // three families of eight; validation holds one of each, so every family has its metrics
        super(new ProteinHomologyApplication(), Map.of("train.file", Files2.resource("families.fasta")),
                Set.of("accuracy", "auc", "roc50", "auc.globin", "roc50.globin", "auc.kinase", "roc50.kinase",
                        "auc.rrm", "roc50.rrm"));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("train.file", Files2.resource("families.fasta") + ".missing"), "train.file"));
    }
}
