package io.engram.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurement of one config in one mode. Immutable.
 *
 * @param config        config name
 * @param mode          train or infer
 * @param backend       backend id
 * @param dtype         {@code f32} or {@code f64}
 * @param threads       worker threads of the backend
 * @param medianS       median seconds per iteration
 * @param minS          fastest iteration, seconds
 * @param maxS          slowest iteration, seconds
 * @param tokensPerS    {@code seq * batch / median}
 * @param gflopsPerS    {@link BenchConfig#flops(Mode)} / median / 1e9
 * @param peakHeapBytes sum of the peak usage of the heap memory pools during the measured iterations, reset
 *                      after a garbage collection before them (so it includes the live heap before them)
 * @param warmup        warm-up iterations run before measuring
 * @param reps          measured iterations
 * @param spec          the config measured
 * @param blas          the BLAS that computed the products, as the backend's {@code describe()} names it
 *                      ({@code blas.library}, such as {@code OpenBLAS 0.3.31 (bundled, org.bytedeco:openblas
 *                      0.3.31-1.5.13)}); empty when the backend names none
 * @param stepHeapBytes the heap one iteration takes on top of what was live before it: the sum of the heap
 *                      pools' peaks during one more, untimed, iteration on a fresh thread less the heap
 *                      in use after a garbage collection just before it ({@code heapBeforeBytes}); -1 when
 *                      not measured
 * @param heapBeforeBytes the heap in use after the garbage collection before that iteration; -1 when not
 *                      measured
 */
public record BenchResult(String config, Mode mode, String backend, String dtype, int threads, double medianS,
                          double minS, double maxS, double tokensPerS, double gflopsPerS, long peakHeapBytes,
                          int warmup, int reps, BenchConfig spec, String blas, long stepHeapBytes,
                          long heapBeforeBytes) {

    /** A result without the memory of one iteration. */
    public BenchResult(String config, Mode mode, String backend, String dtype, int threads, double medianS,
                       double minS, double maxS, double tokensPerS, double gflopsPerS, long peakHeapBytes,
                       int warmup, int reps, BenchConfig spec, String blas) {
        this(config, mode, backend, dtype, threads, medianS, minS, maxS, tokensPerS, gflopsPerS, peakHeapBytes,
                warmup, reps, spec, blas, -1, -1);
    }

    /** A result with no BLAS named. */
    public BenchResult(String config, Mode mode, String backend, String dtype, int threads, double medianS,
                       double minS, double maxS, double tokensPerS, double gflopsPerS, long peakHeapBytes,
                       int warmup, int reps, BenchConfig spec) {
        this(config, mode, backend, dtype, threads, medianS, minS, maxS, tokensPerS, gflopsPerS, peakHeapBytes,
                warmup, reps, spec, "");
    }

    /** The keys every JSON line has, in this order, before the descriptive ones. */
    public static final List<String> KEYS = List.of("config", "mode", "backend", "dtype", "threads", "median_s",
            "min_s", "max_s", "tokens_per_s", "gflops_per_s", "peak_heap_bytes", "step_heap_bytes", "heap_before_bytes");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The statistics of {@code seconds}, one entry per measured iteration (at least one). */
    public static BenchResult of(BenchConfig c, Mode mode, String backend, String dtype, int threads, int warmup,
                                 double[] seconds, long peakHeapBytes) {
        return of(c, mode, backend, dtype, threads, warmup, seconds, peakHeapBytes, "");
    }

    /** As {@link #of(BenchConfig, Mode, String, String, int, int, double[], long)}, naming the BLAS. */
    public static BenchResult of(BenchConfig c, Mode mode, String backend, String dtype, int threads, int warmup,
                                 double[] seconds, long peakHeapBytes, String blas) {
        return of(c, mode, backend, dtype, threads, warmup, seconds, peakHeapBytes, blas, -1, -1);
    }

    /** As {@link #of(BenchConfig, Mode, String, String, int, int, double[], long, String)}, with one iteration's memory. */
    public static BenchResult of(BenchConfig c, Mode mode, String backend, String dtype, int threads, int warmup,
                                 double[] seconds, long peakHeapBytes, String blas, long stepHeapBytes,
                                 long heapBeforeBytes) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("no measured iterations");
        }
        double[] s = seconds.clone();
        Arrays.sort(s);
        double median = median(s);
        return new BenchResult(c.name(), mode, backend, dtype, threads, median, s[0], s[s.length - 1],
                c.tokens() / median, c.flops(mode) / median / 1e9, peakHeapBytes, warmup, s.length, c,
                blas == null ? "" : blas, stepHeapBytes, heapBeforeBytes);
    }

    /** The median of sorted values: the middle one, or the mean of the middle two. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * One JSON object on one line: the {@link #KEYS}, then {@code family}, {@code input},
     * {@code hidden}, {@code seq}, {@code batch}, {@code output}, {@code layers}, {@code flops}, {@code warmup},
     * {@code reps}, {@code blas}.
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config);
        m.put("mode", mode.label());
        m.put("backend", backend);
        m.put("dtype", dtype);
        m.put("threads", threads);
        m.put("median_s", medianS);
        m.put("min_s", minS);
        m.put("max_s", maxS);
        m.put("tokens_per_s", tokensPerS);
        m.put("gflops_per_s", gflopsPerS);
        m.put("peak_heap_bytes", peakHeapBytes);
        m.put("step_heap_bytes", stepHeapBytes);
        m.put("heap_before_bytes", heapBeforeBytes);
        m.put("family", spec.family());
        m.put("input", spec.inputSize());
        m.put("hidden", spec.hidden());
        m.put("seq", spec.seq());
        m.put("batch", spec.batch());
        m.put("output", spec.outputSize());
        m.put("layers", spec.layers());
        m.put("flops", spec.flops(mode));
        m.put("warmup", warmup);
        m.put("reps", reps);
        m.put("blas", blas);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers did not serialise", e);
        }
    }
}
