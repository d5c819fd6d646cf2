package io.engram.app.speech.internal;

import io.engram.api.Dataset;

/**
 * What the application's {@code evaluate} and {@code payloads} need of the data it loaded besides
 * the encoded utterances, attached to each dataset with {@link Dataset#withContext}: the feature
 * settings the audio was encoded with (stored in checkpoints so that {@code engram predict} encodes
 * new audio the same way) and the job's beam width. Immutable.
 *
 * @param features the feature settings
 * @param beam     {@code data.beam}: the prefix beam width of predictions, and of the {@code beam.*}
 *                 metrics when above 1
 */
record SpeechContext(FeatureSettings features, int beam) {
}
