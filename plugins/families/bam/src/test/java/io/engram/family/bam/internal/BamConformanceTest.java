package io.engram.family.bam.internal;

import io.engram.testkit.FamilyConformance;
import java.util.Map;

class BamConformanceTest extends FamilyConformance {
    BamConformanceTest() { super(new BamFamily(), Map.of()); }
}
