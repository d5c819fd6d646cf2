package io.engram.benchmarks.jmh;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.Ops;
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
 * One fused LSTM step ({@code RecurrentKernels.lstmStep}: the recurrent product {@code h W_h} added to the
 * precomputed input projection, the gates and the new cell and hidden state) of batch
 * {@code batch} and {@code hidden} units on the CPU backend; its matrix product is
 * {@code 2 * 4H * H * B} FLOPs. Each invocation runs inside a {@link Workspace}.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LstmStepBenchmark {

    @Param({"32"})
    int batch;

    @Param({"256", "1024"})
    int hidden;

    @Param({"2"})
    int threads;

    private CpuBackend backend;
    private Ops ops;
    private Tensor xProj;
    private Tensor h;
    private Tensor c;
    private Tensor wh;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new CpuBackend(threads);
        ops = backend.ops();
        SplittableRandom random = new SplittableRandom(1);
        xProj = GemmBenchmark.random(ops, random, batch, 4 * hidden);
        h = GemmBenchmark.random(ops, random, batch, hidden);
        c = GemmBenchmark.random(ops, random, batch, hidden);
        wh = GemmBenchmark.random(ops, random, hidden, 4 * hidden);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public void lstmStep(Blackhole sink) {
        try (Workspace ws = ops.workspace()) {
            sink.consume(ops.kernels().lstmStep(xProj, h, c, wh));
        }
    }
}
