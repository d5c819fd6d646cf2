package io.engram.app.handwriting.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PenFeaturesTest {
    private static Ink ink(double scale, double shift) {
        double[][] a = {{0, 0, 0}, {3, 4, 0}, {6, 8, 0}};
        double[][] b = {{10, 0, 0}, {10, 2, 0}};
        double[][][] strokes = {a, b};
        double[][][] moved = new double[2][][];
        for (int s = 0; s < 2; s++) {
            moved[s] = new double[strokes[s].length][];
            for (int i = 0; i < strokes[s].length; i++) {
                moved[s][i] = new double[] {strokes[s][i][0] * scale + shift, strokes[s][i][1] * scale - shift, 0};
            }
        }
        return new Ink("x", "", "ab", List.of(moved), "test");
    }

    @Test
    void offsetsAndPenUpFlagsAreTheSameWhateverTheSizeAndPlace() {
        PenFeatures f = new PenFeatures(0);
        double[][] steps = f.of(ink(1, 0));
        assertEquals(5, steps.length);
        assertArrayEquals(new double[] {0, 0, 0, 1, 0}, java.util.Arrays.stream(steps).mapToDouble(s -> s[2]).toArray(),
                "pen up on the way to the second stroke's first point only");
        // pen-down offsets (3,4), (3,4), (0,2): root mean square length sqrt((25 + 25 + 4) / 3)
        double rms = Math.sqrt(54 / 3.0);
        assertArrayEquals(new double[] {3 / rms, 4 / rms, 0}, steps[1], 1e-12);
        assertArrayEquals(new double[] {4 / rms, -8 / rms, 1}, steps[3], 1e-12);
        double[][] other = f.of(ink(7.5, 100));
        for (int i = 0; i < steps.length; i++) {
            assertArrayEquals(steps[i], other[i], 1e-9);
        }
    }

    @Test
    void resamplingPlacesPointsAtEqualArcLength() {
        List<double[]> r = PenFeatures.resample(new double[][] {{0, 0}, {1, 0}, {1, 2}}, 0.5);
        // 3 units of path: points at 0, 0.5, ..., 3 along it
        assertEquals(7, r.size());
        assertArrayEquals(new double[] {1, 0.5}, r.get(3), 1e-12);
        assertArrayEquals(new double[] {1, 2}, r.get(6), 1e-12);
        double[][] points = new PenFeatures(0.25).points(ink(1, 0));
        for (int i = 1; i < points.length; i++) {
            if (points[i][2] == 0) {
                double d = Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
                assertTrue(d > 0.25 / 4 && d <= 0.25 + 1e-9, "step " + i + ": " + d);
            }
        }
    }
}
