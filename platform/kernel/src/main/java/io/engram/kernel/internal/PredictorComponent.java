package io.engram.kernel.internal;

import io.engram.api.CheckpointMetadata;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.PredictionFormat;
import io.engram.api.NetworkFamily;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import io.engram.kernel.Predictor;
import io.engram.tensor.Backend;
import io.engram.tensor.Ops;
import io.engram.train.CheckpointFit;
import io.engram.train.LoadedCheckpoint;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs trained models from their checkpoints on the {@code cpu} backend.
 *
 * <p>{@link #predict}: reads the metadata, picks the highest installed version of the checkpoint's
 * family whose {@link NetworkFamily#canRead} accepts the writer's version, reads the tensors
 * through the backend's ops, checks that they are exactly the parameters of a network of the
 * checkpoint's spec ({@link CheckpointFit}: nothing runs on initial weights), restores the network
 * (a composite family bound again to the inner families its spec names, at versions that can read
 * the ones its provenance records: {@link Composition#rebind}) and runs each sequence on its own
 * ({@link ModelRun}: stepped, run whole, or decoded greedily or by beam search; the steps of sequence
 * {@code i} draw from the job's seed, the checkpoint's provenance, and {@code i}, so a network that draws
 * at inference predicts the same on every call). The output activation follows the task's loss,
 * read from the provenance's job spec ({@code loss}, else {@code data.loss}): softmax when that
 * loss reads the outputs through softmax ({@code Loss.readsSoftmax}: softmax-ce, ctc), identity
 * otherwise. Stateless and thread-safe: each call builds its own
 * network.
 */
@Component(service = Predictor.class)
public final class PredictorComponent implements Predictor {

    /** The most input problems listed in one message; the rest are counted. */
    static final int MAX_LISTED = 20;

    /** The backend predictions run on. */
    public static final String BACKEND = "cpu";

    private final PluginDirectory plugins;
    private final Checkpoints checkpoints;

    @Activate
    public PredictorComponent(@Reference(target = RegistryComponent.SELF) PluginRegistry plugins) {
        this((PluginDirectory) plugins, new TrainCheckpoints());
    }

    public PredictorComponent(PluginDirectory plugins, Checkpoints checkpoints) {
        this.plugins = plugins;
        this.checkpoints = checkpoints;
    }

    @Override
    public Try<CheckpointMetadata> describe(Path checkpoint) {
        return checkpoints.readMetadata(checkpoint);
    }

    @Override
    public Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs) {
        return predict(checkpoint, inputs, Decode.GREEDY);
    }

    @Override
    public Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs, Decode decoding) {
        return checkpoints.readMetadata(checkpoint).flatMap(meta -> {
            ModelSpec spec = meta.spec();
            String problems = checkInputs(inputs, spec.inputSize());
            if (!problems.isEmpty()) {
                return Try.failure(new IllegalArgumentException(problems));
            }
            return restored(checkpoint, meta).flatMap(restored -> Try.of(() -> {
                boolean softmax = readsSoftmax(loss(meta));
                List<double[][]> out = new ArrayList<>();
                long seed = meta.provenance().seed();
                for (int i = 0; i < inputs.size(); i++) {
                    out.add(ModelRun.run(restored.network(), restored.ops(), inputs.get(i), softmax, decoding, seed, i));
                }
                return out;
            }));
        });
    }

    @Override
    public Try<List<String>> outputNames(Path checkpoint) {
        return checkpoints.readMetadata(checkpoint).flatMap(meta -> CheckpointTask.of(meta, plugins)
                .fold(missing -> Try.success(List.<String>of()), task -> Try.of(() -> {
                    List<String> names = task.application().outputNames(task.params());
                    return names.size() == meta.spec().outputSize() ? List.copyOf(names) : List.<String>of();
                })));
    }

    @Override
    public Try<Boolean> readsFiles(Path checkpoint) {
        return checkpoints.readMetadata(checkpoint).flatMap(meta -> CheckpointTask.of(meta, plugins)
                .fold(missing -> Try.success(false), task -> restored(checkpoint, meta)
                        .map(r -> task.application().predictions(task.params(), r.payloads()).isPresent())));
    }

    @Override
    public Try<List<FilePrediction>> predictFile(Path checkpoint, Path file, Decode decoding) {
        return checkpoints.readMetadata(checkpoint).flatMap(meta -> CheckpointTask.of(meta, plugins)
                .flatMap(task -> restored(checkpoint, meta).flatMap(restored -> {
                    Optional<PredictionFormat> format = task.application().predictions(task.params(),
                            restored.payloads());
                    if (format.isEmpty()) {
                        return Try.failure(new UnsupportedOperationException("application '" + task.id()
                                + "' reads no files of its own: give encoded sequences"));
                    }
                    return format.get().read(file).flatMap(records -> Try.of(() -> FilePredictions.run(restored,
                            format.get(), records, readsSoftmax(loss(meta)), decoding, meta.provenance().seed())));
                })));
    }

    @Override
    public Try<Replay> replay(Path checkpoint, long seed) {
        return checkpoints.readMetadata(checkpoint).flatMap(meta -> EpisodeReplay.environment(meta, plugins)
                .flatMap(env -> restored(checkpoint, meta).flatMap(r -> Try.of(
                        () -> EpisodeReplay.run(r.network(), r.ops(), env, seed)))));
    }

    @Override
    public Try<RestoredModel> restore(Path checkpoint) {
        return checkpoints.readMetadata(checkpoint).flatMap(meta -> restored(checkpoint, meta)
                .map(r -> new RestoredModel(meta, r.network(), r.ops())));
    }

    /** A network restored from a checkpoint, with the ops of the backend it lives on. */
    record Restored(Network network, Ops ops, Payloads payloads) {
    }

    /**
     * The network of {@code checkpoint} (whose metadata is {@code meta}) restored on the {@code cpu}
     * backend by an installed family that can read it, as {@link #predict} runs it.
     */
    Try<Restored> restored(Path checkpoint, CheckpointMetadata meta) {
        ModelSpec spec = meta.spec();
        Try<Plugin> family = family(meta);
        if (family.isFailure()) {
            return Try.failure(family.getCause());
        }
        Optional<Plugin> backendPlugin = plugins.resolve(PluginKind.BACKEND, BACKEND, null);
        if (backendPlugin.isEmpty() || !backendPlugin.get().info().available()) {
            return Try.failure(new IllegalStateException("the '" + BACKEND + "' backend is "
                    + (backendPlugin.isEmpty() ? "not installed" : "not available: "
                    + backendPlugin.get().info().reason())));
        }
        Backend backend = backendPlugin.get().as(Backend.class);
        Ops ops = backend.ops();
        Try<NetworkFamily> networks = Try.of(() -> Composition.rebind(family.get().as(NetworkFamily.class),
                spec.hyper(), meta.provenance() == null ? List.of() : meta.provenance().innerFamilies(), plugins));
        return networks.flatMap(n -> checkpoints.read(checkpoint, ops)
                .flatMap(loaded -> restore(checkpoint, n, spec, backend, loaded)
                        .map(network -> new Restored(network, ops, loaded.payloads()))));
    }

    /**
     * The network with the checkpoint's tensors, which must be exactly the parameters of a network
     * of its spec (checked against a freshly created one), else an {@link java.io.IOException}
     * naming each missing, extra or misshapen tensor and its byte offset. The family restores it
     * with the checkpoint's metadata and payloads.
     */
    private static Try<Network> restore(Path file, NetworkFamily family, ModelSpec spec, Backend backend,
                                        Checkpoints.Loaded loaded) {
        return Try.of(() -> family.create(spec, backend, 0L).parameters())
                .flatMap(expected -> CheckpointFit.check(file.toString(),
                        new LoadedCheckpoint(loaded.metadata(), loaded.tensors(), loaded.offsets()), expected))
                .flatMap(tensors -> Try.of(() -> family.restore(spec, backend, tensors, loaded.metadata(),
                        loaded.payloads())));
    }

    /**
     * Whether the job's loss reads the outputs through softmax ({@code Loss.readsSoftmax}), asked of
     * the installed loss of that id; a loss no longer installed falls back to the id
     * ({@code softmax-ce}).
     */
    private boolean readsSoftmax(String lossId) {
        if (lossId == null || lossId.isEmpty()) {
            return false;
        }
        return plugins.resolve(PluginKind.LOSS, lossId, null).map(p -> p.as(io.engram.api.Loss.class).readsSoftmax())
                .orElse("softmax-ce".equals(lossId));
    }

    /** Every malformed input at once (the first {@value #MAX_LISTED}, then a count), or empty. */
    static String checkInputs(List<double[][]> inputs, int inputSize) {
        if (inputs == null) {
            return "inputs: expected a list of sequences";
        }
        List<String> problems = new ArrayList<>();
        long count = 0;
        for (int i = 0; i < inputs.size(); i++) {
            double[][] s = inputs.get(i);
            if (s == null) {
                count = note(problems, count, "input " + i + ": missing");
                continue;
            }
            for (int t = 0; t < s.length; t++) {
                if (s[t] == null || s[t].length != inputSize) {
                    count = note(problems, count, "input " + i + " step " + t + ": expected " + inputSize
                            + " values, got " + (s[t] == null ? 0 : s[t].length));
                }
            }
        }
        if (count > MAX_LISTED) {
            problems.add("... and " + (count - MAX_LISTED) + " more problems");
        }
        return String.join("; ", problems);
    }

    /** Keeps {@code problem} while fewer than {@value #MAX_LISTED} are kept; the new count. */
    private static long note(List<String> problems, long count, String problem) {
        if (count < MAX_LISTED) {
            problems.add(problem);
        }
        return count + 1;
    }

    private Try<Plugin> family(CheckpointMetadata meta) {
        String id = meta.spec().family();
        List<Plugin> installed = plugins.all(PluginKind.FAMILY, id);
        if (installed.isEmpty()) {
            return Try.failure(new IllegalStateException("no family '" + id + "' is installed to read this checkpoint"));
        }
        for (Plugin p : installed) {
            if (p.as(NetworkFamily.class).canRead(meta.familyVersion(), p.version())) {
                return Try.success(p);
            }
        }
        return Try.failure(new IllegalStateException("no installed version of family '" + id
                + "' can read this checkpoint, written by " + meta.familyBundle() + " " + meta.familyVersion()
                + " (installed: " + installed.stream().map(Plugin::version).collect(Collectors.joining(", ")) + ")"));
    }

    static String loss(CheckpointMetadata meta) {
        if (meta.provenance() == null) {
            return "";
        }
        Map<String, String> spec = meta.provenance().jobSpec();
        return spec.getOrDefault("loss", spec.getOrDefault("data.loss", ""));
    }
}
