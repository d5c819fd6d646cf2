package io.engram.app.translation.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

class TranslationConformanceTest extends ApplicationConformance {

    TranslationConformanceTest() {
        super(new TranslationApplication(), Map.of("file", TestCorpus.file()), Set.of("bleu", "chrf", "bleu.copy"));
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("file", TestCorpus.bad()), TestCorpus.bad() + ":2"),
                new BadCase(Map.of("validation.fraction", "0.5", "test.fraction", "0.5"), "data.validation.fraction"),
                new BadCase(Map.of("file", "no/such/corpus.tsv"), "data.file"));
    }
}
