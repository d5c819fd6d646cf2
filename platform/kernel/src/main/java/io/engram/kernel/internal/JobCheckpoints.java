package io.engram.kernel.internal;

import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.InnerFamily;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.Provenance;
import io.engram.api.TaskData;
import io.engram.api.TrainerState;
import io.engram.api.TrainingEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checkpoints a job writes ({@link Checkpoints}), each with full provenance: the seed, the data
 * source and digest, every bundle that took part (the families inside a composite family too, also
 * listed by slot), the spec and the environment the job runs on. A
 * periodic checkpoint, written while the job trains, is named in the job's record and in a message
 * event; one that cannot be written is a warning event, never the job's end. Stateless apart from
 * its collaborators; thread-safe, called on job threads.
 */
final class JobCheckpoints {

    private final Checkpoints checkpoints;
    private final List<BundleRef> platform;
    private final RecordKeeper records;
    private final System.Logger log = System.getLogger(JobCheckpoints.class.getName());

    JobCheckpoints(Checkpoints checkpoints, List<BundleRef> platform, RecordKeeper records) {
        this.checkpoints = checkpoints;
        this.platform = List.copyOf(platform);
        this.records = records;
    }

    /**
     * Writes a checkpoint during training, with the trainer's state when it offered one (else null),
     * and names it in the record; a failure is a warning only.
     */
    void periodic(JobRecord rec, int epoch, Path file, CheckpointMetadata metadata, Network network,
                  Payloads payloads, TrainerState state) {
        String failed = write(rec, file, metadata, network, payloads, state);
        if (failed.isEmpty()) {
            records.update(rec, i -> JobInfos.withCheckpoint(i, file.toString()));
            records.emit(rec, new TrainingEvent.Message("info", "checkpoint of epoch " + epoch + " written to " + file));
        } else {
            records.emit(rec, new TrainingEvent.Message("warning", "checkpoint of epoch " + epoch + ": " + failed));
        }
    }

    /**
     * Writes a checkpoint with the network's and the application's payloads and the trainer's state
     * (null for none); empty when it was written, else why not, naming the file.
     */
    String write(JobRecord rec, Path file, CheckpointMetadata metadata, Network network, Payloads payloads,
                 TrainerState state) {
        return write(rec, file, metadata, network.parameters(), network.payloads().with(payloads), state);
    }

    /**
     * Writes a checkpoint of {@code tensors} with all its payloads and the trainer's state (null for
     * none); empty when it was written, else why not, naming the file.
     */
    String write(JobRecord rec, Path file, CheckpointMetadata metadata, Map<String, io.engram.tensor.Tensor> tensors,
                 Payloads payloads, TrainerState state) {
        try {
            Files.createDirectories(file.getParent());
            checkpoints.write(file, metadata, tensors, payloads, state);
            return "";
        } catch (IOException | RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "job " + rec.id + ": cannot write " + file, e);
            return "cannot write " + file + ": " + Failures.message(e);
        }
    }

    /** The metadata of a checkpoint of the job's network, made now. */
    CheckpointMetadata metadata(JobRecord rec, ResolvedSpec r, ModelSpec modelSpec, TaskData data) {
        Set<BundleRef> bundles = new LinkedHashSet<>();
        for (Plugin p : List.of(r.family(), r.trainer(), r.application(), r.backend())) {
            bundles.add(new BundleRef(p.info().bundle(), p.version()));
        }
        List<InnerFamily> inner = ComposedFamily.of(r.family());
        inner.forEach(f -> bundles.add(f.bundle()));
        r.loss().used().ifPresent(p -> bundles.add(new BundleRef(p.info().bundle(), p.version())));
        bundles.addAll(platform);
        Map<String, String> jobSpec = new LinkedHashMap<>(r.spec());
        jobSpec.putIfAbsent("loss", data.loss());
        Provenance provenance = new Provenance(r.seed(), data.source(), data.digest(), new ArrayList<>(bundles),
                jobSpec, JobInfos.now(), rec.info().environment(), inner);
        return new CheckpointMetadata(TrainCheckpoints.FORMAT_VERSION, r.family().info().bundle(),
                r.family().version(), modelSpec, provenance);
    }
}
