package io.engram.kernel;

import io.engram.api.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads job specs from {@code .properties}, {@code .yaml}/{@code .yml} or {@code .json} into flat
 * key/value pairs (nested keys joined with dots). Syntax errors name the file and line; the
 * contents are validated by {@link JobManager#submit}, or up front by {@link #validate}.
 *
 * <p>Keys of a job spec:
 * <pre>
 * job.name        a label                                   (default: the file name)
 * seed            64-bit seed for everything random         (default 1)
 * backend         backend id                                (default cpu)
 * backend.fallback backend id used when backend is not installed or not available here
 *                 (the job reports a warning event saying why; optional)
 * dtype           f32 or f64                                (default f32)
 * model.family    family id, optionally pinned: lstm;version=[1.2,2)
 * model.*         the family's hyperparameters
 * trainer         trainer id, optionally pinned             (default bptt)
 * trainer.*       the trainer's hyperparameters
 * data.app        application id, optionally pinned
 * data.*          the application's parameters; relative input files resolve against spec.dir
 *                 (else the installation) and must lie inside a data root
 * checkpoint      the trained model's name: with a model registry, the final network becomes the
 *                 next version of the model named by its file name without .ckpt; without one,
 *                 the file written, inside the model store (relative paths resolve against it)
 *                                                           (optional)
 * checkpoint.best METRIC[:min|max]: keep the best epoch end's network (validation.loss,
 *                 train.loss or an application metric), registered with the alias best (optional)
 * init.from       a registered model (name@3, name@production, name) whose parameters the job
 *                 starts from instead of fresh ones         (optional)
 * spec.dir        the spec file's directory, set by {@link #read} (a file may not set it)
 * </pre>
 */
@ProviderType
public interface JobSpecs {

    /**
     * The key {@link #read} sets to the spec file's absolute directory, which relative input paths
     * resolve against; a spec file may not set it.
     */
    String SPEC_DIR = "spec.dir";

    /**
     * Reads a spec file; the format follows the extension. {@code job.name} defaults to the file's
     * name, and {@code spec.dir} is set to the file's absolute directory.
     */
    Validation<Seq<Problem>, Map<String, String>> read(Path file);

    /** Parses spec text of the given format ({@code properties}, {@code yaml}, {@code json}). */
    Validation<Seq<Problem>, Map<String, String>> parse(String text, String format, String origin);

    /** Checks a flat spec against the registered plugins' schemas without running it. */
    Validation<Seq<Problem>, Map<String, String>> validate(Map<String, String> spec);
}
