package io.engram.cli.internal;

import io.engram.cli.VerbCall;
import io.engram.kernel.Predictor;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code engram predict --render FILE [--seed N] CHECKPOINT}: replays the checkpoint's controller for
 * one episode in the environment its job trained in ({@link Predictor#replay}) and writes the
 * trajectory as {@code FILE.csv} and a plot as {@code FILE.png} ({@link TrajectoryFiles}; a
 * {@code .csv} or {@code .png} ending of FILE is dropped). The episode starts from seed N, by default
 * the seed of the job that trained the model. Exit status as {@link PredictVerb}'s. Thread-safe.
 */
final class RenderReplay {
    static final String USAGE = "usage: engram predict --render FILE [--seed N] CHECKPOINT";

    private RenderReplay() {
    }

    static int run(Predictor predictor, VerbCall call) {
        List<String> positional = new ArrayList<>();
        String file = null;
        Long seed = null;
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--render") || a.equals("--seed")) {
                String v = i + 1 < args.size() ? args.get(++i) : "";
                if (a.equals("--render")) {
                    file = v;
                } else {
                    try {
                        seed = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        call.err().println("engram: --seed: expected a whole number, got '" + v + "'");
                        return VerbCall.BAD_INPUT;
                    }
                }
            } else {
                positional.add(a);
            }
        }
        if (file == null || file.isBlank() || positional.size() != 1) {
            call.err().println(USAGE);
            return VerbCall.BAD_INPUT;
        }
        return render(predictor, call, Path.of(positional.get(0)), Path.of(file), seed);
    }

    private static int render(Predictor predictor, VerbCall call, Path checkpoint, Path file, Long seed) {
        Try<io.engram.api.CheckpointMetadata> meta = predictor.describe(checkpoint);
        if (meta.isFailure()) {
            call.err().println("engram: " + checkpoint + ": " + meta.getCause().getMessage());
            return VerbCall.BAD_INPUT;
        }
        long start = seed != null ? seed : meta.get().provenance() == null ? 0L : meta.get().provenance().seed();
        Try<Predictor.Replay> replay = predictor.replay(checkpoint, start);
        if (replay.isFailure()) {
            Throwable cause = replay.getCause();
            boolean bad = cause instanceof IOException || cause instanceof IllegalArgumentException;
            call.err().println("engram: " + (bad ? checkpoint + ": " : "replay failed: ") + cause.getMessage());
            return bad ? VerbCall.BAD_INPUT : VerbCall.FAILED;
        }
        try {
            List<Path> written = TrajectoryFiles.write(TrajectoryFiles.base(file), replay.get());
            call.out().println("replayed " + (replay.get().rows().size() - 1) + " steps from seed " + start
                    + ": wrote " + written.get(0) + " and " + written.get(1));
            call.out().flush();
            return VerbCall.OK;
        } catch (IOException | RuntimeException e) {
            call.err().println("engram: " + file + ": " + e.getMessage());
            return VerbCall.FAILED;
        }
    }
}
