package io.engram.kernel.internal;

import java.time.Duration;

/**
 * When a running job writes its next checkpoint: at each epoch end whose number is a multiple of
 * {@code checkpoint.every.epochs}, and at the first epoch end at least
 * {@code checkpoint.every.minutes} after the job started or last wrote one (0 turns either off).
 *
 * <p>Lifecycle: made on the job's thread when training starts; {@link #due} is asked at each epoch
 * end, on the same thread, and counts a checkpoint as written when it answers true. Not
 * thread-safe: it belongs to one job thread.
 */
final class PeriodicCheckpoints {

    private final int everyEpochs;
    private final long everyNanos;
    private long last;

    PeriodicCheckpoints(int everyEpochs, int everyMinutes) {
        this.everyEpochs = Math.max(0, everyEpochs);
        this.everyNanos = Math.max(0, everyMinutes) * Duration.ofMinutes(1).toNanos();
        this.last = System.nanoTime();
    }

    /** Whether the end of {@code epoch} (from 1) writes a checkpoint. */
    boolean due(int epoch) {
        long now = System.nanoTime();
        boolean byEpochs = everyEpochs > 0 && epoch > 0 && epoch % everyEpochs == 0;
        boolean byTime = everyNanos > 0 && now - last >= everyNanos;
        if (byEpochs || byTime) {
            last = now;
            return true;
        }
        return false;
    }
}
