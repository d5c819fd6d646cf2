package io.engram.benchmarks.jmh;

import io.engram.backend.cuda.CudaBackend;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host-side cost of ops on the cuda backend at the sizes of one lstm_std step (batch 32,
 * hidden 256): an elementwise add, the recurrent product and the fused step. The device runs the
 * kernels asynchronously, so in steady state an op costs the larger of its launch overhead and its
 * kernels' time; each iteration ends by reading a value back, which drains the stream. Where no
 * GPU can be used the trial fails with the backend's reason.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CudaOpsBenchmark {
    private CudaBackend backend;
    private Ops ops;
    private Tensor a;
    private Tensor b;
    private Tensor xProj;
    private Tensor c;
    private Tensor wh;
    private Tensor last;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new CudaBackend();
        ops = backend.ops();
        SplittableRandom random = new SplittableRandom(1);
        a = GemmBenchmark.random(ops, random, 32, 256);
        b = GemmBenchmark.random(ops, random, 32, 256);
        xProj = GemmBenchmark.random(ops, random, 32, 1024);
        c = GemmBenchmark.random(ops, random, 32, 256);
        wh = GemmBenchmark.random(ops, random, 256, 1024);
    }

    @TearDown(Level.Iteration)
    public void drain() {
        if (last != null) {
            last.toFloatArray();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.release();
        backend.close();
    }

    @Benchmark
    public Tensor add() {
        last = ops.add(a, b);
        return last;
    }

    @Benchmark
    public Tensor recurrentProduct() {
        last = ops.matmul(a, wh);
        return last;
    }

    @Benchmark
    public Tensor lstmStep() {
        last = ops.kernels().lstmStep(xProj, a, c, wh).h();
        return last;
    }
}
