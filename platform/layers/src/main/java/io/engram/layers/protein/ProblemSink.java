package io.engram.layers.protein;

/**
 * Where the readers of this package put the problems they find in a file: each names where
 * ({@code file:line}, or a parameter's key) and what is wrong. The readers report every problem
 * they find and go on reading, so that one load lists them all. An implementation decides how
 * many it keeps; it need not be thread-safe, as one load uses it from one thread.
 */
@FunctionalInterface
public interface ProblemSink {
    /** Records one problem. */
    void add(String where, String message);
}
