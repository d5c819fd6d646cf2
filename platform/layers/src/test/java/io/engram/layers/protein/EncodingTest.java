package io.engram.layers.protein;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EncodingTest {

    private static double[] unit(int width, int... ones) {
        double[] v = new double[width];
        for (int i : ones) {
            v[i] = 1;
        }
        return v;
    }

    @Test
    void oneHotHasAUnitPerStandardResidueAndOneForUnknown() {
        double[][] x = Encoding.ONE_HOT.encode("AYX");
        assertArrayEquals(unit(21, 0), x[0]);
        assertArrayEquals(unit(21, 19), x[1]);
        assertArrayEquals(unit(21, 20), x[2]);
    }

    @Test
    void oneHotSharesAmbiguityCodesAndMapsRareResidues() {
        double[] b = Encoding.oneHot('B');
        assertEquals(0.5, b[Encoding.STANDARD.indexOf('D')]);
        assertEquals(0.5, b[Encoding.STANDARD.indexOf('N')]);
        assertEquals(1.0, java.util.Arrays.stream(b).sum());
        assertEquals(0.5, Encoding.oneHot('Z')[Encoding.STANDARD.indexOf('Q')]);
        assertEquals(0.5, Encoding.oneHot('J')[Encoding.STANDARD.indexOf('L')]);
        assertArrayEquals(Encoding.oneHot('C'), Encoding.oneHot('U'));
        assertArrayEquals(Encoding.oneHot('K'), Encoding.oneHot('O'));
    }

    @Test
    void blosumRowsAreTheMatrixScaledByAQuarter() {
        double[] w = Encoding.blosum('W');
        assertEquals(20, w.length);
        assertEquals(11 / 4.0, w[Encoding.STANDARD.indexOf('W')]);
        assertEquals(-3 / 4.0, w[Encoding.STANDARD.indexOf('A')]);
        assertEquals(-1 / 4.0, Encoding.blosum('A')[Encoding.STANDARD.indexOf('R')]);
        assertEquals(4 / 4.0, Encoding.blosum('B')[Encoding.STANDARD.indexOf('D')]);
        // J is the mean of the I and L rows: I-I 4, L-I 2
        assertEquals(3 / 4.0, Encoding.blosum('J')[Encoding.STANDARD.indexOf('I')]);
        assertArrayEquals(Encoding.blosum('C'), Encoding.blosum('U'));
        assertArrayEquals(Encoding.blosum('K'), Encoding.blosum('O'));
        assertEquals(-1 / 4.0, Encoding.blosum('X')[Encoding.STANDARD.indexOf('G')]);
    }

    @Test
    void theMatrixIsSymmetric() {
        for (char a : Blosum62.ORDER.toCharArray()) {
            for (char b : Blosum62.ORDER.toCharArray()) {
                assertEquals(Blosum62.score(a, b), Blosum62.score(b, a), a + " " + b);
            }
        }
    }
}
