package io.engram.api;

import java.util.Objects;

/**
 * The data of one task as an application loads it.
 *
 * @param train       training sequences
 * @param validation  validation sequences (may be empty: the trainer then splits train)
 * @param test        held-apart test sequences (may be empty)
 * @param loss        the id of the loss the task is meant for ({@code softmax-ce}, {@code mse}, {@code ctc}, ...),
 *                    looked up among the registered {@link Loss} services
 * @param source      where the data came from (a generator and its seed, or a file path)
 * @param digest      SHA-256 of the data as generated or read, hex
 */
public record TaskData(Dataset train, Dataset validation, Dataset test, String loss, String source, String digest) {

    public TaskData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(digest, "digest");
    }

    public int inputSize() {
        return train.inputSize();
    }

    public int outputSize() {
        return train.outputSize();
    }
}
