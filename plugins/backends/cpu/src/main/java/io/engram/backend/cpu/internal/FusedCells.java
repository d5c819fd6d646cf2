package io.engram.backend.cpu.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;

/**
 * The CPU's {@link RecurrentKernels}, and the fused input projection of {@link io.engram.tensor.Ops}: the LSTM step with forget
 * gate (Gers, Schmidhuber and Cummins, "Learning to forget: continual prediction with LSTM",
 * Neural Computation 12(10), 2000; the equations as written in {@code RecurrentKernels.lstmStep}), the GRU step
 * (Cho et al. 2014, eqs. 5-8), the Elman step with tanh units and a sequence's input projection.
 *
 * <p>Each kernel performs the same floating-point operations in the same order, with the same
 * rounding to the dtype after each, as the decomposed default in {@code RecurrentKernels}; so fused and
 * decomposed results agree bitwise in f64 and f32. What they save is allocation and memory
 * traffic: the recurrent products land in per-thread scratch buffers that live as long as the
 * thread and grow to the largest step seen, gates are computed a row at a time, and only the
 * outputs ({@code h'} and {@code c'}) are fresh arrays, which the caller then owns. In f32 the
 * activations are {@link Float32Math}'s, applied to a row's gate blocks at once (as the decomposed
 * ops apply them to whole tensors, with the same bits). Rows are split over the backend's pool.
 * Shapes other than the plain {@code [B, .]} layout fall back to the decomposition. Thread-safe, as
 * {@link CpuOps} is.
 */
final class FusedCells implements RecurrentKernels {
    private final CpuOps ops;
    private final Recurrent32 recurrent;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    FusedCells(CpuOps ops) {
        this.ops = ops;
        this.recurrent = new Recurrent32(ops);
    }

    @Override
    public Ops ops() {
        return ops;
    }

    /** Per-thread scratch of the f64 kernels: two product buffers and one operand buffer, grown on demand. */
    private static final class Scratch {
        double[] d0 = new double[0];
        double[] d1 = new double[0];
        double[] d2 = new double[0];

        double[] d0(int n) {
            if (d0.length < n) {
                d0 = new double[n];
            }
            java.util.Arrays.fill(d0, 0, n, 0.0);
            return d0;
        }

        double[] d1(int n) {
            if (d1.length < n) {
                d1 = new double[n];
            }
            java.util.Arrays.fill(d1, 0, n, 0.0);
            return d1;
        }

        double[] d2(int n) {
            if (d2.length < n) {
                d2 = new double[n];
            }
            return d2;
        }
    }

    private static boolean isMatrix(CpuTensor t, int rows, int cols) {
        return t.shape.rank() == 2 && t.shape.dim(0) == rows && t.shape.dim(1) == cols;
    }

    private static boolean sameDtype(DType d, CpuTensor... ts) {
        for (CpuTensor t : ts) {
            if (t.dtype != d) {
                return false;
            }
        }
        return true;
    }

    /** {@code xs @ w + b} with the bias added in place into the fresh product. */
    Tensor inputProjection(Tensor xsT, Tensor wT, Tensor bT) {
        CpuTensor xs = CpuTensor.of(xsT);
        CpuTensor w = CpuTensor.of(wT);
        CpuTensor b = CpuTensor.of(bT);
        if (xs.shape.rank() != 2 || w.shape.rank() != 2 || b.shape.rank() != 1
                || xs.shape.dim(1) != w.shape.dim(0) || b.shape.dim(0) != w.shape.dim(1)
                || !sameDtype(xs.dtype, w, b)) {
            return ops.decomposedInputProjection(xsT, wT, bT);
        }
        int n = xs.shape.dim(0);
        int g = w.shape.dim(1);
        // the product as matmul makes it (a native one overwrites its output instead of adding to zeros)
        CpuTensor out = CpuTensor.of(ops.matmul(xsT, wT));
        if (out.f64 != null) {
            double[] o = out.f64;
            double[] bias = b.f64;
            for (int r = 0; r < n; r++) {
                int base = r * g;
                for (int j = 0; j < g; j++) {
                    o[base + j] += bias[j];
                }
            }
        } else {
            recurrent.addToRows(out.f32, b.f32, n, g);
        }
        return out;
    }

    /**
     * <pre>
     *   z = xProj + h wh;  i = sigmoid(z_i), f = sigmoid(z_f), g = tanh(z_g), o = sigmoid(z_o)
     *   c' = f c + i g;     h' = o tanh(c')
     * </pre>
     */
    @Override
    public LstmState lstmStep(Tensor xProjT, Tensor hT, Tensor cT, Tensor whT) {
        return lstmStep(xProjT, hT, cT, whT, false).state();
    }

    /** {@link #lstmStep} that also returns the gate activations {@code [i | f | g | o]}. */
    @Override
    public LstmGates lstmStepWithGates(Tensor xProjT, Tensor hT, Tensor cT, Tensor whT) {
        return lstmStep(xProjT, hT, cT, whT, true);
    }

    /** The step, with its gates when {@code withGates} (else {@code gates} is null). */
    private LstmGates lstmStep(Tensor xProjT, Tensor hT, Tensor cT, Tensor whT, boolean withGates) {
        CpuTensor xProj = CpuTensor.of(xProjT);
        CpuTensor h = CpuTensor.of(hT);
        CpuTensor c = CpuTensor.of(cT);
        CpuTensor wh = CpuTensor.of(whT);
        int batch = h.shape.rank() == 2 ? h.shape.dim(0) : -1;
        int hidden = h.shape.rank() == 2 ? h.shape.dim(1) : -1;
        if (batch < 0 || !isMatrix(xProj, batch, 4 * hidden) || !isMatrix(c, batch, hidden)
                || !isMatrix(wh, hidden, 4 * hidden) || !sameDtype(h.dtype, xProj, c, wh)) {
            if (withGates) {
                return RecurrentKernels.super.lstmStepWithGates(xProjT, hT, cT, whT);
            }
            LstmState s = RecurrentKernels.super.lstmStep(xProjT, hT, cT, whT);
            return new LstmGates(s.h(), s.c(), null);
        }
        int width = 4 * hidden;
        CpuTensor hNext = ops.output(h.dtype, h.shape);
        CpuTensor cNext = ops.output(h.dtype, h.shape);
        CpuTensor gates = withGates ? ops.output(h.dtype, xProj.shape) : null;
        Scratch s = scratch.get();
        if (h.dtype == DType.F64) {
            double[] z = s.d0(batch * width);
            ops.gemm().gemm64(h.f64, wh.f64, z, batch, width, hidden, false, false);
            double[] xp = xProj.f64;
            double[] cPrev = c.f64;
            double[] hOut = hNext.f64;
            double[] cOut = cNext.f64;
            double[] act = gates == null ? null : gates.f64;
            for (int b = 0; b < batch; b++) {
                int zr = b * width;
                int hr = b * hidden;
                for (int j = 0; j < hidden; j++) {
                    double i = CpuOps.sigmoid(xp[zr + j] + z[zr + j]);
                    double f = CpuOps.sigmoid(xp[zr + hidden + j] + z[zr + hidden + j]);
                    double g = Math.tanh(xp[zr + 2 * hidden + j] + z[zr + 2 * hidden + j]);
                    double o = CpuOps.sigmoid(xp[zr + 3 * hidden + j] + z[zr + 3 * hidden + j]);
                    double cn = f * cPrev[hr + j] + i * g;
                    cOut[hr + j] = cn;
                    hOut[hr + j] = o * Math.tanh(cn);
                    if (act != null) {
                        act[zr + j] = i;
                        act[zr + hidden + j] = f;
                        act[zr + 2 * hidden + j] = g;
                        act[zr + 3 * hidden + j] = o;
                    }
                }
            }
        } else {
            recurrent.lstmForward(xProj.f32, h.f32, c.f32, wh.f32, hNext.f32, cNext.f32,
                    gates == null ? null : gates.f32, 1, batch, hidden);
        }
        return new LstmGates(hNext, cNext, gates);
    }

    /**
     * The adjoint of one LSTM step, the expressions of {@code RecurrentKernels.lstmStepBackward} evaluated
     * element by element with the dtype's rounding after each operation:
     * <pre>
     *   t = tanh(c');  dc = dc' + dh o (1 - t^2)
     *   dz = [dc g i(1-i) | dc c f(1-f) | dc i (1-g^2) | dh t o(1-o)];  dcPrev = dc f
     * </pre>
     */
    @Override
    public LstmStepAdjoint lstmStepBackward(Tensor gatesT, Tensor cT, Tensor cNextT, Tensor dhT, Tensor dcNextT) {
        CpuTensor gates = CpuTensor.of(gatesT);
        CpuTensor c = CpuTensor.of(cT);
        CpuTensor cNext = CpuTensor.of(cNextT);
        CpuTensor dh = CpuTensor.of(dhT);
        CpuTensor dcNext = CpuTensor.of(dcNextT);
        int batch = c.shape.rank() == 2 ? c.shape.dim(0) : -1;
        int hidden = c.shape.rank() == 2 ? c.shape.dim(1) : -1;
        if (batch < 0 || !isMatrix(gates, batch, 4 * hidden) || !isMatrix(cNext, batch, hidden)
                || !isMatrix(dh, batch, hidden) || !isMatrix(dcNext, batch, hidden)
                || !sameDtype(c.dtype, gates, cNext, dh, dcNext)) {
            return RecurrentKernels.super.lstmStepBackward(gatesT, cT, cNextT, dhT, dcNextT);
        }
        int width = 4 * hidden;
        CpuTensor dz = ops.output(c.dtype, gates.shape);
        CpuTensor dcPrev = ops.output(c.dtype, c.shape);
        if (c.dtype == DType.F64) {
            double[] a = gates.f64;
            double[] cp = c.f64;
            double[] cn = cNext.f64;
            double[] gh = dh.f64;
            double[] gc = dcNext.f64;
            double[] out = dz.f64;
            double[] back = dcPrev.f64;
            for (int b = 0; b < batch; b++) {
                int zr = b * width;
                int hr = b * hidden;
                for (int j = 0; j < hidden; j++) {
                    double i = a[zr + j];
                    double f = a[zr + hidden + j];
                    double g = a[zr + 2 * hidden + j];
                    double o = a[zr + 3 * hidden + j];
                    double t = Math.tanh(cn[hr + j]);
                    double d = gc[hr + j] + gh[hr + j] * o * (-(t * t) + 1.0);
                    out[zr + j] = d * g * (i * (-i + 1.0));
                    out[zr + hidden + j] = d * cp[hr + j] * (f * (-f + 1.0));
                    out[zr + 2 * hidden + j] = d * i * (-(g * g) + 1.0);
                    out[zr + 3 * hidden + j] = gh[hr + j] * t * (o * (-o + 1.0));
                    back[hr + j] = d * f;
                }
            }
        } else {
            recurrent.lstmBackward(gates.f32, c.f32, cNext.f32, null, dh.f32, dcNext.f32, dz.f32, null, dcPrev.f32,
                    1, batch, hidden);
        }
        return new LstmStepAdjoint(dz, dcPrev);
    }

    /**
     * <pre>
     *   r = sigmoid(xProj_r + h whr);  u = sigmoid(xProj_u + h whu)
     *   n = tanh(xProj_n + (r h) whN); h' = u h + (1 - u) n
     * </pre>
     */
    @Override
    public Tensor gruStep(Tensor xProjT, Tensor hT, Tensor whRuT, Tensor whNT) {
        return gruStep(xProjT, hT, whRuT, whNT, false).h();
    }

    /** {@link #gruStep} that also returns the gates {@code [r | u | n | r h]}. */
    @Override
    public GruGates gruStepWithGates(Tensor xProjT, Tensor hT, Tensor whRuT, Tensor whNT) {
        return gruStep(xProjT, hT, whRuT, whNT, true);
    }

    /** The step, with its gates when {@code withGates} (else {@code gates} is null). */
    private GruGates gruStep(Tensor xProjT, Tensor hT, Tensor whRuT, Tensor whNT, boolean withGates) {
        CpuTensor xProj = CpuTensor.of(xProjT);
        CpuTensor h = CpuTensor.of(hT);
        CpuTensor whRu = CpuTensor.of(whRuT);
        CpuTensor whN = CpuTensor.of(whNT);
        int batch = h.shape.rank() == 2 ? h.shape.dim(0) : -1;
        int hidden = h.shape.rank() == 2 ? h.shape.dim(1) : -1;
        if (batch < 0 || !isMatrix(xProj, batch, 3 * hidden) || !isMatrix(whRu, hidden, 2 * hidden)
                || !isMatrix(whN, hidden, hidden) || !sameDtype(h.dtype, xProj, whRu, whN)) {
            return withGates ? RecurrentKernels.super.gruStepWithGates(xProjT, hT, whRuT, whNT)
                    : new GruGates(RecurrentKernels.super.gruStep(xProjT, hT, whRuT, whNT), null);
        }
        int width = 3 * hidden;
        int two = 2 * hidden;
        CpuTensor hNext = ops.output(h.dtype, h.shape);
        CpuTensor gates = withGates ? ops.output(h.dtype, Shape.of(batch, 4 * hidden)) : null;
        int gw = 4 * hidden;
        Scratch s = scratch.get();
        if (h.dtype == DType.F64) {
            double[] ru = s.d0(batch * two);
            double[] nz = s.d1(batch * hidden);
            double[] rh = s.d2(batch * hidden);
            ops.gemm().gemm64(h.f64, whRu.f64, ru, batch, two, hidden, false, false);
            double[] xp = xProj.f64;
            double[] hp = h.f64;
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                    double r = CpuOps.sigmoid(xp[b * width + j] + ru[b * two + j]);
                    rh[b * hidden + j] = r * hp[b * hidden + j];
                }
            }
            ops.gemm().gemm64(rh, whN.f64, nz, batch, hidden, hidden, false, false);
            double[] out = hNext.f64;
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                    double uj = CpuOps.sigmoid(xp[b * width + hidden + j] + ru[b * two + hidden + j]);
                    double n = Math.tanh(xp[b * width + two + j] + nz[b * hidden + j]);
                    out[b * hidden + j] = uj * hp[b * hidden + j] + (-uj + 1.0) * n;
                    if (gates != null) {
                        double[] g = gates.f64;
                        g[b * gw + j] = CpuOps.sigmoid(xp[b * width + j] + ru[b * two + j]);
                        g[b * gw + hidden + j] = uj;
                        g[b * gw + two + j] = n;
                        g[b * gw + 3 * hidden + j] = rh[b * hidden + j];
                    }
                }
            }
        } else {
            recurrent.gruForward(xProj.f32, h.f32, whRu.f32, whN.f32, hNext.f32, gates == null ? null : gates.f32, 1,
                    batch, hidden);
        }
        return new GruGates(hNext, gates);
    }

    /**
     * The adjoint of one GRU step, the expressions of {@code RecurrentKernels.gruStepBackward} evaluated element
     * by element with the dtype's rounding after each operation, {@code d(rh) = dz_n whN^T} through
     * the backend's product into scratch:
     * <pre>
     *   dz_n = dh (1-u) (1-n^2);  dz_r = d(rh) h r(1-r);  dz_u = dh (h-n) u(1-u);  dhPart = dh u + d(rh) r
     * </pre>
     */
    @Override
    public GruStepAdjoint gruStepBackward(Tensor gatesT, Tensor hT, Tensor whNT, Tensor dhT) {
        CpuTensor gates = CpuTensor.of(gatesT);
        CpuTensor h = CpuTensor.of(hT);
        CpuTensor whN = CpuTensor.of(whNT);
        CpuTensor dh = CpuTensor.of(dhT);
        int batch = h.shape.rank() == 2 ? h.shape.dim(0) : -1;
        int hidden = h.shape.rank() == 2 ? h.shape.dim(1) : -1;
        if (batch < 0 || !isMatrix(gates, batch, 4 * hidden) || !isMatrix(whN, hidden, hidden)
                || !isMatrix(dh, batch, hidden) || !sameDtype(h.dtype, gates, whN, dh)) {
            return RecurrentKernels.super.gruStepBackward(gatesT, hT, whNT, dhT);
        }
        int gw = 4 * hidden;
        int width = 3 * hidden;
        int two = 2 * hidden;
        CpuTensor dz = ops.output(h.dtype, Shape.of(batch, width));
        CpuTensor dhPart = ops.output(h.dtype, h.shape);
        Scratch s = scratch.get();
        if (h.dtype == DType.F64) {
            double[] a = gates.f64;
            double[] hp = h.f64;
            double[] g = dh.f64;
            double[] out = dz.f64;
            double[] dzn = s.d2(batch * hidden);
            double[] drh = s.d0(batch * hidden);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                    double u = a[b * gw + hidden + j];
                    double n = a[b * gw + two + j];
                    double d = g[b * hidden + j] * (-u + 1.0) * (-(n * n) + 1.0);
                    dzn[b * hidden + j] = d;
                    out[b * width + two + j] = d;
                }
            }
            ops.gemm().gemm64(dzn, whN.f64, drh, batch, hidden, hidden, false, true);
            double[] part = dhPart.f64;
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                    double r = a[b * gw + j];
                    double u = a[b * gw + hidden + j];
                    double n = a[b * gw + two + j];
                    double x = hp[b * hidden + j];
                    double gd = g[b * hidden + j];
                    double e = drh[b * hidden + j];
                    out[b * width + j] = e * x * (r * (-r + 1.0));
                    out[b * width + hidden + j] = gd * (x - n) * (u * (-u + 1.0));
                    part[b * hidden + j] = gd * u + e * r;
                }
            }
        } else {
            recurrent.gruBackward(gates.f32, h.f32, null, null, whN.f32, dh.f32, dz.f32, dhPart.f32, 1, batch, hidden);
        }
        return new GruStepAdjoint(dz, dhPart);
    }

    /** {@code h' = tanh(xProj + h wh)}: the product lands in the output, which the activation overwrites. */
    @Override
    public Tensor elmanStep(Tensor xProjT, Tensor hT, Tensor whT) {
        CpuTensor xProj = CpuTensor.of(xProjT);
        CpuTensor h = CpuTensor.of(hT);
        CpuTensor wh = CpuTensor.of(whT);
        int batch = h.shape.rank() == 2 ? h.shape.dim(0) : -1;
        int hidden = h.shape.rank() == 2 ? h.shape.dim(1) : -1;
        if (batch < 0 || !isMatrix(xProj, batch, hidden) || !isMatrix(wh, hidden, hidden)
                || !sameDtype(h.dtype, xProj, wh)) {
            return RecurrentKernels.super.elmanStep(xProjT, hT, whT);
        }
        CpuTensor out = ops.alloc(h.dtype, h.shape);
        if (h.dtype == DType.F64) {
            ops.gemm().gemmInto(h, wh, out, batch, hidden, hidden, false, false);
            double[] o = out.f64;
            double[] xp = xProj.f64;
            for (int i = 0; i < o.length; i++) {
                o[i] = Math.tanh(xp[i] + o[i]);
            }
        } else {
            recurrent.elmanForward(xProj.f32, h.f32, wh.f32, out.f32, 1, batch, hidden);
        }
        return out;
    }

    /** {@code dz = dh (1 - h'^2)}, as {@code RecurrentKernels.elmanStepBackward} evaluates it. */
    @Override
    public Tensor elmanStepBackward(Tensor hNextT, Tensor dhT) {
        CpuTensor hNext = CpuTensor.of(hNextT);
        CpuTensor dh = CpuTensor.of(dhT);
        if (hNext.shape.rank() != 2 || !hNext.shape.equals(dh.shape) || !sameDtype(hNext.dtype, dh)) {
            return RecurrentKernels.super.elmanStepBackward(hNextT, dhT);
        }
        int batch = hNext.shape.dim(0);
        int hidden = hNext.shape.dim(1);
        CpuTensor dz = ops.output(hNext.dtype, hNext.shape);
        if (hNext.dtype == DType.F64) {
            double[] y = hNext.f64;
            double[] g = dh.f64;
            double[] out = dz.f64;
            for (int i = 0; i < out.length; i++) {
                out[i] = g[i] * (-(y[i] * y[i]) + 1.0);
            }
        } else {
            float[] y = hNext.f32;
            float[] g = dh.f32;
            float[] out = dz.f32;
            ops.schedule().rows(batch, hidden, (from, to) -> {
                for (int i = from * hidden; i < to * hidden; i++) {
                    out[i] = g[i] * (-(y[i] * y[i]) + 1f);
                }
            });
        }
        return dz;
    }

    // ---- whole sequences: f32 in Recurrent32, f64 through the decomposition into single steps ----

    /** The steps {@code [T*B, width]} of a batch of {@code h [B, H]}, or -1. */
    private static int steps(CpuTensor xs, CpuTensor h, int width) {
        if (h.shape.rank() != 2 || h.shape.dim(0) == 0 || xs.shape.rank() != 2 || xs.shape.dim(1) != width
                || xs.shape.dim(0) % h.shape.dim(0) != 0) {
            return -1;
        }
        return xs.shape.dim(0) / h.shape.dim(0);
    }

    @Override
    public LstmState lstmSteps(Tensor xProjsT, Tensor hT, Tensor cT, Tensor whT) {
        return lstmSteps(xProjsT, hT, cT, whT, false).state();
    }

    @Override
    public LstmGates lstmStepsWithGates(Tensor xProjsT, Tensor hT, Tensor cT, Tensor whT) {
        return lstmSteps(xProjsT, hT, cT, whT, true);
    }

    /** {@code lstmSteps} ({@code withGates} false: {@code gates} is null) or {@code lstmStepsWithGates}. */
    private LstmGates lstmSteps(Tensor xProjsT, Tensor hT, Tensor cT, Tensor whT, boolean withGates) {
        CpuTensor xProjs = CpuTensor.of(xProjsT);
        CpuTensor h = CpuTensor.of(hT);
        CpuTensor c = CpuTensor.of(cT);
        CpuTensor wh = CpuTensor.of(whT);
        int hidden = h.shape.rank() == 2 ? h.shape.dim(1) : -1;
        int time = steps(xProjs, h, 4 * hidden);
        if (time < 1 || h.dtype != DType.F32 || !isMatrix(c, h.shape.dim(0), hidden)
                || !isMatrix(wh, hidden, 4 * hidden) || !sameDtype(DType.F32, xProjs, c, wh)) {
            if (withGates) {
                return RecurrentKernels.super.lstmStepsWithGates(xProjsT, hT, cT, whT);
            }
            LstmState s = RecurrentKernels.super.lstmSteps(xProjsT, hT, cT, whT);
            return new LstmGates(s.h(), s.c(), null);
        }
        int batch = h.shape.dim(0);
        Shape states = Shape.of(time * batch, hidden);
        CpuTensor hs = ops.output(DType.F32, states);
        CpuTensor cs = ops.output(DType.F32, states);
        CpuTensor gates = withGates ? ops.output(DType.F32, xProjs.shape) : null;
        recurrent.lstmForward(xProjs.f32, h.f32, c.f32, wh.f32, hs.f32, cs.f32, gates == null ? null : gates.f32,
                time, batch, hidden);
        return new LstmGates(hs, cs, gates);
    }

    @Override
    public LstmAdjoint lstmStepsBackward(Tensor gatesT, Tensor cT, Tensor csT, Tensor whT, Tensor dhsT, Tensor dcsT) {
        CpuTensor gates = CpuTensor.of(gatesT);
        CpuTensor c = CpuTensor.of(cT);
        CpuTensor cs = CpuTensor.of(csT);
        CpuTensor wh = CpuTensor.of(whT);
        CpuTensor dhs = CpuTensor.of(dhsT);
        CpuTensor dcs = CpuTensor.of(dcsT);
        int hidden = c.shape.rank() == 2 ? c.shape.dim(1) : -1;
        int time = steps(cs, c, hidden);
        if (time < 1 || c.dtype != DType.F32 || !isMatrix(gates, cs.shape.dim(0), 4 * hidden)
                || !isMatrix(wh, hidden, 4 * hidden) || !cs.shape.equals(dhs.shape) || !cs.shape.equals(dcs.shape)
                || !sameDtype(DType.F32, gates, cs, wh, dhs, dcs)) {
            return RecurrentKernels.super.lstmStepsBackward(gatesT, cT, csT, whT, dhsT, dcsT);
        }
        int batch = c.shape.dim(0);
        CpuTensor dz = ops.output(DType.F32, gates.shape);
        CpuTensor dh = ops.alloc(DType.F32, c.shape);
        CpuTensor dc = ops.output(DType.F32, c.shape);
        recurrent.lstmBackward(gates.f32, c.f32, cs.f32, wh.f32, dhs.f32, dcs.f32, dz.f32, dh.f32, dc.f32, time,
                batch, hidden);
        return new LstmAdjoint(dz, dh, dc);
    }

    @Override
    public Tensor gruSteps(Tensor xProjsT, Tensor hT, Tensor whRuT, Tensor whNT) {
        return gruSteps(xProjsT, hT, whRuT, whNT, false).h();
    }

    @Override
    public GruGates gruStepsWithGates(Tensor xProjsT, Tensor hT, Tensor whRuT, Tensor whNT) {
        return gruSteps(xProjsT, hT, whRuT, whNT, true);
    }

    /** {@code gruSteps} ({@code withGates} false: {@code gates} is null) or {@code gruStepsWithGates}. */
    private GruGates gruSteps(Tensor xProjsT, Tensor hT, Tensor whRuT, Tensor whNT, boolean withGates) {
        CpuTensor xProjs = CpuTensor.of(xProjsT);
        CpuTensor h = CpuTensor.of(hT);
        CpuTensor whRu = CpuTensor.of(whRuT);
        CpuTensor whN = CpuTensor.of(whNT);
        int hidden = h.shape.rank() == 2 ? h.shape.dim(1) : -1;
        int time = steps(xProjs, h, 3 * hidden);
        if (time < 1 || h.dtype != DType.F32 || !isMatrix(whRu, hidden, 2 * hidden) || !isMatrix(whN, hidden, hidden)
                || !sameDtype(DType.F32, xProjs, whRu, whN)) {
            return withGates ? RecurrentKernels.super.gruStepsWithGates(xProjsT, hT, whRuT, whNT)
                    : new GruGates(RecurrentKernels.super.gruSteps(xProjsT, hT, whRuT, whNT), null);
        }
        int batch = h.shape.dim(0);
        CpuTensor hs = ops.output(DType.F32, Shape.of(time * batch, hidden));
        CpuTensor gates = withGates ? ops.output(DType.F32, Shape.of(time * batch, 4 * hidden)) : null;
        recurrent.gruForward(xProjs.f32, h.f32, whRu.f32, whN.f32, hs.f32, gates == null ? null : gates.f32, time,
                batch, hidden);
        return new GruGates(hs, gates);
    }

    @Override
    public StepsAdjoint gruStepsBackward(Tensor gatesT, Tensor hT, Tensor hsT, Tensor whRuT, Tensor whNT, Tensor dhsT) {
        CpuTensor gates = CpuTensor.of(gatesT);
        CpuTensor h = CpuTensor.of(hT);
        CpuTensor hs = CpuTensor.of(hsT);
        CpuTensor whRu = CpuTensor.of(whRuT);
        CpuTensor whN = CpuTensor.of(whNT);
        CpuTensor dhs = CpuTensor.of(dhsT);
        int hidden = h.shape.rank() == 2 ? h.shape.dim(1) : -1;
        int time = steps(hs, h, hidden);
        if (time < 1 || h.dtype != DType.F32 || !isMatrix(gates, hs.shape.dim(0), 4 * hidden)
                || !isMatrix(whRu, hidden, 2 * hidden) || !isMatrix(whN, hidden, hidden) || !hs.shape.equals(dhs.shape)
                || !sameDtype(DType.F32, gates, hs, whRu, whN, dhs)) {
            return RecurrentKernels.super.gruStepsBackward(gatesT, hT, hsT, whRuT, whNT, dhsT);
        }
        int batch = h.shape.dim(0);
        CpuTensor dz = ops.output(DType.F32, Shape.of(time * batch, 3 * hidden));
        CpuTensor dh = ops.output(DType.F32, h.shape);
        recurrent.gruBackward(gates.f32, h.f32, hs.f32, whRu.f32, whN.f32, dhs.f32, dz.f32, dh.f32, time, batch,
                hidden);
        return new StepsAdjoint(dz, dh);
    }

    @Override
    public Tensor elmanSteps(Tensor xProjsT, Tensor hT, Tensor whT) {
        CpuTensor xProjs = CpuTensor.of(xProjsT);
        CpuTensor h = CpuTensor.of(hT);
        CpuTensor wh = CpuTensor.of(whT);
        int hidden = h.shape.rank() == 2 ? h.shape.dim(1) : -1;
        int time = steps(xProjs, h, hidden);
        if (time < 1 || h.dtype != DType.F32 || !isMatrix(wh, hidden, hidden) || !sameDtype(DType.F32, xProjs, wh)) {
            return RecurrentKernels.super.elmanSteps(xProjsT, hT, whT);
        }
        CpuTensor hs = ops.alloc(DType.F32, xProjs.shape);
        recurrent.elmanForward(xProjs.f32, h.f32, wh.f32, hs.f32, time, h.shape.dim(0), hidden);
        return hs;
    }

    @Override
    public StepsAdjoint elmanStepsBackward(Tensor hT, Tensor hsT, Tensor whT, Tensor dhsT) {
        CpuTensor h = CpuTensor.of(hT);
        CpuTensor hs = CpuTensor.of(hsT);
        CpuTensor wh = CpuTensor.of(whT);
        CpuTensor dhs = CpuTensor.of(dhsT);
        int hidden = h.shape.rank() == 2 ? h.shape.dim(1) : -1;
        int time = steps(hs, h, hidden);
        if (time < 1 || h.dtype != DType.F32 || !isMatrix(wh, hidden, hidden) || !hs.shape.equals(dhs.shape)
                || !sameDtype(DType.F32, hs, wh, dhs)) {
            return RecurrentKernels.super.elmanStepsBackward(hT, hsT, whT, dhsT);
        }
        CpuTensor dz = ops.alloc(DType.F32, hs.shape);
        CpuTensor dh = ops.alloc(DType.F32, h.shape);
        recurrent.elmanBackward(hs.f32, wh.f32, dhs.f32, dz.f32, dh.f32, time, h.shape.dim(0), hidden);
        return new StepsAdjoint(dz, dh);
    }
}
