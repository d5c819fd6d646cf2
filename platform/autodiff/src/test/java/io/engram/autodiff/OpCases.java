package io.engram.autodiff;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * One seeded case per op (and per variant: transpose flags, broadcasting, negative axes, fused
 * steps) for the derivative checks, and the central-difference reference they are checked against.
 * Each case is a function of some f64 inputs; the checked scalar is {@code sum(f(x) * R)} with a
 * fixed random weight {@code R}, so every output element contributes with a different weight.
 */
final class OpCases {
    /** Central-difference step. */
    static final double H = 1e-6;
    /** Denominator floor of the relative error, so partials that are exactly zero compare absolutely. */
    static final double FLOOR = 1e-3;
    /** Bound on |analytic - numeric| / max(FLOOR, |analytic|, |numeric|). */
    static final double TOLERANCE = 1e-6;

    record Case(String name, BiFunction<Ops, List<Tensor>, Tensor> f, List<Tensor> inputs) {
    }

    private OpCases() {
    }

    static Tensor random(Ops ops, Random rnd, double lo, double hi, int... dims) {
        Shape s = Shape.of(dims);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return ops.fromArray(DType.F64, s, v);
    }

    /** Values away from 0 in both signs, so relu's kink is never within a step. */
    static Tensor awayFromZero(Ops ops, Random rnd, int... dims) {
        Shape s = Shape.of(dims);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (0.2 + rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
        }
        return ops.fromArray(DType.F64, s, v);
    }

    static List<Case> all(Ops ops) {
        Random rnd = new Random(1234);
        List<Case> c = new ArrayList<>();
        for (int flags = 0; flags < 4; flags++) {
            boolean ta = (flags & 1) != 0;
            boolean tb = (flags & 2) != 0;
            int m = 3;
            int k = 4;
            int n = 2;
            c.add(new Case("matmul ta=" + ta + " tb=" + tb, (o, x) -> o.matmul(x.get(0), x.get(1), ta, tb),
                    List.of(ta ? random(ops, rnd, -1, 1, k, m) : random(ops, rnd, -1, 1, m, k),
                            tb ? random(ops, rnd, -1, 1, n, k) : random(ops, rnd, -1, 1, k, n))));
        }
        for (int flags = 0; flags < 4; flags++) {
            boolean ta = (flags & 1) != 0;
            boolean tb = (flags & 2) != 0;
            c.add(new Case("batchedMatmul ta=" + ta + " tb=" + tb,
                    (o, x) -> o.batchedMatmul(x.get(0), x.get(1), ta, tb),
                    List.of(ta ? random(ops, rnd, -1, 1, 2, 4, 3) : random(ops, rnd, -1, 1, 2, 3, 4),
                            tb ? random(ops, rnd, -1, 1, 2, 2, 4) : random(ops, rnd, -1, 1, 2, 4, 2))));
        }
        double[] dominant = random(ops, rnd, -1, 1, 3, 3).toDoubleArray();
        for (int i = 0; i < 3; i++) {
            dominant[i * 3 + i] += 3;
        }
        c.add(new Case("solve", (o, x) -> o.solve(x.get(0), x.get(1)),
                List.of(ops.fromArray(DType.F64, Shape.of(3, 3), dominant), random(ops, rnd, -1, 1, 3, 2))));
        c.add(new Case("add broadcast row", (o, x) -> o.add(x.get(0), x.get(1)),
                List.of(random(ops, rnd, -1, 1, 2, 3), random(ops, rnd, -1, 1, 3))));
        c.add(new Case("add broadcast both", (o, x) -> o.add(x.get(0), x.get(1)),
                List.of(random(ops, rnd, -1, 1, 2, 1, 3), random(ops, rnd, -1, 1, 4, 1))));
        c.add(new Case("sub broadcast column", (o, x) -> o.sub(x.get(0), x.get(1)),
                List.of(random(ops, rnd, -1, 1, 2, 3), random(ops, rnd, -1, 1, 2, 1))));
        c.add(new Case("mul broadcast scalar", (o, x) -> o.mul(x.get(0), x.get(1)),
                List.of(random(ops, rnd, -1, 1), random(ops, rnd, -1, 1, 2, 3))));
        c.add(new Case("mul same", (o, x) -> o.mul(x.get(0), x.get(1)),
                List.of(random(ops, rnd, -1, 1, 3, 2), random(ops, rnd, -1, 1, 3, 2))));
        c.add(new Case("div broadcast", (o, x) -> o.div(x.get(0), x.get(1)),
                List.of(random(ops, rnd, -1, 1, 2, 3), random(ops, rnd, 0.5, 2, 3))));
        c.add(new Case("scale", (o, x) -> o.scale(x.get(0), -2.5), List.of(random(ops, rnd, -1, 1, 2, 2))));
        c.add(new Case("addScalar", (o, x) -> o.addScalar(x.get(0), 3), List.of(random(ops, rnd, -1, 1, 2, 2))));
        c.add(new Case("tanh", (o, x) -> o.tanh(x.get(0)), List.of(random(ops, rnd, -2, 2, 2, 3))));
        c.add(new Case("sigmoid", (o, x) -> o.sigmoid(x.get(0)), List.of(random(ops, rnd, -3, 3, 2, 3))));
        c.add(new Case("relu", (o, x) -> o.relu(x.get(0)), List.of(awayFromZero(ops, rnd, 2, 4))));
        c.add(new Case("exp", (o, x) -> o.exp(x.get(0)), List.of(random(ops, rnd, -1, 1, 3))));
        c.add(new Case("log", (o, x) -> o.log(x.get(0)), List.of(random(ops, rnd, 0.5, 3, 3))));
        Tensor mask = ops.fromArray(DType.F64, Shape.of(2, 1), new double[] {1, 0});
        c.add(new Case("where broadcast", (o, x) -> o.where(mask, x.get(0), x.get(1)),
                List.of(random(ops, rnd, -1, 1, 3), random(ops, rnd, -1, 1, 2, 3))));
        c.add(new Case("softmax axis -1", (o, x) -> o.softmax(x.get(0), -1), List.of(random(ops, rnd, -2, 2, 2, 4))));
        c.add(new Case("softmax axis 0", (o, x) -> o.softmax(x.get(0), 0), List.of(random(ops, rnd, -2, 2, 3, 2))));
        c.add(new Case("logSoftmax axis -2", (o, x) -> o.logSoftmax(x.get(0), -2),
                List.of(random(ops, rnd, -2, 2, 2, 3, 2))));
        c.add(new Case("sum axis 1", (o, x) -> o.sum(x.get(0), 1), List.of(random(ops, rnd, -1, 1, 2, 3, 2))));
        c.add(new Case("mean axis -1", (o, x) -> o.mean(x.get(0), -1), List.of(random(ops, rnd, -1, 1, 2, 3))));
        c.add(new Case("sumAll", (o, x) -> o.sumAll(x.get(0)), List.of(random(ops, rnd, -1, 1, 2, 3))));
        c.add(new Case("concat axis -1", (o, x) -> o.concat(-1, List.of(x.get(0), x.get(1), x.get(0))),
                List.of(random(ops, rnd, -1, 1, 2, 2), random(ops, rnd, -1, 1, 2, 3))));
        c.add(new Case("slice axis 1", (o, x) -> o.slice(x.get(0), 1, 1, 3), List.of(random(ops, rnd, -1, 1, 2, 4))));
        c.add(new Case("gather repeats", (o, x) -> o.gather(x.get(0), 0, new int[] {2, 0, 2, 2}),
                List.of(random(ops, rnd, -1, 1, 3, 2))));
        c.add(new Case("scatterAdd", (o, x) -> o.scatterAdd(x.get(0), -1, new int[] {1, 1, 0}, 4),
                List.of(random(ops, rnd, -1, 1, 2, 3))));
        c.add(new Case("reshape", (o, x) -> o.reshape(x.get(0), Shape.of(3, 2)), List.of(random(ops, rnd, -1, 1, 2, 3))));
        c.add(new Case("transpose", (o, x) -> o.transpose(x.get(0)), List.of(random(ops, rnd, -1, 1, 2, 3))));
        c.add(new Case("leaf used twice", (o, x) -> o.mul(x.get(0), o.tanh(x.get(0))),
                List.of(random(ops, rnd, -1, 1, 2, 2))));
        c.add(new Case("inputProjection", (o, x) -> o.inputProjection(x.get(0), x.get(1), x.get(2)),
                List.of(random(ops, rnd, -1, 1, 3, 2), random(ops, rnd, -1, 1, 2, 4), random(ops, rnd, -1, 1, 4))));
        c.add(new Case("sqrt", (o, x) -> o.sqrt(x.get(0)), List.of(random(ops, rnd, 0.5, 3, 2, 3))));
        c.add(new Case("abs", (o, x) -> o.abs(x.get(0)), List.of(awayFromZero(ops, rnd, 2, 4))));
        c.add(new Case("sign times input", (o, x) -> o.mul(o.sign(x.get(0)), x.get(0)),
                List.of(awayFromZero(ops, rnd, 2, 3))));
        c.add(new Case("maximum broadcast row", (o, x) -> o.maximum(x.get(0), x.get(1)),
                List.of(awayFromZero(ops, rnd, 2, 3), random(ops, rnd, -0.1, 0.1, 3))));
        c.add(new Case("minimum broadcast column", (o, x) -> o.minimum(x.get(0), x.get(1)),
                List.of(random(ops, rnd, -0.1, 0.1, 2, 1), awayFromZero(ops, rnd, 2, 3))));
        c.add(new Case("greater gates input", (o, x) -> o.mul(o.greater(x.get(0), x.get(1)), x.get(0)),
                List.of(awayFromZero(ops, rnd, 2, 3), random(ops, rnd, -0.1, 0.1, 3))));
        c.add(new Case("lessEqual gates input", (o, x) -> o.mul(o.lessEqual(x.get(0), x.get(1)), x.get(1)),
                List.of(awayFromZero(ops, rnd, 3), random(ops, rnd, -0.1, 0.1, 2, 1))));
        c.add(new Case("heaviside times input", (o, x) -> o.mul(o.heaviside(x.get(0)), x.get(0)),
                List.of(awayFromZero(ops, rnd, 2, 3))));
        c.add(new Case("cumsum axis 1", (o, x) -> o.cumsum(x.get(0), 1), List.of(random(ops, rnd, -1, 1, 2, 3, 2))));
        c.add(new Case("cumsum axis -1", (o, x) -> o.cumsum(x.get(0), -1), List.of(random(ops, rnd, -1, 1, 2, 4))));
        c.add(new Case("cumsum axis 0", (o, x) -> o.cumsum(x.get(0), 0), List.of(random(ops, rnd, -1, 1, 3))));
        int b = 2;
        int h = 2;
        c.add(new Case("lstmStep h'", (o, x) -> o.kernels().lstmStep(x.get(0), x.get(1), x.get(2), x.get(3)).h(),
                List.of(random(ops, rnd, -1, 1, b, 4 * h), random(ops, rnd, -1, 1, b, h),
                        random(ops, rnd, -1, 1, b, h), random(ops, rnd, -1, 1, h, 4 * h))));
        c.add(new Case("lstmStep c'", (o, x) -> o.kernels().lstmStep(x.get(0), x.get(1), x.get(2), x.get(3)).c(),
                List.of(random(ops, rnd, -1, 1, b, 4 * h), random(ops, rnd, -1, 1, b, h),
                        random(ops, rnd, -1, 1, b, h), random(ops, rnd, -1, 1, h, 4 * h))));
        c.add(new Case("gruStep", (o, x) -> o.kernels().gruStep(x.get(0), x.get(1), x.get(2), x.get(3)),
                List.of(random(ops, rnd, -1, 1, b, 3 * h), random(ops, rnd, -1, 1, b, h),
                        random(ops, rnd, -1, 1, h, 2 * h), random(ops, rnd, -1, 1, h, h))));
        return c;
    }

    /** The weight R of a case's output, fixed by the case's name. */
    static Tensor weight(Ops base, Case c) {
        Tensor out = c.f().apply(base, c.inputs());
        return random(base, new Random(c.name().hashCode()), -1, 1, out.shape().toArray());
    }

    /** {@code sum(f(x) * R)} on any ops. */
    static Tensor objective(Ops ops, Case c, Tensor r, List<Tensor> inputs) {
        return ops.sumAll(ops.mul(c.f().apply(ops, inputs), r));
    }

    /** Central differences of the objective, one array per input. */
    static List<double[]> numeric(Ops base, Case c, Tensor r) {
        List<double[]> grads = new ArrayList<>();
        for (int q = 0; q < c.inputs().size(); q++) {
            Tensor x = c.inputs().get(q);
            double[] v = x.toDoubleArray();
            double[] g = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double keep = v[i];
                v[i] = keep + H;
                double plus = objective(base, c, r, replace(base, c.inputs(), q, x.shape(), v)).item();
                v[i] = keep - H;
                double minus = objective(base, c, r, replace(base, c.inputs(), q, x.shape(), v)).item();
                v[i] = keep;
                g[i] = (plus - minus) / (2 * H);
            }
            grads.add(g);
        }
        return grads;
    }

    private static List<Tensor> replace(Ops base, List<Tensor> xs, int q, Shape s, double[] v) {
        List<Tensor> copy = new ArrayList<>(xs);
        copy.set(q, base.fromArray(DType.F64, s, v));
        return copy;
    }

    static double relativeError(double a, double b) {
        return Math.abs(a - b) / Math.max(FLOOR, Math.max(Math.abs(a), Math.abs(b)));
    }
}
