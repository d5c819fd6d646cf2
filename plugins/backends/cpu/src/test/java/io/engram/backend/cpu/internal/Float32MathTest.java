package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The f32 exp, logistic and tanh against {@code Math} in f64: every 61st float of the range where
 * each is not clamped (some 35 million values per function), within {@value Float32Math#MAX_ULPS}
 * units in the last place of the correctly rounded result, and the clamped ends, arrays and NaN.
 */
class Float32MathTest {

    /** The largest error in ulps of the rounded f64 reference over floats of {@code [lo, hi]}, both signs. */
    private static double worstUlps(String name, float lo, float hi, DoubleUnaryOperator reference,
                                    java.util.function.Function<float[], float[]> f32) {
        double worst = 0;
        float at = Float.NaN;
        int block = 4096;
        float[] xs = new float[block];
        int n = 0;
        for (long bits = 0; bits < 0x7f800000L; bits += 61) {
            for (int sign = 0; sign < 2; sign++) {
                float x = Float.intBitsToFloat((int) bits | (sign << 31));
                if (x >= lo && x <= hi) {
                    xs[n++] = x;
                }
                if (n == block) {
                    float[] ys = f32.apply(xs.clone());
                    for (int i = 0; i < n; i++) {
                        double exact = reference.applyAsDouble(xs[i]);
                        double ulps = Math.abs(ys[i] - exact) / Math.ulp((float) exact);
                        if (ulps > worst) {
                            worst = ulps;
                            at = xs[i];
                        }
                    }
                    n = 0;
                }
            }
        }
        System.out.printf("Float32Math.%s: max error %.3f ulp (at %s)%n", name, worst, at);
        return worst;
    }

    /** One of the functions on an array, in place. */
    @FunctionalInterface
    private interface InPlace {
        void apply(float[] a, int from, int to);
    }

    private static void assertWithinBound(String name, float lo, float hi, DoubleUnaryOperator reference, InPlace f) {
        double worst = worstUlps(name, lo, hi, reference, a -> {
            f.apply(a, 0, a.length);
            return a;
        });
        assertTrue(worst <= Float32Math.MAX_ULPS, name + ": " + worst + " ulp");
    }

    @Test
    void expIsWithinItsBound() {
        assertWithinBound("exp", -87.33f, 88.37f, Math::exp, Float32Math::exp);
    }

    @Test
    void sigmoidIsWithinItsBound() {
        assertWithinBound("sigmoid", -87.33f, 87.33f, x -> 1 / (1 + Math.exp(-x)), Float32Math::sigmoid);
    }

    @Test
    void tanhIsWithinItsBound() {
        assertWithinBound("tanh", -9f, 9f, Math::tanh, Float32Math::tanh);
    }

    @Test
    void clampedEndsAndSpecialValues() {
        assertEquals(1f, Float32Math.tanh(20f));
        assertEquals(-1f, Float32Math.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(1f, Float32Math.sigmoid(100f));
        assertTrue(Float32Math.sigmoid(-100f) <= 1.2e-38f && Float32Math.sigmoid(-100f) >= 0f);
        assertTrue(Float32Math.exp(-200f) <= 1.2e-38f && Float32Math.exp(-200f) > 0f);
        assertTrue(Float.isFinite(Float32Math.exp(200f)) && Float32Math.exp(200f) > 2e38f);
        assertEquals(1f, Float32Math.exp(0f));
        assertEquals(0.5f, Float32Math.sigmoid(0f));
        assertEquals(0f, Float32Math.tanh(0f));
        assertTrue(Float.isNaN(Float32Math.tanh(Float.NaN)));
        assertTrue(Float.isNaN(Float32Math.sigmoid(Float.NaN)));
        assertTrue(Float.isNaN(Float32Math.exp(Float.NaN)));
    }

    /** An element's result does not depend on the range it is computed in: whole, in parts, one by one. */
    @Test
    void resultsDoNotDependOnTheRange() {
        java.util.Random rnd = new java.util.Random(5);
        float[] x = new float[3 * Float32Math.BLOCK + 17];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 4);
        }
        float[] whole = x.clone();
        Float32Math.tanh(whole, 0, whole.length);
        float[] parts = x.clone();
        Float32Math.tanh(parts, 0, 100);
        Float32Math.tanh(parts, 100, 101);
        Float32Math.tanh(parts, 101, parts.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(whole[i]), Float.floatToIntBits(parts[i]), "at " + i);
            assertEquals(Float.floatToIntBits(whole[i]), Float.floatToIntBits(Float32Math.tanh(x[i])), "at " + i);
        }
    }
}
