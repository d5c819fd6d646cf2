package io.engram.train;

import static io.engram.train.internal.CheckpointCodec.quote;

import io.engram.tensor.Tensor;
import io.vavr.control.Try;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that a checkpoint's tensors are exactly the parameters a network expects: every parameter
 * present, no other tensor, each of the expected dtype and shape. A checkpoint that fails is
 * refused as a whole, so a network never runs on a mix of stored and freshly initialised weights.
 * Stateless and thread-safe.
 */
public final class CheckpointFit {
    /** The most problems listed in one message; the rest are counted. */
    public static final int MAX_LISTED = 20;

    private CheckpointFit() {
    }

    /**
     * The checkpoint's tensors when they fit {@code expected} (names, dtypes and shapes, typically a
     * freshly created network's {@code parameters()}); otherwise an {@link IOException} whose message
     * names the file, each offending tensor and its byte offset.
     *
     * @param name how to call the file in messages
     */
    public static Try<Map<String, Tensor>> check(String name, LoadedCheckpoint checkpoint,
                                                Map<String, Tensor> expected) {
        List<String> problems = new ArrayList<>();
        expected.forEach((key, want) -> {
            Tensor got = checkpoint.tensors().get(key);
            if (got == null) {
                problems.add("tensor " + quote(key) + " (" + want.dtype() + " " + want.shape() + ") is missing");
            } else if (got.dtype() != want.dtype() || !got.shape().equals(want.shape())) {
                problems.add("tensor " + quote(key) + at(checkpoint, key) + " is " + got.dtype() + " " + got.shape()
                        + ", the network expects " + want.dtype() + " " + want.shape());
            }
        });
        checkpoint.tensors().keySet().stream().filter(key -> !expected.containsKey(key)).forEach(key ->
                problems.add("tensor " + quote(key) + at(checkpoint, key) + " is not a parameter of the network"));
        if (problems.isEmpty()) {
            return Try.success(checkpoint.tensors());
        }
        StringBuilder sb = new StringBuilder("checkpoint " + name + " does not fit the network of family "
                + quote(checkpoint.metadata().spec().family()) + " (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "): ");
        sb.append(String.join("; ", problems.subList(0, Math.min(MAX_LISTED, problems.size()))));
        if (problems.size() > MAX_LISTED) {
            sb.append("; ... and ").append(problems.size() - MAX_LISTED).append(" more problems");
        }
        return Try.failure(new IOException(sb.toString()));
    }

    private static String at(LoadedCheckpoint checkpoint, String key) {
        Long offset = checkpoint.offsets().get(key);
        return offset == null ? "" : " at byte " + offset;
    }
}
