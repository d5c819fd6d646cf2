package io.engram.backend.cpu.internal;

/**
 * The f32 exponential, logistic and tanh of every f32 kernel of the backend, on ranges of arrays.
 * All three reduce to {@code e^y - 1} with {@code y = k ln 2 + r}, {@code |r| <= ln 2 / 2}:
 * <pre>
 *   e^y - 1 = 2^k q + (2^k - 1),   q = e^r - 1 = r + r^2 P(r)   (P of degree 5, Cephes expf)
 *   e^x = 2^k (q + 1);   sigmoid(x) = 1 / (1 + e^-x);   tanh(x) = (e^2x - 1) / (e^2x - 1 + 2)
 * </pre>
 * where {@code k} is rounded to nearest by adding {@code 1.5 * 2^23}, {@code r} is formed with
 * {@code ln 2} split in two so that it is exact, and {@code 2^k} is assembled from the bits of
 * {@code k}. The polynomial and the final formulas are plain float arithmetic that the JIT
 * vectorizes; only the bits of {@code 2^k} are made one element at a time, in a pass of their own
 * so the others stay vectorized. Arguments are clamped first, so that {@code 2^k} is a normal
 * float: {@code exp} to {@code [-87.33, 88.37]} (results lie in {@code [2^-126, 2^127.5]}: no
 * subnormals, no overflow to infinity), {@code sigmoid} to {@code [-87.33, 87.33]}, {@code tanh}
 * to {@code [-9, 9]} (beyond which it is {@code +-1} in f32).
 *
 * <p>Accuracy against {@code Math.exp}, {@code 1 / (1 + Math.exp(-x))} and {@code Math.tanh} in
 * f64, over the floats of the ranges where they are not clamped (see {@code Float32MathTest}):
 * error at most {@value #MAX_ULPS} units in the last place of the f32 result. NaN gives NaN.
 *
 * <p>Ranges are processed in blocks of {@value #BLOCK} in per-thread scratch. Thread-safe; each
 * element's result depends on its value alone (not on the range or the block it is computed in), so
 * fused and decomposed kernels agree bitwise.
 */
final class Float32Math {
    /** The bound on the error of each function, in units in the last place of its f32 result. */
    static final int MAX_ULPS = 3;
    /** Elements per pass. */
    static final int BLOCK = 512;

    private static final float LOG2E = 1.44269504088896341f;
    /** {@code ln 2 = LN2_HI + LN2_LO}; {@code k * LN2_HI} is exact for {@code |k| < 2^9}. */
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.428606765330187045e-06f;
    /** Adding {@code 1.5 * 2^23} rounds a float of magnitude below {@code 2^22} to an integer. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = 0x4B400000;
    private static final int EXP = 0;
    private static final int SIGMOID = 1;
    private static final int TANH = 2;
    /** Per thread: a block of arguments and results, and the block's factors {@code 2^k}. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][BLOCK]);

    private Float32Math() {
    }

    /** {@code a[i] = e^{a[i]}} for {@code i} in {@code [from, to)}. */
    static void exp(float[] a, int from, int to) {
        apply(EXP, a, from, to);
    }

    /** {@code a[i] = 1 / (1 + e^{-a[i]})} for {@code i} in {@code [from, to)}. */
    static void sigmoid(float[] a, int from, int to) {
        apply(SIGMOID, a, from, to);
    }

    /** {@code a[i] = tanh(a[i])} for {@code i} in {@code [from, to)}. */
    static void tanh(float[] a, int from, int to) {
        apply(TANH, a, from, to);
    }

    /** {@link #exp(float[], int, int)} of one value. */
    static float exp(float x) {
        return one(EXP, x);
    }

    /** {@link #sigmoid(float[], int, int)} of one value. */
    static float sigmoid(float x) {
        return one(SIGMOID, x);
    }

    /** {@link #tanh(float[], int, int)} of one value. */
    static float tanh(float x) {
        return one(TANH, x);
    }

    private static float one(int function, float x) {
        float[] a = {x};
        apply(function, a, 0, 1);
        return a[0];
    }

    /**
     * Each block is copied into the thread's scratch and computed there, so that every loop indexes
     * its arrays alike (which the JIT needs to vectorize them), and copied back.
     */
    private static void apply(int function, float[] a, int from, int to) {
        float[][] scratch = SCRATCH.get();
        float[] q = scratch[0];
        float[] s = scratch[1];
        for (int start = from; start < to; start += BLOCK) {
            int n = Math.min(to, start + BLOCK) - start;
            System.arraycopy(a, start, q, 0, n);
            switch (function) {
                case EXP:
                    expm1Parts(q, s, n, 1f, -87.33655f, 88.37626f);
                    exp(q, s, n);
                    break;
                case SIGMOID:
                    expm1Parts(q, s, n, -1f, -87.33f, 87.33f);
                    sigmoid(q, s, n);
                    break;
                default:
                    expm1Parts(q, s, n, 2f, -18f, 18f);
                    tanh(q, s, n);
                    break;
            }
            System.arraycopy(q, 0, a, start, n);
        }
    }

    /** {@code q[i] = e^y = 2^k (e^r - 1) + 2^k} from {@code q[i] = e^r - 1}, {@code s[i] = 2^k}. */
    private static void exp(float[] q, float[] s, int n) {
        for (int i = 0; i < n; i++) {
            q[i] = s[i] * q[i] + s[i];
        }
    }

    /** {@code q[i] = 1 / (1 + e^y)} with {@code y = -x}, from the parts of {@code e^y}. */
    private static void sigmoid(float[] q, float[] s, int n) {
        for (int i = 0; i < n; i++) {
            q[i] = 1f / (1f + (s[i] * q[i] + s[i]));
        }
    }

    /** {@code q[i] = (e^y - 1) / (e^y - 1 + 2)} with {@code y = 2x}, from the parts of {@code e^y}. */
    private static void tanh(float[] q, float[] s, int n) {
        for (int i = 0; i < n; i++) {
            float em = s[i] * q[i] + (s[i] - 1f);
            q[i] = em / (em + 2f);
        }
    }

    /** {@code s[i] = 2^k} from {@code s[i] = k + 1.5 * 2^23}. */
    private static void powersOfTwo(float[] s, int n) {
        for (int i = 0; i < n; i++) {
            s[i] = Float.intBitsToFloat((Float.floatToRawIntBits(s[i]) - ROUND_BITS + 127) << 23);
        }
    }

    /**
     * With {@code y = clamp(scale * q[i], lo, hi) = k ln 2 + r} for {@code i < n}:
     * {@code q[i] = e^r - 1} and {@code s[i] = 2^k}.
     */
    private static void expm1Parts(float[] q, float[] s, int n, float scale, float lo, float hi) {
        for (int i = 0; i < n; i++) {
            float y = Math.max(lo, Math.min(hi, scale * q[i]));
            float t = y * LOG2E + ROUND;
            float k = t - ROUND;
            float r = y - k * LN2_HI - k * LN2_LO;
            float p = 1.9875691500E-4f;
            p = p * r + 1.3981999507E-3f;
            p = p * r + 8.3334519073E-3f;
            p = p * r + 4.1665795894E-2f;
            p = p * r + 1.6666665459E-1f;
            p = p * r + 5.0000001201E-1f;
            q[i] = p * r * r + r;
            s[i] = t;
        }
        powersOfTwo(s, n);
    }
}
