package io.engram.bench.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Times an action: {@code warmup} untimed runs, then {@code reps} runs each timed with
 * {@link System#nanoTime()}; the heap pools' peak usage is reset after a garbage collection
 * before the timed runs and summed after them (the sum of the pools' peaks bounds the heap in use
 * at any one moment from above).
 *
 * <p>Runs on the caller's thread; not thread-safe (the peaks are JVM-wide).
 */
final class Measurement {

    /** Seconds per timed run, in run order, and the summed heap peak in bytes. */
    record Timings(double[] seconds, long peakHeapBytes) {
    }

    private Measurement() {
    }

    /**
     * Runs {@code action} {@code warmup + reps} times.
     *
     * @throws InterruptedException when the thread is interrupted between runs
     */
    static Timings time(Runnable action, int warmup, int reps) throws InterruptedException {
        for (int i = 0; i < warmup; i++) {
            checkInterrupt();
            action.run();
        }
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] seconds = new double[reps];
        for (int i = 0; i < reps; i++) {
            checkInterrupt();
            long start = System.nanoTime();
            action.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        long peak = 0;
        for (MemoryPoolMXBean p : heap) {
            peak += p.getPeakUsage() == null ? 0 : p.getPeakUsage().getUsed();
        }
        return new Timings(seconds, peak);
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
