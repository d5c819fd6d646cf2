package io.engram.benchmarks.jmh;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Square single-precision matrix products {@code C = A B} of size {@code n} on the CPU backend
 * with {@code threads} workers. A GEMM of size {@code n} is {@code 2 n^3} FLOPs, so GFLOP/s = 2 n^3 / (seconds per op)
 * / 1e9. Each invocation runs inside a {@link Workspace}, as a training loop would.
 *
 * <pre>
 *   mvn -q install -DskipTests
 *   java -cp "benchmarks/jmh/target/*:benchmarks/jmh/target/lib/*" org.openjdk.jmh.Main Benchmark -p threads=2
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GemmBenchmark {

    @Param({"128", "512", "1024"})
    int n;

    @Param({"2"})
    int threads;

    private CpuBackend backend;
    private Ops ops;
    private Tensor a;
    private Tensor b;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new CpuBackend(threads);
        ops = backend.ops();
        SplittableRandom random = new SplittableRandom(1);
        a = random(ops, random, n, n);
        b = random(ops, random, n, n);
    }

    static Tensor random(Ops ops, SplittableRandom random, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return ops.fromArray(DType.F32, Shape.of(rows, cols), v);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    /** {@code A B}, {@code 2 n^3} FLOPs. */
    @Benchmark
    public void gemm(Blackhole sink) {
        try (Workspace ws = ops.workspace()) {
            sink.consume(ops.matmul(a, b));
        }
    }
}
