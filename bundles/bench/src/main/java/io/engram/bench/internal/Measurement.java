package io.engram.bench.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Times an action: untimed warm-up runs, then {@code reps} runs each timed with
 * {@link System#nanoTime()}. The warm-up is either a fixed number of runs or lasts until the
 * action's time has settled ({@link #settled}), which on the JVM means until the just-in-time
 * compiler has finished with the code the action runs; the heap pools' peak usage is reset after a garbage collection
 * before the timed runs and summed after them (the sum of the pools' peaks bounds the heap in use
 * at any one moment from above).
 *
 * <p>Runs on the caller's thread; not thread-safe (the peaks are JVM-wide).
 */
final class Measurement {

    /** Seconds per timed run, in run order, the summed heap peak in bytes, and the warm-up runs made. */
    record Timings(double[] seconds, long peakHeapBytes, int warmupRuns) {
    }

    /** Most warm-up runs of a settling warm-up. */
    static final int MAX_SETTLING_RUNS = 40;
    /** Most seconds of a settling warm-up; it stops after the run that passes them. */
    static final double MAX_SETTLING_SECONDS = 30.0;
    /** How much faster than the best before them the last runs may be and still count as settled. */
    static final double SETTLED_GAIN = 0.05;
    /** Runs that must show no further gain. */
    static final int SETTLED_RUNS = 3;

    private Measurement() {
    }

    /**
     * Whether warm-up runs of these durations (seconds, in order) have settled: at least
     * {@code min} runs, more than {@link #SETTLED_RUNS}, and the fastest of the last
     * {@link #SETTLED_RUNS} is no more than {@link #SETTLED_GAIN} faster than the fastest before them.
     */
    static boolean settled(List<Double> runs, int min) {
        int n = runs.size();
        if (n < Math.max(min, SETTLED_RUNS + 1)) {
            return false;
        }
        double before = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n - SETTLED_RUNS; i++) {
            before = Math.min(before, runs.get(i));
        }
        double last = Double.POSITIVE_INFINITY;
        for (int i = n - SETTLED_RUNS; i < n; i++) {
            last = Math.min(last, runs.get(i));
        }
        return last >= (1.0 - SETTLED_GAIN) * before;
    }

    /**
     * Runs {@code action} {@code warmup} times untimed, or, when {@code warmup} is negative, at least
     * {@code minSettling} times and on until {@link #settled} (at most {@link #MAX_SETTLING_RUNS}
     * runs or about {@link #MAX_SETTLING_SECONDS} seconds); then {@code reps} times timed.
     *
     * @throws InterruptedException when the thread is interrupted between runs
     */
    static Timings time(Runnable action, int warmup, int minSettling, int reps) throws InterruptedException {
        int made = 0;
        if (warmup >= 0) {
            for (; made < warmup; made++) {
                checkInterrupt();
                action.run();
            }
        } else {
            java.util.ArrayList<Double> runs = new java.util.ArrayList<>();
            double total = 0;
            while (!settled(runs, minSettling) && runs.size() < MAX_SETTLING_RUNS && total < MAX_SETTLING_SECONDS) {
                checkInterrupt();
                long start = System.nanoTime();
                action.run();
                double s = (System.nanoTime() - start) / 1e9;
                runs.add(s);
                total += s;
            }
            made = runs.size();
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
        return new Timings(seconds, peak, made);
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
