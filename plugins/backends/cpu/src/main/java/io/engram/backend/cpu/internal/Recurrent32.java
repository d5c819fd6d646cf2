package io.engram.backend.cpu.internal;

/**
 * The f32 kernels of the LSTM, GRU and Elman recurrences over a whole sequence (the ops
 * {@code lstmSteps}, {@code gruSteps}, {@code elmanSteps}, their training variants and adjoints),
 * of which one step is the case {@code T = 1}. Arrays are row-major and stacked over time: step
 * {@code t} of a batch of {@code B} is rows {@code t B} to {@code (t + 1) B - 1}.
 *
 * <p>Each step is one recurrent product through the backend ({@link CpuOps#gemm32}, split over the
 * pool when large) into per-call scratch, then the elementwise work of its rows on the pool. A row
 * is worked on in per-thread scratch rows, one per gate block, that it is copied into and out of,
 * so that every loop indexes its arrays alike, which is what lets the JIT vectorize it. Every
 * element goes through the same float operations in the same order as the decomposition in
 * {@code Ops} (sums of two complete terms, {@code xProj + h wh}, {@code dhs + dz wh^T}, are added
 * in that order), with {@link Float32Math}'s activations.
 *
 * <p>Thread-safe: scratch is per thread; the caller's scratch holds what all rows of a step share.
 */
final class Recurrent32 {
    private final CpuOps ops;
    private final ThreadLocal<Slots> rowScratch = ThreadLocal.withInitial(Slots::new);
    private final ThreadLocal<Slots> stepScratch = ThreadLocal.withInitial(Slots::new);

    Recurrent32(CpuOps ops) {
        this.ops = ops;
    }

    /**
     * Most recurrent weights (f32 elements, 1 MiB) of a recurrence that runs in blocks of batch rows:
     * every block reads all of them at every step, which pays while they stay in a core's cache;
     * beyond, each step's product is split over the pool by columns, every thread reading its share.
     */
    static final long ROW_BLOCK_WEIGHTS = 1 << 18;

    /**
     * Whether a recurrence over {@code batch} rows with {@code weights} recurrent weights runs as
     * independent blocks of batch rows, one per pool thread through the whole sequence.
     */
    boolean rowBlocks(int batch, long weights) {
        return weights <= ROW_BLOCK_WEIGHTS && ops.gemm().rowBlocks32(batch);
    }

    /** Numbered float arrays that grow on demand; contents undefined unless asked zeroed. */
    private static final class Slots {
        private float[][] arrays = new float[24][];

        float[] get(int slot, int n) {
            float[] a = arrays[slot];
            if (a == null || a.length < n) {
                a = new float[n];
                arrays[slot] = a;
            }
            return a;
        }

        float[] zeroed(int slot, int n) {
            float[] a = get(slot, n);
            java.util.Arrays.fill(a, 0, n, 0f);
            return a;
        }
    }

    // ---- LSTM ------------------------------------------------------------------------------

    /**
     * The LSTM over {@code T} steps from {@code h0}, {@code c0}: states into {@code hs}, {@code cs},
     * and the gate activations into {@code gates} when it is not null.
     */
    void lstmForward(float[] xp, float[] h0, float[] c0, float[] wh, float[] hs, float[] cs, float[] gates,
                     int time, int batch, int hidden) {
        int width = 4 * hidden;
        int step = batch * hidden;
        // without gates to keep, each step's go to one step's scratch: the rows' code is the same either way
        float[] act = gates != null ? gates : stepScratch.get().get(3, batch * width);
        int actStep = gates != null ? batch * width : 0;
        if (rowBlocks(batch, (long) hidden * width)) {
            // the rows of a batch recur independently: each pool thread runs the whole sequence for its block
            ops.schedule().rowBlocks(batch, (from, to) -> lstmForwardRows(xp, h0, c0, wh, hs, cs, act, actStep, time,
                    batch, hidden, from, to));
            return;
        }
        for (int t = 0; t < time; t++) {
            float[] hPrev = t == 0 ? h0 : hs;
            float[] cPrev = t == 0 ? c0 : cs;
            int prev = t == 0 ? 0 : (t - 1) * step;
            int now = t * step;
            int zBase = t * batch * width;
            int actBase = t * actStep;
            float[] z = stepScratch.get().get(0, batch * width);
            ops.gemm().gemm32Set(hPrev, prev, wh, 0, z, 0, batch, width, hidden, false, false);
            ops.schedule().rows(batch, width, (from, to) -> {
                for (int b = from; b < to; b++) {
                    lstmRow(xp, zBase + b * width, z, b * width, act, actBase + b * width, cPrev, prev + b * hidden,
                            cs, hs, now + b * hidden, hidden);
                }
            });
        }
    }

    /**
     * {@link #lstmForward} for the batch rows {@code [from, to)} alone, on the calling thread: the
     * recurrent products of the block are single-threaded native products into block-sized scratch;
     * the rows' work is that of {@link #lstmForward}.
     */
    private void lstmForwardRows(float[] xp, float[] h0, float[] c0, float[] wh, float[] hs, float[] cs, float[] act,
                                 int actStep, int time, int batch, int hidden, int from, int to) {
        int width = 4 * hidden;
        int step = batch * hidden;
        int m = to - from;
        float[] z = rowScratch.get().get(15, m * width);
        for (int t = 0; t < time; t++) {
            float[] hPrev = t == 0 ? h0 : hs;
            float[] cPrev = t == 0 ? c0 : cs;
            int prev = t == 0 ? 0 : (t - 1) * step;
            int now = t * step;
            int zBase = t * batch * width;
            int actBase = t * actStep;
            NativeBlas.sgemm(hPrev, prev + from * hidden, wh, 0, z, 0, m, width, hidden, false, false, 0, m, 0, width, 0f);
            for (int b = from; b < to; b++) {
                lstmRow(xp, zBase + b * width, z, (b - from) * width, act, actBase + b * width, cPrev, prev + b * hidden,
                        cs, hs, now + b * hidden, hidden);
            }
        }
    }

    /**
     * One LSTM row: the gates from {@code xProj + h wh} (at {@code x} of {@code xp} and {@code zr} of
     * {@code z}) into {@code act} at {@code a}, then {@code c'} and {@code h'} at {@code out} of
     * {@code cs} and {@code hs} from the previous cell state at {@code c} of {@code cPrev}.
     */
    private void lstmRow(float[] xp, int x, float[] z, int zr, float[] act, int a, float[] cPrev, int c, float[] cs,
                         float[] hs, int out, int hidden) {
        int width = 4 * hidden;
        Slots r = rowScratch.get();
        float[] v = r.get(0, width);
        float[] w = r.get(1, width);
        float[] gi = r.get(2, hidden);
        float[] gf = r.get(3, hidden);
        float[] gg = r.get(4, hidden);
        float[] go = r.get(5, hidden);
        float[] cp = r.get(6, hidden);
        float[] cn = r.get(7, hidden);
        System.arraycopy(xp, x, v, 0, width);
        System.arraycopy(z, zr, w, 0, width);
        sum(v, w, width);
        Float32Math.sigmoid(v, 0, 2 * hidden);
        Float32Math.tanh(v, 2 * hidden, 3 * hidden);
        Float32Math.sigmoid(v, 3 * hidden, width);
        System.arraycopy(v, 0, act, a, width);
        split(v, 0, hidden, gi, gf, gg, go);
        System.arraycopy(cPrev, c, cp, 0, hidden);
        cell(cn, gf, cp, gi, gg, hidden);
        System.arraycopy(cn, 0, cs, out, hidden);
        Float32Math.tanh(cn, 0, hidden);
        product(go, cn, hidden);
        System.arraycopy(cn, 0, hs, out, hidden);
    }

    /**
     * The adjoint of {@link #lstmForward}: {@code dz [T*B, 4H]}, and, when {@code wh} is given,
     * {@code dh0 = dz_0 wh^T} and {@code dc0}; with {@code wh} null, one step whose {@code dh} and
     * {@code dc} are {@code dhs}, {@code dcs} themselves and {@code dc0} receives {@code dc f}.
     */
    void lstmBackward(float[] gates, float[] c0, float[] cs, float[] wh, float[] dhs, float[] dcs, float[] dz,
                      float[] dh0, float[] dc0, int time, int batch, int hidden) {
        int width = 4 * hidden;
        int step = batch * hidden;
        Slots s = stepScratch.get();
        float[] rec = s.zeroed(1, step);
        float[] carry = s.zeroed(2, step);
        if (wh != null && rowBlocks(batch, (long) hidden * width)) {
            // each pool thread runs the whole sequence backwards for its block of batch rows
            ops.schedule().rowBlocks(batch, (from, to) -> {
                int m = to - from;
                for (int t = time - 1; t >= 0; t--) {
                    int zBase = t * batch * width;
                    for (int b = from; b < to; b++) {
                        lstmBackRow(gates, c0, cs, dhs, dcs, dz, rec, carry, t, t == time - 1, b, batch, hidden);
                    }
                    NativeBlas.sgemm(dz, zBase + from * width, wh, 0, t == 0 ? dh0 : rec, from * hidden, m, hidden, width,
                            false, true, 0, m, 0, hidden, 0f);
                }
            });
            System.arraycopy(carry, 0, dc0, 0, step);
            return;
        }
        for (int t = time - 1; t >= 0; t--) {
            boolean last = t == time - 1;
            int zBase = t * batch * width;
            int at = t;
            ops.schedule().rows(batch, width, (from, to) -> {
                for (int b = from; b < to; b++) {
                    lstmBackRow(gates, c0, cs, dhs, dcs, dz, rec, carry, at, last, b, batch, hidden);
                }
            });
            if (wh != null) {
                ops.gemm().gemm32Set(dz, zBase, wh, 0, t == 0 ? dh0 : rec, 0, batch, hidden, width, false, true);
            }
        }
        System.arraycopy(carry, 0, dc0, 0, step);
    }

    /**
     * The adjoint of row {@code b} at step {@code t}: {@code dz}'s row from the gates, the cell states
     * and the incoming {@code dh}, {@code dc} (plus, but at the last step, {@code rec} and
     * {@code carry} from the step after), and the cell state's adjoint carried back into {@code carry}.
     */
    private void lstmBackRow(float[] gates, float[] c0, float[] cs, float[] dhs, float[] dcs, float[] dz, float[] rec,
                             float[] carry, int t, boolean last, int b, int batch, int hidden) {
        int width = 4 * hidden;
        int step = batch * hidden;
        float[] cPrev = t == 0 ? c0 : cs;
        int prev = t == 0 ? 0 : (t - 1) * step;
        int now = t * step;
        int row = t * batch * width + b * width;
        Slots r = rowScratch.get();
        float[] gi = r.get(2, hidden);
        float[] gf = r.get(3, hidden);
        float[] gg = r.get(4, hidden);
        float[] go = r.get(5, hidden);
        float[] cp = r.get(6, hidden);
        float[] tc = r.get(7, hidden);
        float[] dh = r.get(8, hidden);
        float[] dc = r.get(9, hidden);
        float[] e = r.get(10, hidden);
        float[] di = r.get(11, hidden);
        float[] df = r.get(12, hidden);
        float[] dg = r.get(13, hidden);
        float[] dout = r.get(14, hidden);
        split(gates, row, hidden, gi, gf, gg, go);
        System.arraycopy(cPrev, prev + b * hidden, cp, 0, hidden);
        System.arraycopy(cs, now + b * hidden, tc, 0, hidden);
        Float32Math.tanh(tc, 0, hidden);
        System.arraycopy(dhs, now + b * hidden, dh, 0, hidden);
        System.arraycopy(dcs, now + b * hidden, dc, 0, hidden);
        if (!last) {
            System.arraycopy(rec, b * hidden, e, 0, hidden);
            sum(dh, e, hidden);
            System.arraycopy(carry, b * hidden, e, 0, hidden);
            sum(dc, e, hidden);
        }
        lstmAdjoint(gi, gf, gg, go, cp, tc, dh, dc, di, df, dg, dout, e, hidden);
        join(dz, row, hidden, di, df, dg, dout);
        System.arraycopy(e, 0, carry, b * hidden, hidden);
    }

    // ---- GRU -------------------------------------------------------------------------------

    /** The GRU over {@code T} steps from {@code h0}: states into {@code hs}, gates {@code [r|u|n|rh]} when not null. */
    void gruForward(float[] xp, float[] h0, float[] whRu, float[] whN, float[] hs, float[] gates, int time,
                    int batch, int hidden) {
        int width = 3 * hidden;
        int two = 2 * hidden;
        int step = batch * hidden;
        Slots s = stepScratch.get();
        float[] act = gates != null ? gates : s.get(3, batch * 4 * hidden);
        int actStep = gates != null ? batch * 4 * hidden : 0;
        if (rowBlocks(batch, 3L * hidden * hidden)) {
            // the rows of a batch recur independently: each pool thread runs the whole sequence for its block
            ops.schedule().rowBlocks(batch, (from, to) -> gruForwardRows(xp, h0, whRu, whN, hs, act, actStep, time, batch, hidden,
                    from, to));
            return;
        }
        for (int t = 0; t < time; t++) {
            float[] hPrev = t == 0 ? h0 : hs;
            int prev = t == 0 ? 0 : (t - 1) * step;
            int now = t * step;
            int xBase = t * batch * width;
            int gBase = t * actStep;
            float[] ru = s.get(0, batch * two);
            float[] nz = s.get(1, step);
            float[] rh = s.get(2, step);
            ops.gemm().gemm32Set(hPrev, prev, whRu, 0, ru, 0, batch, two, hidden, false, false);
            ops.schedule().rows(batch, two, (from, to) -> {
                for (int b = from; b < to; b++) {
                    gruGateRow(xp, xBase + b * width, ru, b * two, hPrev, prev + b * hidden, rh, b * hidden, hidden);
                }
            });
            ops.gemm().gemm32Set(rh, 0, whN, 0, nz, 0, batch, hidden, hidden, false, false);
            ops.schedule().rows(batch, two, (from, to) -> {
                for (int b = from; b < to; b++) {
                    gruOutputRow(xp, xBase + b * width + two, nz, b * hidden, ru, b * two, hPrev, prev + b * hidden,
                            rh, b * hidden, hs, now + b * hidden, act, gBase + b * 4 * hidden, hidden);
                }
            });
        }
    }

    /**
     * {@link #gruForward} for the batch rows {@code [from, to)} alone, on the calling thread: the
     * recurrent products of the block are single-threaded native products that overwrite
     * block-sized scratch; the rows' work is that of {@link #gruForward}.
     */
    private void gruForwardRows(float[] xp, float[] h0, float[] whRu, float[] whN, float[] hs, float[] act,
                                int actStep, int time, int batch, int hidden, int from, int to) {
        int width = 3 * hidden;
        int two = 2 * hidden;
        int step = batch * hidden;
        int m = to - from;
        Slots r = rowScratch.get();
        float[] ru = r.get(10, m * two);
        float[] nz = r.get(11, m * hidden);
        float[] rh = r.get(12, m * hidden);
        for (int t = 0; t < time; t++) {
            float[] hPrev = t == 0 ? h0 : hs;
            int prev = t == 0 ? 0 : (t - 1) * step;
            int now = t * step;
            int xBase = t * batch * width;
            int gBase = t * actStep;
            NativeBlas.sgemm(hPrev, prev + from * hidden, whRu, 0, ru, 0, m, two, hidden, false, false, 0, m, 0, two, 0f);
            for (int b = from; b < to; b++) {
                int q = b - from;
                gruGateRow(xp, xBase + b * width, ru, q * two, hPrev, prev + b * hidden, rh, q * hidden, hidden);
            }
            NativeBlas.sgemm(rh, 0, whN, 0, nz, 0, m, hidden, hidden, false, false, 0, m, 0, hidden, 0f);
            for (int b = from; b < to; b++) {
                int q = b - from;
                gruOutputRow(xp, xBase + b * width + two, nz, q * hidden, ru, q * two, hPrev, prev + b * hidden,
                        rh, q * hidden, hs, now + b * hidden, act, gBase + b * 4 * hidden, hidden);
            }
        }
    }

    /**
     * The gates of one GRU row: {@code [r | u] = sigmoid(xProj[:2H] + hru)} over the row's
     * {@code hru} in {@code ru} (which it overwrites with the gates), then {@code rh = r h}.
     */
    private void gruGateRow(float[] xp, int x, float[] ru, int g, float[] hPrev, int h, float[] rh, int o, int hidden) {
        int two = 2 * hidden;
        Slots r = rowScratch.get();
        float[] v = r.get(0, two);
        float[] w = r.get(1, two);
        float[] hp = r.get(6, hidden);
        System.arraycopy(xp, x, v, 0, two);
        System.arraycopy(ru, g, w, 0, two);
        sum(v, w, two);
        Float32Math.sigmoid(v, 0, two);
        System.arraycopy(v, 0, ru, g, two);
        System.arraycopy(hPrev, h, hp, 0, hidden);
        System.arraycopy(v, 0, w, 0, hidden);
        product(hp, w, hidden);
        System.arraycopy(w, 0, rh, o, hidden);
    }

    /**
     * The output of one GRU row: {@code n = tanh(xProj[2H:] + hn)} over the row's {@code hn} in
     * {@code nz}, {@code h' = u h + (1 - u) n} into {@code hs}, and {@code [r u n rh]} into {@code act}.
     */
    private void gruOutputRow(float[] xp, int x, float[] nz, int z, float[] ru, int g, float[] hPrev, int h,
                              float[] rh, int o, float[] hs, int out, float[] act, int a, int hidden) {
        int two = 2 * hidden;
        Slots r = rowScratch.get();
        float[] n = r.get(0, hidden);
        float[] w = r.get(1, hidden);
        float[] u = r.get(2, hidden);
        float[] hp = r.get(6, hidden);
        System.arraycopy(xp, x, n, 0, hidden);
        System.arraycopy(nz, z, w, 0, hidden);
        sum(n, w, hidden);
        Float32Math.tanh(n, 0, hidden);
        System.arraycopy(ru, g + hidden, u, 0, hidden);
        System.arraycopy(hPrev, h, hp, 0, hidden);
        update(w, u, hp, n, hidden);
        System.arraycopy(w, 0, hs, out, hidden);
        System.arraycopy(ru, g, act, a, two);
        System.arraycopy(n, 0, act, a + two, hidden);
        System.arraycopy(rh, o, act, a + 3 * hidden, hidden);
    }

    /**
     * The adjoint of {@link #gruForward}: {@code dz [T*B, 3H]} and {@code dh0}; with {@code whRu}
     * null, one step, and {@code dh0} receives the part of {@code dh} that does not pass through
     * {@code whRu}, {@code dh u + d(rh) r}.
     */
    void gruBackward(float[] gates, float[] h0, float[] hs, float[] whRu, float[] whN, float[] dhs, float[] dz,
                     float[] dh0, int time, int batch, int hidden) {
        int two = 2 * hidden;
        int step = batch * hidden;
        Slots s = stepScratch.get();
        float[] carry = s.zeroed(0, step);
        float[] dzn = s.get(1, step);
        float[] drh = s.get(2, step);
        float[] dhAll = s.get(3, step);
        float[] dzru = s.get(4, batch * two);
        float[] part = s.get(5, step);
        float[] rec = s.get(6, step);
        if (whRu != null && rowBlocks(batch, 3L * hidden * hidden)) {
            // each pool thread runs the whole sequence backwards for its block of batch rows
            ops.schedule().rowBlocks(batch, (from, to) -> {
                int m = to - from;
                for (int t = time - 1; t >= 0; t--) {
                    for (int b = from; b < to; b++) {
                        gruCandidateAdjointRow(gates, dhs, dz, carry, dzn, dhAll, t, t == time - 1, b, batch, hidden);
                    }
                    NativeBlas.sgemm(dzn, from * hidden, whN, 0, drh, from * hidden, m, hidden, hidden, false, true, 0, m, 0,
                            hidden, 0f);
                    for (int b = from; b < to; b++) {
                        gruGateAdjointRow(gates, h0, hs, dz, dhAll, drh, dzru, part, t, b, batch, hidden);
                    }
                    NativeBlas.sgemm(dzru, from * two, whRu, 0, rec, from * hidden, m, hidden, two, false, true, 0, m, 0,
                            hidden, 0f);
                    float[] target = t == 0 ? dh0 : carry;
                    for (int i = from * hidden; i < to * hidden; i++) {
                        target[i] = part[i] + rec[i];
                    }
                }
            });
            return;
        }
        for (int t = time - 1; t >= 0; t--) {
            boolean last = t == time - 1;
            int at = t;
            ops.schedule().rows(batch, hidden, (from, to) -> {
                for (int b = from; b < to; b++) {
                    gruCandidateAdjointRow(gates, dhs, dz, carry, dzn, dhAll, at, last, b, batch, hidden);
                }
            });
            ops.gemm().gemm32Set(dzn, 0, whN, 0, drh, 0, batch, hidden, hidden, false, true);
            ops.schedule().rows(batch, two, (from, to) -> {
                for (int b = from; b < to; b++) {
                    gruGateAdjointRow(gates, h0, hs, dz, dhAll, drh, dzru, part, at, b, batch, hidden);
                }
            });
            if (whRu == null) {
                System.arraycopy(part, 0, dh0, 0, step);
                return;
            }
            ops.gemm().gemm32Set(dzru, 0, whRu, 0, rec, 0, batch, hidden, two, false, true);
            float[] target = t == 0 ? dh0 : carry;
            System.arraycopy(part, 0, target, 0, step);
            sum(target, rec, step);
        }
    }

    /**
     * The candidate's part of the adjoint of row {@code b} at step {@code t}: the incoming {@code dh}
     * (plus {@code carry} but at the last step) into {@code dhAll}, and {@code dz}'s candidate block,
     * also into {@code dzn}.
     */
    private void gruCandidateAdjointRow(float[] gates, float[] dhs, float[] dz, float[] carry, float[] dzn, float[] dhAll,
                                        int t, boolean last, int b, int batch, int hidden) {
        int two = 2 * hidden;
        int now = t * batch * hidden;
        int g = t * batch * 4 * hidden + b * 4 * hidden;
        Slots r = rowScratch.get();
        float[] dh = r.get(0, hidden);
        float[] e = r.get(1, hidden);
        float[] u = r.get(2, hidden);
        float[] n = r.get(3, hidden);
        System.arraycopy(dhs, now + b * hidden, dh, 0, hidden);
        if (!last) {
            System.arraycopy(carry, b * hidden, e, 0, hidden);
            sum(dh, e, hidden);
        }
        System.arraycopy(gates, g + hidden, u, 0, hidden);
        System.arraycopy(gates, g + two, n, 0, hidden);
        candidateAdjoint(e, dh, u, n, hidden);
        System.arraycopy(e, 0, dz, t * batch * 3 * hidden + b * 3 * hidden + two, hidden);
        System.arraycopy(e, 0, dzn, b * hidden, hidden);
        System.arraycopy(dh, 0, dhAll, b * hidden, hidden);
    }

    /**
     * The gates' part of the adjoint of row {@code b} at step {@code t}, given {@code drh}: {@code dz}'s
     * reset and update blocks, also into {@code dzru}, and the part of {@code dh_{t-1}} that does not
     * pass through {@code whRu} into {@code part}.
     */
    private void gruGateAdjointRow(float[] gates, float[] h0, float[] hs, float[] dz, float[] dhAll, float[] drh,
                                   float[] dzru, float[] part, int t, int b, int batch, int hidden) {
        int two = 2 * hidden;
        float[] hPrev = t == 0 ? h0 : hs;
        int prev = t == 0 ? 0 : (t - 1) * batch * hidden;
        int g = t * batch * 4 * hidden + b * 4 * hidden;
        Slots r = rowScratch.get();
        float[] gr = r.get(0, hidden);
        float[] u = r.get(1, hidden);
        float[] n = r.get(2, hidden);
        float[] x = r.get(3, hidden);
        float[] gd = r.get(4, hidden);
        float[] e = r.get(5, hidden);
        float[] dr = r.get(6, hidden);
        float[] du = r.get(7, hidden);
        float[] p = r.get(8, hidden);
        split(gates, g, hidden, gr, u, n);
        System.arraycopy(hPrev, prev + b * hidden, x, 0, hidden);
        System.arraycopy(dhAll, b * hidden, gd, 0, hidden);
        System.arraycopy(drh, b * hidden, e, 0, hidden);
        gateAdjoints(dr, du, p, e, x, gr, gd, n, u, hidden);
        join(dz, t * batch * 3 * hidden + b * 3 * hidden, hidden, dr, du);
        join(dzru, b * two, hidden, dr, du);
        System.arraycopy(p, 0, part, b * hidden, hidden);
    }

    // ---- Elman -----------------------------------------------------------------------------

    /** The tanh Elman layer over {@code T} steps from {@code h0}: states into {@code hs}, which must be zeroed. */
    void elmanForward(float[] xp, float[] h0, float[] wh, float[] hs, int time, int batch, int hidden) {
        int step = batch * hidden;
        if (rowBlocks(batch, (long) hidden * hidden)) {
            // independent blocks of batch rows, each through the whole sequence on one pool thread
            ops.schedule().rowBlocks(batch, (from, to) -> {
                int m = to - from;
                for (int t = 0; t < time; t++) {
                    int now = t * step;
                    NativeBlas.sgemm(t == 0 ? h0 : hs, (t == 0 ? 0 : now - step) + from * hidden, wh, 0, hs,
                            now + from * hidden, m, hidden, hidden, false, false, 0, m, 0, hidden);
                    for (int i = now + from * hidden; i < now + to * hidden; i++) {
                        hs[i] = xp[i] + hs[i];
                    }
                    Float32Math.tanh(hs, now + from * hidden, now + to * hidden);
                }
            });
            return;
        }
        for (int t = 0; t < time; t++) {
            int now = t * step;
            ops.gemm().gemm32(t == 0 ? h0 : hs, t == 0 ? 0 : now - step, wh, 0, hs, now, batch, hidden, hidden, false, false);
            ops.schedule().rows(batch, hidden, (from, to) -> {
                for (int i = now + from * hidden; i < now + to * hidden; i++) {
                    hs[i] = xp[i] + hs[i];
                }
                Float32Math.tanh(hs, now + from * hidden, now + to * hidden);
            });
        }
    }

    /** The adjoint of {@link #elmanForward} into {@code dz}, which must be zeroed, and {@code dh0 = dz_0 wh^T}. */
    void elmanBackward(float[] hs, float[] wh, float[] dhs, float[] dz, float[] dh0, int time, int batch, int hidden) {
        int step = batch * hidden;
        if (rowBlocks(batch, (long) hidden * hidden)) {
            ops.schedule().rowBlocks(batch, (from, to) -> {
                int m = to - from;
                for (int t = time - 1; t >= 0; t--) {
                    int now = t * step;
                    if (t < time - 1) {
                        NativeBlas.sgemm(dz, now + step + from * hidden, wh, 0, dz, now + from * hidden, m, hidden, hidden,
                                false, true, 0, m, 0, hidden);
                    }
                    for (int i = now + from * hidden; i < now + to * hidden; i++) {
                        dz[i] = (dhs[i] + dz[i]) * (-(hs[i] * hs[i]) + 1f);
                    }
                }
                NativeBlas.sgemm(dz, from * hidden, wh, 0, dh0, from * hidden, m, hidden, hidden, false, true, 0, m, 0,
                        hidden);
            });
            return;
        }
        for (int t = time - 1; t >= 0; t--) {
            int now = t * step;
            if (t < time - 1) {
                ops.gemm().gemm32(dz, now + step, wh, 0, dz, now, batch, hidden, hidden, false, true);
            }
            ops.schedule().rows(batch, hidden, (from, to) -> {
                for (int i = now + from * hidden; i < now + to * hidden; i++) {
                    dz[i] = (dhs[i] + dz[i]) * (-(hs[i] * hs[i]) + 1f);
                }
            });
        }
        ops.gemm().gemm32(dz, 0, wh, 0, dh0, 0, batch, hidden, hidden, false, true);
    }

    /** {@code o[r, j] = o[r, j] + bias[j]} for the {@code rows} rows of {@code o [rows, width]}, on the pool. */
    void addToRows(float[] o, float[] bias, int rows, int width) {
        ops.schedule().rows(rows, width, (from, to) -> {
            float[] v = rowScratch.get().get(0, width);
            for (int r = from; r < to; r++) {
                System.arraycopy(o, r * width, v, 0, width);
                sum(v, bias, width);
                System.arraycopy(v, 0, o, r * width, width);
            }
        });
    }

    /** Copies the consecutive blocks of {@code n} values from {@code offset} of {@code src} into {@code a}, {@code b}, {@code c}. */
    private static void split(float[] src, int offset, int n, float[] a, float[] b, float[] c) {
        System.arraycopy(src, offset, a, 0, n);
        System.arraycopy(src, offset + n, b, 0, n);
        System.arraycopy(src, offset + 2 * n, c, 0, n);
    }

    /** {@link #split(float[], int, int, float[], float[], float[])} into four blocks. */
    private static void split(float[] src, int offset, int n, float[] a, float[] b, float[] c, float[] d) {
        split(src, offset, n, a, b, c);
        System.arraycopy(src, offset + 3 * n, d, 0, n);
    }

    /** Copies {@code a} and {@code b}, {@code n} values each, into consecutive blocks from {@code offset} of {@code dst}. */
    private static void join(float[] dst, int offset, int n, float[] a, float[] b) {
        System.arraycopy(a, 0, dst, offset, n);
        System.arraycopy(b, 0, dst, offset + n, n);
    }

    /** {@link #join(float[], int, int, float[], float[])} of four blocks. */
    private static void join(float[] dst, int offset, int n, float[] a, float[] b, float[] c, float[] d) {
        join(dst, offset, n, a, b);
        join(dst, offset + 2 * n, n, c, d);
    }

    // ---- the loops, each small enough to be compiled early and on its own -------------------

    /** {@code a[j] = a[j] + b[j]}. */
    private static void sum(float[] a, float[] b, int n) {
        for (int j = 0; j < n; j++) {
            a[j] = a[j] + b[j];
        }
    }

    /** {@code b[j] = a[j] * b[j]}. */
    private static void product(float[] a, float[] b, int n) {
        for (int j = 0; j < n; j++) {
            b[j] = a[j] * b[j];
        }
    }

    /** The LSTM cell: {@code c'[j] = f[j] c[j] + i[j] g[j]}. */
    private static void cell(float[] cn, float[] f, float[] c, float[] i, float[] g, int n) {
        for (int j = 0; j < n; j++) {
            cn[j] = f[j] * c[j] + i[j] * g[j];
        }
    }

    /** The GRU update: {@code h'[j] = u[j] h[j] + (1 - u[j]) n[j]}. */
    private static void update(float[] out, float[] u, float[] h, float[] n, int count) {
        for (int j = 0; j < count; j++) {
            out[j] = u[j] * h[j] + (-u[j] + 1.0f) * n[j];
        }
    }

    /**
     * The adjoint of an LSTM row, with {@code t = tanh(c')}: {@code d = dc + dh o (1 - t^2)},
     * {@code dz = [d g i(1-i) | d c f(1-f) | d i (1-g^2) | dh t o(1-o)]}, {@code dcPrev = d f}.
     */
    private static void lstmAdjoint(float[] gi, float[] gf, float[] gg, float[] go, float[] cp, float[] tc,
                                    float[] dh, float[] dc, float[] di, float[] df, float[] dg, float[] dout,
                                    float[] dcPrev, int n) {
        for (int j = 0; j < n; j++) {
            float i = gi[j];
            float f = gf[j];
            float g = gg[j];
            float o = go[j];
            float t = tc[j];
            float d = dc[j] + dh[j] * o * (-(t * t) + 1f);
            di[j] = d * g * (i * (-i + 1f));
            df[j] = d * cp[j] * (f * (-f + 1f));
            dg[j] = d * i * (-(g * g) + 1f);
            dout[j] = dh[j] * t * (o * (-o + 1f));
            dcPrev[j] = d * f;
        }
    }

    /** The adjoint of the GRU candidate's pre-activation: {@code dz_n = dh (1-u) (1-n^2)}. */
    private static void candidateAdjoint(float[] dzn, float[] dh, float[] u, float[] n, int count) {
        for (int j = 0; j < count; j++) {
            dzn[j] = dh[j] * (-u[j] + 1f) * (-(n[j] * n[j]) + 1f);
        }
    }

    /**
     * The adjoints of the GRU gates, with {@code e = d(rh)}: {@code dz_r = e h r(1-r)},
     * {@code dz_u = dh (h - n) u(1-u)}, and {@code part = dh u + e r}.
     */
    private static void gateAdjoints(float[] dr, float[] du, float[] part, float[] e, float[] h, float[] r,
                                     float[] dh, float[] n, float[] u, int count) {
        for (int j = 0; j < count; j++) {
            dr[j] = e[j] * h[j] * (r[j] * (-r[j] + 1f));
            du[j] = dh[j] * (h[j] - n[j]) * (u[j] * (-u[j] + 1f));
            part[j] = dh[j] * u[j] + e[j] * r[j];
        }
    }
}
