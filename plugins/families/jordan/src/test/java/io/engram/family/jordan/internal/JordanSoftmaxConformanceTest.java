package io.engram.family.jordan.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class JordanSoftmaxConformanceTest extends FamilyConformance {
    JordanSoftmaxConformanceTest() { super(new JordanFamily(), Map.of("hidden", "3", "feedback", "softmax", "self.connection", "0.7")); }
}
