package io.engram.app.subcellular.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

class SubcellularConformanceTest extends ApplicationConformance {
    SubcellularConformanceTest() {
        super(new SubcellularApplication(), Map.of("per.class", "8", "min.length", "30", "max.length", "50"), names());
    }

    private static Set<String> names() {
        List<String> names = new ArrayList<>(List.of("accuracy", "macro.f1", "baseline.majority.accuracy",
                "baseline.majority.macro.f1", "baseline.composition.accuracy", "baseline.composition.macro.f1"));
        for (String c : LocalisationSignals.CLASSES) {
            names.addAll(List.of("precision." + c, "recall." + c, "f1." + c));
        }
        return Set.copyOf(names);
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("min.length", "90", "max.length", "50"), "min.length"),
                new BadCase(Map.of("source", "files"), "train.file"));
    }
}
