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
 * <p>Then one more, untimed, run measures the memory of a single run ({@link #stepMemory}): after a
 * garbage collection the heap in use is read (the baseline), and the action runs once on a fresh
 * thread while the bytes that every thread of the JVM allocates are counted (the platform's
 * {@code java.lang:type=Threading} bean, {@code getThreadAllocatedBytes}). The fresh thread matters
 * for backends that keep the arrays of closed workspaces per thread for reuse (the CPU backend's
 * arena): on the measuring thread the run would take its arrays from what earlier runs left, which
 * the baseline already holds, and allocate almost nothing; on a fresh thread it allocates every
 * array it holds. Garbage of earlier runs neither inflates nor hides the figure. The CPU backend's
 * workspace holds every array of a run until the run ends, so there the count is the run's high
 * point plus the few small objects it drops on the way; in general it bounds the high point from
 * above. The heap pools' peaks are not used for this: the JVM's G1 collector reports pool usage a
 * region (1 to 32 MiB) at a time and records peaks only at collections, so a run that allocates less
 * than a region shows nothing and a longer one shows how full the young generation was allowed to
 * get. Where the JVM offers no allocation count, the summed peaks less the baseline are reported.
 *
 * <p>Runs on the caller's thread; not thread-safe (the peaks are JVM-wide).
 */
final class Measurement {

    /**
     * Seconds per timed run, in run order, the summed heap peak in bytes, the warm-up runs made, and
     * the memory of one run ({@link StepMemory}).
     */
    record Timings(double[] seconds, long peakHeapBytes, int warmupRuns, StepMemory step) {
    }

    /**
     * The memory of one run: the bytes allocated while it ran on a fresh thread, and the heap in use
     * after a garbage collection before it.
     */
    record StepMemory(long ownBytes, long beforeBytes) {
    }

    /** Most warm-up runs of a settling warm-up. */
    static final int MAX_SETTLING_RUNS = 2000;
    /**
     * Fewest seconds of a settling warm-up: the just-in-time compiler's later tiers and the
     * backend's reused buffers take that long to reach their steady state on a small config, which
     * a few runs without gain do not show.
     */
    static final double MIN_SETTLING_SECONDS = 2.0;
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
     * {@code min} runs, more than {@link #SETTLED_RUNS}, at least {@link #MIN_SETTLING_SECONDS} in
     * all, and the fastest of the last
     * {@link #SETTLED_RUNS} is no more than {@link #SETTLED_GAIN} faster than the fastest before them.
     */
    static boolean settled(List<Double> runs, int min) {
        int n = runs.size();
        if (n < Math.max(min, SETTLED_RUNS + 1)) {
            return false;
        }
        double total = 0;
        for (double r : runs) {
            total += r;
        }
        if (total < MIN_SETTLING_SECONDS) {
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
        List<MemoryPoolMXBean> heap = heapPools();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] seconds = new double[reps];
        for (int i = 0; i < reps; i++) {
            checkInterrupt();
            long start = System.nanoTime();
            action.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        long peak = peak(heap);
        return new Timings(seconds, peak, made, stepMemory(action));
    }

    /**
     * Runs {@code action} once on a fresh thread, after a garbage collection, and returns the bytes
     * the JVM's threads allocated meanwhile (or, where they cannot be counted, the summed peaks of the
     * heap pools less the heap in use before it), and the heap in use before it.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for the run
     */
    static StepMemory stepMemory(Runnable action) throws InterruptedException {
        checkInterrupt();
        List<MemoryPoolMXBean> heap = heapPools();
        System.gc();
        long before = 0;
        for (MemoryPoolMXBean p : heap) {
            before += p.getUsage() == null ? 0 : p.getUsage().getUsed();
        }
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        java.util.Map<Long, Long> othersBefore = allocatedBytes();
        Throwable[] failed = new Throwable[1];
        long[] runnerBytes = {-1};
        Thread runner = new Thread(() -> {
            long id = Thread.currentThread().getId();
            Long start = allocatedBytes().get(id);
            try {
                action.run();
            } catch (Throwable t) {
                failed[0] = t;
            }
            Long end = allocatedBytes().get(id);
            runnerBytes[0] = start == null || end == null ? -1 : end - start;
        }, "engram-bench-memory");
        runner.start();
        try {
            runner.join();
        } catch (InterruptedException e) {
            runner.interrupt();
            runner.join();
            throw e;
        }
        java.util.Map<Long, Long> othersAfter = allocatedBytes();
        long peak = peak(heap);
        if (failed[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failed[0] instanceof Error err) {
            throw err;
        }
        long own;
        if (runnerBytes[0] >= 0) {
            own = runnerBytes[0];
            for (java.util.Map.Entry<Long, Long> e : othersAfter.entrySet()) {
                own += e.getValue() - othersBefore.getOrDefault(e.getKey(), 0L);
            }
        } else {
            own = peak - before;
        }
        return new StepMemory(Math.max(0, own), before);
    }

    /**
     * The bytes each live thread of the JVM has allocated so far, by thread id, from the
     * {@code java.lang:type=Threading} bean's {@code getThreadAllocatedBytes}; empty when the JVM
     * does not count them.
     */
    static java.util.Map<Long, Long> allocatedBytes() {
        try {
            javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName threading = new javax.management.ObjectName(ManagementFactory.THREAD_MXBEAN_NAME);
            long[] ids = ManagementFactory.getThreadMXBean().getAllThreadIds();
            long[] bytes = (long[]) server.invoke(threading, "getThreadAllocatedBytes", new Object[] {ids},
                    new String[] {long[].class.getName()});
            java.util.Map<Long, Long> m = new java.util.HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] >= 0) {
                    m.put(ids[i], bytes[i]);
                }
            }
            return m;
        } catch (javax.management.JMException | RuntimeException e) {
            return java.util.Map.of();
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    }

    private static long peak(List<MemoryPoolMXBean> heap) {
        long peak = 0;
        for (MemoryPoolMXBean p : heap) {
            peak += p.getPeakUsage() == null ? 0 : p.getPeakUsage().getUsed();
        }
        return peak;
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
