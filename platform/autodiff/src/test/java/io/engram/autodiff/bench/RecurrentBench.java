package io.engram.autodiff.bench;

import io.engram.autodiff.Gradients;
import io.engram.autodiff.Tape;
import io.engram.backend.cpu.Blas;
import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Speed of the CPU backend on the standard recurrent benchmarks, run by hand (not a test):
 * <pre>
 *   cd platform/autodiff
 *   mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/engram-cp.txt
 *   java -cp "$(cat /tmp/engram-cp.txt):target/classes:target/test-classes" \
 *       io.engram.autodiff.bench.RecurrentBench [auto|native|java] [gemm lstm_std gru_std elman_std lstm_big]
 *   (it lives here, not in the cpu backend, because it records on the tape, and this module
 *    already has the cpu backend as a test dependency)
 * </pre>
 * Prints the GEMM rate in GFLOP/s and, for each case, seconds per training step (forward over the
 * sequence, MSE on every output, backward, SGD) and per inference pass, the median of the timed
 * repetitions after warm-up. Cases: {@code lstm_std} (input 128, hidden 256, seq 100, batch 32),
 * {@code lstm_big} (512, 1024, 50, 64), {@code gru_std} and {@code elman_std} (as lstm_std).
 */
public final class RecurrentBench {

    private RecurrentBench() {
    }

    record Case(String name, String cell, int input, int hidden, int seq, int batch) {
    }

    public static void main(String[] args) {
        Blas blas = args.length > 0 ? Blas.parse(args[0]).orElse(Blas.AUTO) : Blas.AUTO;
        List<String> wanted = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("gemm", "lstm_std",
                "gru_std", "elman_std", "lstm_big");
        try (CpuBackend backend = new CpuBackend(0, blas)) {
            System.out.println(backend + " " + backend.gemm());
            Ops ops = backend.ops();
            for (String name : wanted) {
                switch (name) {
                    case "gemm" -> gemm(ops);
                    case "lstm_std" -> run(ops, new Case(name, "lstm", 128, 256, 100, 32));
                    case "lstm_big" -> run(ops, new Case(name, "lstm", 512, 1024, 50, 64));
                    case "gru_std" -> run(ops, new Case(name, "gru", 128, 256, 100, 32));
                    case "elman_std" -> run(ops, new Case(name, "elman", 128, 256, 100, 32));
                    default -> System.out.println("unknown case " + name);
                }
            }
        }
    }

    static void gemm(Ops ops) {
        for (int n : new int[] {512, 1024, 2048}) {
            Random rnd = new Random(1);
            Tensor a = random(ops, rnd, Shape.of(n, n), 1.0);
            Tensor b = random(ops, rnd, Shape.of(n, n), 1.0);
            double[] times = new double[5];
            for (int r = -2; r < times.length; r++) {
                try (Workspace ws = ops.workspace()) {
                    long t0 = System.nanoTime();
                    ops.matmul(a, b);
                    double s = (System.nanoTime() - t0) * 1e-9;
                    if (r >= 0) {
                        times[r] = s;
                    }
                }
            }
            double best = java.util.Arrays.stream(times).min().orElseThrow();
            System.out.printf(Locale.ROOT, "gemm f32 %d^3: %.1f GFLOP/s (best of %d, %.4f s)%n", n,
                    2.0 * n * n * n / best * 1e-9, times.length, best);
        }
    }

    static Tensor random(Ops ops, Random rnd, Shape shape, double scale) {
        float[] v = new float[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return ops.fromArray(DType.F32, shape, v);
    }

    static void run(Ops ops, Case c) {
        Random rnd = new Random(7);
        int gates = switch (c.cell()) {
            case "lstm" -> 4;
            case "gru" -> 3;
            default -> 1;
        };
        double scale = 1.0 / Math.sqrt(c.hidden());
        Tensor[] params = {
            random(ops, rnd, Shape.of(c.input(), gates * c.hidden()), scale),
            random(ops, rnd, Shape.of(c.hidden(), c.cell().equals("gru") ? 2 * c.hidden() : gates * c.hidden()), scale),
            random(ops, rnd, Shape.of(gates * c.hidden()), scale),
            random(ops, rnd, Shape.of(c.hidden(), c.hidden()), scale),
        };
        Tensor xs = random(ops, rnd, Shape.of(c.seq() * c.batch(), c.input()), 1.0);
        Tensor ys = random(ops, rnd, Shape.of(c.seq() * c.batch(), c.hidden()), 0.5);
        int reps = c.hidden() >= 1024 ? 3 : 10;
        double train = median(reps, () -> {
            try (Workspace ws = ops.workspace()) {
                Tape tape = new Tape(ops);
                Tensor[] leaves = new Tensor[params.length];
                for (int i = 0; i < params.length; i++) {
                    leaves[i] = tape.leaf(params[i]);
                }
                Tensor loss = forward(tape, c, leaves, xs, ys);
                Gradients g = tape.backward(loss);
                for (int i = 0; i < params.length; i++) {
                    params[i] = ws.keep(ops.sub(params[i], ops.scale(g.of(leaves[i]), 1e-3)));
                }
            }
        });
        double infer = median(reps, () -> {
            try (Workspace ws = ops.workspace()) {
                forward(ops, c, params, xs, null);
            }
        });
        System.out.printf(Locale.ROOT, "%s: train %.4f s/step, inference %.4f s (median of %d)%n", c.name(), train,
                infer, reps);
    }

    /** The summed squared error over all outputs when {@code ys} is given, else the last state. */
    static Tensor forward(Ops ops, Case c, Tensor[] p, Tensor xs, Tensor ys) {
        int b = c.batch();
        int hidden = c.hidden();
        Tensor proj = ops.inputProjection(xs, p[0], p[2]);
        Tensor h = ops.zeros(DType.F32, Shape.of(b, hidden));
        Tensor cell = ops.zeros(DType.F32, Shape.of(b, hidden));
        Tensor total = null;
        List<Tensor> outputs = new ArrayList<>();
        for (int t = 0; t < c.seq(); t++) {
            Tensor xp = ops.slice(proj, 0, t * b, (t + 1) * b);
            switch (c.cell()) {
                case "lstm" -> {
                    RecurrentKernels.LstmState hc = ops.kernels().lstmStep(xp, h, cell, p[1]);
                    h = hc.h();
                    cell = hc.c();
                }
                case "gru" -> h = ops.kernels().gruStep(xp, h, p[1], p[3]);
                default -> h = ops.tanh(ops.add(xp, ops.matmul(h, p[1])));
            }
            outputs.add(h);
        }
        if (ys == null) {
            return h;
        }
        Tensor diff = ops.sub(ops.concat(0, outputs), ys);
        return ops.sumAll(ops.mul(diff, diff));
    }

    static double median(int reps, Runnable body) {
        for (int w = 0; w < 2; w++) {
            body.run();
        }
        double[] t = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            body.run();
            t[r] = (System.nanoTime() - t0) * 1e-9;
        }
        java.util.Arrays.sort(t);
        return t[reps / 2];
    }
}
