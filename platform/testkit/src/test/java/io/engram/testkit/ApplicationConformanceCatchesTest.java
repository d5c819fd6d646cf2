package io.engram.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The application conformance suite passes a sound application and fails applications that break its rules. */
class ApplicationConformanceCatchesTest {

    private static ApplicationConformance suite(ToyApplication.Fault fault) {
        return new ApplicationConformance(new ToyApplication(fault), Map.of("size", "5"), Set.of("mean.output")) {
        };
    }

    @Test
    void aSoundApplicationPasses() {
        ApplicationConformance s = suite(ToyApplication.Fault.NONE);
        s.schemaDefaultsLoad();
        s.sameSeedSameDataAndDigest();
        s.evaluateReturnsFiniteDocumentedMetrics();
        s.badParametersAreRejectedNamingTheKey();
        s.shapeBoundsTheLoadedData();
    }

    @Test
    void dataThatDependOnMoreThanTheSeed() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> suite(ToyApplication.Fault.UNSEEDED).sameSeedSameDataAndDigest());
        assertTrue(e.getMessage().contains("training data"), e.getMessage());
    }

    @Test
    void aNonFiniteMetric() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> suite(ToyApplication.Fault.NAN_METRIC).evaluateReturnsFiniteDocumentedMetrics());
        assertTrue(e.getMessage().contains("mean.output = NaN"), e.getMessage());
    }

    @Test
    void aShapeBelowTheData() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> suite(ToyApplication.Fault.SMALL_SHAPE).shapeBoundsTheLoadedData());
        assertTrue(e.getMessage().contains("10 sequences above"), e.getMessage());
    }

    @Test
    void undocumentedMetricNames() {
        ApplicationConformance s = new ApplicationConformance(new ToyApplication(ToyApplication.Fault.NONE),
                Map.of(), Set.of("accuracy")) {
        };
        AssertionFailedError e = assertThrows(AssertionFailedError.class, s::evaluateReturnsFiniteDocumentedMetrics);
        assertTrue(e.getMessage().contains("metric names"), e.getMessage());
    }
}
