package io.engram.backend.cpu.internal;

/**
 * How the CPU's ops cut their work over the backend's pool ({@link Parallel}): elementwise ops in
 * equal chunks, a fused step's rows in ranges, a recurrence in one block of batch rows per thread.
 * Small work runs at once on the caller. The results never depend on the cut: each element or row
 * is computed by the same operations whichever thread runs it.
 *
 * <p>Thread-safe: immutable; the pool does the waiting.
 */
final class PoolSchedule {
    /** Elementwise ops on at least this many elements are split across the pool. */
    static final int PARALLEL_ELEMENTS = 1 << 16;

    /** A fused step's gate work over at least this many elements is split across the pool. */
    static final int PARALLEL_ROWS_ELEMENTS = 1 << 12;

    /** A range {@code [from, to)} of elements or rows. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    private final Parallel parallel;

    PoolSchedule(Parallel parallel) {
        this.parallel = parallel;
    }

    /**
     * Runs {@code body} over {@code [0, n)}: at once when small, else in equal chunks on the pool.
     * Elementwise work does not depend on the split, so neither do the results.
     */
    void chunks(int n, Range body) {
        if (n < PARALLEL_ELEMENTS || parallel.threads() == 1) {
            body.run(0, n);
            return;
        }
        int count = Math.min(4 * parallel.threads(), n / (PARALLEL_ELEMENTS / 4));
        parallel.forEach(count, c -> body.run((int) ((long) c * n / count), (int) ((long) (c + 1) * n / count)));
    }

    /**
     * Runs {@code body} over the rows {@code [0, rows)} of a step whose rows hold {@code width}
     * elements each: at once when the step is small, else split in two or more row ranges on the pool.
     */
    void rows(int rows, int width, Range body) {
        if ((long) rows * width < PARALLEL_ROWS_ELEMENTS || parallel.threads() == 1 || rows < 2) {
            body.run(0, rows);
            return;
        }
        int count = Math.min(2 * parallel.threads(), rows);
        parallel.forEach(count, c -> body.run(c * rows / count, (c + 1) * rows / count));
    }

    /** Runs {@code body} over one block of rows per pool thread, and waits for all. */
    void rowBlocks(int rows, Range body) {
        int count = parallel.threads();
        parallel.forEach(count, c -> body.run(c * rows / count, (c + 1) * rows / count));
    }
}
