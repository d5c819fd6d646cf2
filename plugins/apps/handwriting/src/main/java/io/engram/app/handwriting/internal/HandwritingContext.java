package io.engram.app.handwriting.internal;

import io.engram.api.Dataset;
import java.util.Map;

/**
 * What the application's {@code evaluate} and {@code payloads} need of a set besides its encoded
 * samples, attached to each dataset with {@link Dataset#withContext}: the alphabet and features the
 * ink was encoded with, the job's beam width, and the baselines' metrics on this set (worked out once
 * when the data is loaded, as they do not depend on the network). Immutable.
 *
 * @param alphabet  the transcripts' characters
 * @param features  the feature settings
 * @param beam      {@code data.beam}: 1 decodes the best path, more a prefix beam search of that width
 * @param baselines the baselines' metrics on this set ({@link Baselines})
 */
record HandwritingContext(Alphabet alphabet, PenFeatures features, int beam, Map<String, Double> baselines) {
    HandwritingContext {
        baselines = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(baselines));
    }
}
