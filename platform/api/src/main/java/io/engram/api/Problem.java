package io.engram.api;

import java.util.Objects;

/**
 * One thing wrong with a user's input, located by the field, line or byte it concerns.
 *
 * @param where   the key ({@code model.hidden}), {@code file:line} or {@code byte N}
 * @param message what was expected and what was found
 */
public record Problem(String where, String message) {

    public Problem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    public static Problem of(String where, String message) {
        return new Problem(where, message);
    }

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
