package io.engram.layers.protein;

import java.util.List;

/**
 * How a residue becomes a network input vector.
 *
 * <ul>
 *   <li>{@code one-hot}: 21 inputs, one per standard residue in the order {@value #STANDARD} and the
 *   last for X (unknown). The ambiguity codes share their weight between the residues they stand for:
 *   B (Asx) is 0.5 D + 0.5 N, Z (Glx) 0.5 E + 0.5 Q, J (Xle) 0.5 I + 0.5 L; the rare residues take
 *   the unit of their closest standard one: U (selenocysteine) is C, O (pyrrolysine) is K.</li>
 *   <li>{@code blosum62}: 20 inputs, the residue's row of the BLOSUM62 matrix ({@link Blosum62})
 *   over the 20 standard residues (columns in the order {@value #STANDARD}), each score divided by
 *   {@value #BLOSUM_SCALE} so that the inputs lie in [-1, 2.75]. B, Z and X have rows of their own in
 *   the matrix; J takes the mean of the I and L rows, U the C row and O the K row.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public enum Encoding {
    ONE_HOT("one-hot", 21),
    BLOSUM62("blosum62", 20);

    /** The standard residues in input order. */
    public static final String STANDARD = "ACDEFGHIKLMNPQRSTVWY";
    public static final double BLOSUM_SCALE = 4.0;

    private final String id;
    private final int width;

    Encoding(String id, int width) {
        this.id = id;
        this.width = width;
    }

    public static List<String> ids() {
        return List.of(ONE_HOT.id, BLOSUM62.id);
    }

    public static Encoding of(String id) {
        for (Encoding e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown encoding '" + id + "' (expected one of " + ids() + ")");
    }

    public String id() {
        return id;
    }

    /** Inputs per residue. */
    public int width() {
        return width;
    }

    /** The inputs of {@code residues} (upper-case letters), one row per residue. */
    public double[][] encode(String residues) {
        double[][] x = new double[residues.length()][];
        for (int t = 0; t < x.length; t++) {
            x[t] = this == ONE_HOT ? oneHot(residues.charAt(t)) : blosum(residues.charAt(t));
        }
        return x;
    }

    public static double[] oneHot(char r) {
        double[] v = new double[21];
        switch (r) {
            case 'B' -> half(v, 'D', 'N');
            case 'Z' -> half(v, 'E', 'Q');
            case 'J' -> half(v, 'I', 'L');
            case 'U' -> v[STANDARD.indexOf('C')] = 1;
            case 'O' -> v[STANDARD.indexOf('K')] = 1;
            default -> v[STANDARD.indexOf(r) >= 0 ? STANDARD.indexOf(r) : 20] = 1;
        }
        return v;
    }

    private static void half(double[] v, char a, char b) {
        v[STANDARD.indexOf(a)] = 0.5;
        v[STANDARD.indexOf(b)] = 0.5;
    }

    public static double[] blosum(char r) {
        double[] v = new double[20];
        for (int j = 0; j < 20; j++) {
            char c = STANDARD.charAt(j);
            double s = switch (r) {
                case 'J' -> (Blosum62.score('I', c) + Blosum62.score('L', c)) / 2.0;
                case 'U' -> Blosum62.score('C', c);
                case 'O' -> Blosum62.score('K', c);
                default -> Blosum62.score(Blosum62.ORDER.indexOf(r) >= 0 && r != '*' ? r : 'X', c);
            };
            v[j] = s / BLOSUM_SCALE;
        }
        return v;
    }
}
