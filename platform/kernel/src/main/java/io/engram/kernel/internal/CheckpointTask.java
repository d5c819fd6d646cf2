package io.engram.kernel.internal;

import io.engram.api.Application;
import io.engram.api.CheckpointMetadata;
import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import io.engram.kernel.PluginKind;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.Map;
import java.util.TreeMap;

/**
 * The application a checkpoint's job was trained on (the highest installed version of the job
 * spec's {@code data.app}) with the spec's {@code data.*} parameters, validated again by that
 * application's schema, as replay and file prediction need them. Immutable.
 *
 * @param application the installed application
 * @param id          its id
 * @param params      the job's validated data parameters
 */
record CheckpointTask(Application application, String id, Hyperparameters params) {

    /** The checkpoint's task, or why there is none. */
    static Try<CheckpointTask> of(CheckpointMetadata meta, PluginDirectory plugins) {
        Map<String, String> spec = meta.provenance() == null ? Map.of() : meta.provenance().jobSpec();
        String id = spec.get("data.app");
        if (id == null) {
            return Try.failure(new IllegalArgumentException("the checkpoint records no job spec with data.app"));
        }
        Application app = plugins.resolve(PluginKind.APPLICATION, id, null).map(p -> p.as(Application.class))
                .orElse(null);
        if (app == null) {
            return Try.failure(new IllegalStateException("no application '" + id + "' is installed"));
        }
        Map<String, String> data = new TreeMap<>();
        spec.forEach((k, v) -> {
            if (k.startsWith("data.") && !k.equals("data.app")) {
                data.put(k.substring("data.".length()), v);
            }
        });
        Validation<io.vavr.collection.Seq<Problem>, Hyperparameters> params = app.schema().validate(data, "data.");
        if (params.isInvalid()) {
            return Try.failure(new IllegalArgumentException("the checkpoint's data parameters: "
                    + params.getError().map(Problem::toString).mkString("; ")));
        }
        return Try.success(new CheckpointTask(app, id, params.get()));
    }
}
