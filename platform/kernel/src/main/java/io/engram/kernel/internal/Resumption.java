package io.engram.kernel.internal;

import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.TrainerState;
import io.engram.tensor.Backend;
import io.engram.train.CheckpointFit;
import io.engram.train.LoadedCheckpoint;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the checkpoint an interrupted job resumes from and rebuilds its network: the file must
 * hold a trainer state, name the job's family and seed, and fit the network the family creates
 * for the job's spec ({@link CheckpointFit}); the family then restores the network with the
 * checkpoint's metadata and payloads. Stateless apart from its collaborator; thread-safe.
 */
final class Resumption {

    /** The restored network and the state its trainer continues from. */
    record Resumed(Network network, TrainerState state) {
    }

    private final Checkpoints checkpoints;

    Resumption(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** The job's network as the checkpoint left it, or why it cannot resume, naming the file. */
    Try<Resumed> resume(Path file, NetworkFamily family, ModelSpec spec, Backend backend, long seed) {
        return checkpoints.read(file, backend.ops()).flatMap(loaded -> {
            String name = file.toString();
            if (loaded.trainerState().isEmpty()) {
                return fail(name, "it holds no trainer state");
            }
            if (!loaded.metadata().spec().family().equals(spec.family())) {
                return fail(name, "it is of family '" + loaded.metadata().spec().family() + "', the job's is '"
                        + spec.family() + "'");
            }
            if (loaded.metadata().provenance() == null || loaded.metadata().provenance().seed() != seed) {
                return fail(name, "it was written with another seed than the job's " + seed);
            }
            LoadedCheckpoint c = new LoadedCheckpoint(loaded.metadata(), loaded.tensors(), loaded.offsets());
            Map<String, io.engram.tensor.Tensor> expected = family.create(spec, backend, seed).parameters();
            return CheckpointFit.check(name, c, expected)
                    .flatMap(tensors -> Try.of(() -> family.restore(spec, backend, tensors, loaded.metadata(),
                            loaded.payloads())))
                    .map(network -> new Resumed(network, loaded.trainerState().get()));
        });
    }

    private static Try<Resumed> fail(String file, String why) {
        return Try.failure(new IOException("checkpoint " + file + ": " + why));
    }
}
