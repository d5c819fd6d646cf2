package io.engram.kernel;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Network;
import io.engram.api.PredictionFormat;
import io.engram.tensor.Ops;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs a trained model from its checkpoint. Thread-safe.
 */
@ProviderType
public interface Predictor {

    /** Reads only the checkpoint's metadata; a damaged or foreign file fails with a clear message. */
    Try<CheckpointMetadata> describe(Path checkpoint);

    /**
     * Restores the network with the family that wrote the checkpoint (at a version that can read
     * it) and runs each input sequence ({@code [time][inputSize]}) through it.
     *
     * @return per sequence, the outputs {@code [time][outputSize]} after the task's output activation
     *         (softmax for {@code softmax-ce}, identity for {@code mse}); a failure is an
     *         {@link java.io.IOException} when the checkpoint is unreadable or its tensors are not
     *         exactly the network's (missing, extra, misshapen, NaN: named with their byte offset),
     *         an {@link IllegalArgumentException} when the inputs do not fit the model, and anything
     *         else when the model itself fails
     */
    Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs);

    /**
     * As {@link #predict(Path, List)}, choosing how a model whose network is a
     * {@link io.engram.api.Decoder} decodes: its outputs are then, per sequence, one row per decoded
     * token (the end token included when it was reached), each row the scores of the step after the
     * task's output activation. Other models ignore {@code decoding}. The default ignores it too.
     */
    default Try<List<double[][]>> predict(Path checkpoint, List<double[][]> inputs, Decode decoding) {
        return predict(checkpoint, inputs);
    }

    /**
     * The checkpoint's network restored as {@link #predict(Path, List)} restores it (the same family
     * choice, the same check of its tensors, on the {@code cpu} backend), for callers that run its
     * steps themselves: a dynamical-systems analysis, a custom evaluation. The network is the
     * caller's own (each call restores a new one); it is used as {@link Network} states.
     *
     * @return the network with its metadata and the ops it runs on; a failure is an
     *         {@link java.io.IOException} when the checkpoint is unreadable or its tensors are not
     *         exactly the network's, and an {@link IllegalStateException} when no installed family
     *         can read it. The default restores nothing.
     */
    default Try<RestoredModel> restore(Path checkpoint) {
        return Try.failure(new UnsupportedOperationException("this predictor restores no networks"));
    }

    /**
     * A network restored from a checkpoint. Immutable as a record; the network follows its own rules.
     *
     * @param metadata the checkpoint's metadata
     * @param network  the restored network, with the checkpoint's parameters
     * @param ops      the ops of the backend it was restored on, to run its steps with
     */
    record RestoredModel(CheckpointMetadata metadata, Network network, Ops ops) {
    }

    /**
     * The names of the checkpoint's output units as its application gives them
     * ({@link io.engram.api.Application#outputNames}): empty when the application names none or is
     * not installed. A failure is an {@link java.io.IOException} when the checkpoint is unreadable.
     * The default names none.
     */
    default Try<List<String>> outputNames(Path checkpoint) {
        return Try.success(List.of());
    }

    /**
     * Whether the application that the checkpoint's model was trained on reads users' own files for
     * prediction ({@link io.engram.api.Application#predictions}); false when that application is not
     * installed or predicts on encoded sequences only. A failure is an {@link java.io.IOException}
     * when the checkpoint is unreadable. The default reads none.
     */
    default Try<Boolean> readsFiles(Path checkpoint) {
        return Try.success(false);
    }

    /**
     * Predicts on a file in the format of the checkpoint's application ({@link PredictionFormat}):
     * reads its records, runs each through the restored network as {@link #predict(Path, List, Decode)}
     * does (decoding a decoder with {@code decoding}), and formats each result.
     *
     * @return per record, in order, what the network made of it; a failure is an
     *         {@link java.io.IOException} when the checkpoint or the file is unreadable, an
     *         {@link IllegalArgumentException} naming file and line when the file is malformed, an
     *         {@link UnsupportedOperationException} when the application reads no files of its own
     *         ({@link #readsFiles}), and anything else when the model fails
     */
    default Try<List<FilePrediction>> predictFile(Path checkpoint, Path file, Decode decoding) {
        return Try.failure(new UnsupportedOperationException("this predictor reads no application files"));
    }

    /**
     * What the network made of one record of a file. Immutable.
     *
     * @param record     the record as read
     * @param prediction the network's outputs (and decoded tokens and attention) for it
     * @param text       the application's text for it
     * @param heatmap    the application's matrix to draw for it, if any
     */
    record FilePrediction(PredictionFormat.Record record, PredictionFormat.Prediction prediction, String text,
                          Optional<PredictionFormat.Heatmap> heatmap) {
    }

    /**
     * Replays the checkpoint's network as a controller in the environment of the job that trained it
     * (its application's {@code environment} for the {@code data.*} parameters the checkpoint's job
     * spec recorded): one episode started from {@code seed}, the network's state carried across its
     * steps, until it ends.
     *
     * @return the trajectory: a row for the start (step 0, no action, reward 0) and one after each
     *         step; a failure is an {@link java.io.IOException} when the checkpoint is unreadable, an
     *         {@link IllegalArgumentException} when its job acted in no environment, and anything else
     *         when the model or the environment fails. The default supports no replay.
     */
    default Try<Replay> replay(Path checkpoint, long seed) {
        return Try.failure(new UnsupportedOperationException("this predictor replays no controllers"));
    }

    /**
     * A replayed episode, row by row. Immutable.
     *
     * @param columns the name of each column: {@code step}, the episode's trace (or its observation,
     *                {@code observation.0}, ...), {@code action.0}, ... and {@code reward}
     * @param rows    one row per step, as many numbers as columns; the start's actions are NaN
     */
    record Replay(List<String> columns, List<double[]> rows) {
        public Replay {
            columns = List.copyOf(columns);
            rows = rows.stream().map(double[]::clone).toList();
        }

        /** A copy of the rows. */
        @Override
        public List<double[]> rows() {
            return rows.stream().map(double[]::clone).toList();
        }
    }

    /**
     * How a decoder model is decoded.
     *
     * @param beamWidth     hypotheses kept by beam search; 1 is greedy decoding
     * @param maxLength     most tokens decoded per sequence; 0 for twice the source's length (at least 1)
     * @param lengthPenalty alpha of the length normalisation of beam search,
     *                      {@code lp(Y) = ((5 + |Y|) / 6)^alpha} (Wu et al. 2016); 0 ranks by log probability
     */
    record Decode(int beamWidth, int maxLength, double lengthPenalty) {
        /** Greedy decoding, up to twice the source's length. */
        public static final Decode GREEDY = new Decode(1, 0);

        public Decode {
            if (beamWidth < 1 || maxLength < 0) {
                throw new IllegalArgumentException("decoding needs a beam width of at least 1 and a maximum length "
                        + "of at least 0, got " + beamWidth + " and " + maxLength);
            }
            if (!(lengthPenalty >= 0) || Double.isInfinite(lengthPenalty)) {
                throw new IllegalArgumentException("decoding needs a length penalty of at least 0, got "
                        + lengthPenalty);
            }
        }

        /** Without length normalisation. */
        public Decode(int beamWidth, int maxLength) {
            this(beamWidth, maxLength, 0.0);
        }

        /** The most tokens for a source of {@code sourceLength} steps. */
        public int maxTokens(int sourceLength) {
            return maxLength > 0 ? maxLength : Math.max(1, 2 * sourceLength);
        }
    }
}
