package io.engram.kernel.internal;

import io.engram.api.Hyperparameters;
import io.engram.tensor.DType;
import java.util.Map;
import java.util.Optional;

/**
 * A job spec that passed validation, with the plugins it names resolved and pinned and each
 * section's values typed by its schema. Immutable.
 *
 * @param spec         the spec as given
 * @param name         {@code job.name}, or empty
 * @param seed         the job's seed
 * @param dtype        element type
 * @param backend      the backend the job runs on: {@code backend}, or {@code backend.fallback} when
 *                     {@code backend} cannot run here
 * @param fallbackNote why the fallback is used, as the warning the job reports; empty when it is not
 * @param family       the network family
 * @param trainer      the trainer
 * @param application  the application
 * @param model        {@code model.*} typed by the family's schema
 * @param training     {@code trainer.*} typed by the trainer's schema
 * @param data         {@code data.*} typed by the application's schema; input files (in this and the
 *                     other sections) replaced by their real paths inside the data roots
 * @param checkpoint   where to write the trained model, an absolute path inside the model store, or empty
 * @param loss         the loss: resolved at validation, or looked up when the data names it
 */
public record ResolvedSpec(Map<String, String> spec, String name, long seed, DType dtype, Plugin backend,
                           String fallbackNote, Plugin family, Plugin trainer, Plugin application, Hyperparameters model,
                           Hyperparameters training, Hyperparameters data, Optional<String> checkpoint,
                           LossChoice loss) {

    public ResolvedSpec {
        spec = Map.copyOf(spec);
    }
}
