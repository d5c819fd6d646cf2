package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.engram.api.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Map;

/**
 * The spec reader's contract under arbitrary text in each format: flat string pairs, or problems
 * whose messages stay short, never an exception. {@code mvn verify} replays the inputs under
 * {@code SpecReaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SpecReaderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parse(FuzzedDataProvider data) {
        String format = data.pickValue(SpecReader.FORMATS);
        Validation<Seq<Problem>, Map<String, String>> result = SpecReader.parse(data.consumeRemainingAsString(),
                format, "spec");
        if (result.isInvalid()) {
            assertTrue(!result.getError().isEmpty());
            for (Problem p : result.getError()) {
                assertTrue(p.message().length() <= SpecReader.MESSAGE_LIMIT, () -> p.message().length() + ": " + p);
                assertTrue(p.where().startsWith("spec"), p::where);
            }
        } else {
            result.get().forEach((k, v) -> {
                assertNotNull(k);
                assertNotNull(v);
            });
        }
    }
}
