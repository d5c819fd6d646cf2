package io.engram.app.carepathways.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

class CarePathwaysConformanceTest extends ApplicationConformance {
    CarePathwaysConformanceTest() {
        super(new CarePathwaysApplication(), Map.of("patients", "60"), Set.of("recall@10", "recall@20", "recall@30",
                "baseline.frequent.recall@10", "baseline.frequent.recall@20", "baseline.frequent.recall@30",
                "baseline.last.recall@10", "baseline.last.recall@20", "baseline.last.recall@30"));
    }

    /** The losses of the basic losses plugin that this application's data name. */
    @Override
    protected Set<String> losses() {
        return Set.of("sigmoid-bce", "mse");
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("separator", "ab"), "data.separator"),
                new BadCase(Map.of("min.count", "1000000"), "min.count"));
    }
}
