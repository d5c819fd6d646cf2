package io.engram.family.iirmlp.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

/** The activation-feedback variant held to the family conformance suite. */
class IirMlpActivationFeedbackConformanceTest extends FamilyConformance {
    IirMlpActivationFeedbackConformanceTest() {
        super(new IirMlpFamily(), Map.of("hidden", "3", "ma.order", "2", "ar.order", "2", "feedback", "activation"));
    }
}
