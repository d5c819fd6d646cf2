package io.engram.layers.protein;

/**
 * The BLOSUM62 substitution matrix (Henikoff and Henikoff 1992, "Amino acid substitution matrices
 * from protein blocks", PNAS 89:10915), in half-bit units, as NCBI distributes it ("Matrix made by
 * matblas from blosum62.iij"; the same file ships with HMMER's Easel library as
 * {@code formats/BLOSUM62}). Rows and columns in the order {@value #ORDER}. Immutable.
 */
public final class Blosum62 {
    /** The order of the rows and columns. */
    public static final String ORDER = "ARNDCQEGHILKMFPSTWYVBZX*";

    private static final String TABLE = ""
            + "A  4 -1 -2 -2  0 -1 -1  0 -2 -1 -1 -1 -1 -2 -1  1  0 -3 -2  0 -2 -1  0 -4\n"
            + "R -1  5  0 -2 -3  1  0 -2  0 -3 -2  2 -1 -3 -2 -1 -1 -3 -2 -3 -1  0 -1 -4\n"
            + "N -2  0  6  1 -3  0  0  0  1 -3 -3  0 -2 -3 -2  1  0 -4 -2 -3  3  0 -1 -4\n"
            + "D -2 -2  1  6 -3  0  2 -1 -1 -3 -4 -1 -3 -3 -1  0 -1 -4 -3 -3  4  1 -1 -4\n"
            + "C  0 -3 -3 -3  9 -3 -4 -3 -3 -1 -1 -3 -1 -2 -3 -1 -1 -2 -2 -1 -3 -3 -2 -4\n"
            + "Q -1  1  0  0 -3  5  2 -2  0 -3 -2  1  0 -3 -1  0 -1 -2 -1 -2  0  3 -1 -4\n"
            + "E -1  0  0  2 -4  2  5 -2  0 -3 -3  1 -2 -3 -1  0 -1 -3 -2 -2  1  4 -1 -4\n"
            + "G  0 -2  0 -1 -3 -2 -2  6 -2 -4 -4 -2 -3 -3 -2  0 -2 -2 -3 -3 -1 -2 -1 -4\n"
            + "H -2  0  1 -1 -3  0  0 -2  8 -3 -3 -1 -2 -1 -2 -1 -2 -2  2 -3  0  0 -1 -4\n"
            + "I -1 -3 -3 -3 -1 -3 -3 -4 -3  4  2 -3  1  0 -3 -2 -1 -3 -1  3 -3 -3 -1 -4\n"
            + "L -1 -2 -3 -4 -1 -2 -3 -4 -3  2  4 -2  2  0 -3 -2 -1 -2 -1  1 -4 -3 -1 -4\n"
            + "K -1  2  0 -1 -3  1  1 -2 -1 -3 -2  5 -1 -3 -1  0 -1 -3 -2 -2  0  1 -1 -4\n"
            + "M -1 -1 -2 -3 -1  0 -2 -3 -2  1  2 -1  5  0 -2 -1 -1 -1 -1  1 -3 -1 -1 -4\n"
            + "F -2 -3 -3 -3 -2 -3 -3 -3 -1  0  0 -3  0  6 -4 -2 -2  1  3 -1 -3 -3 -1 -4\n"
            + "P -1 -2 -2 -1 -3 -1 -1 -2 -2 -3 -3 -1 -2 -4  7 -1 -1 -4 -3 -2 -2 -1 -2 -4\n"
            + "S  1 -1  1  0 -1  0  0  0 -1 -2 -2  0 -1 -2 -1  4  1 -3 -2 -2  0  0  0 -4\n"
            + "T  0 -1  0 -1 -1 -1 -1 -2 -2 -1 -1 -1 -1 -2 -1  1  5 -2 -2  0 -1 -1  0 -4\n"
            + "W -3 -3 -4 -4 -2 -2 -3 -2 -2 -3 -2 -3 -1  1 -4 -3 -2 11  2 -3 -4 -3 -2 -4\n"
            + "Y -2 -2 -2 -3 -2 -1 -2 -3  2 -1 -1 -2 -1  3 -3 -2 -2  2  7 -1 -3 -2 -1 -4\n"
            + "V  0 -3 -3 -3 -1 -2 -2 -3 -3  3  1 -2  1 -1 -2 -2  0 -3 -1  4 -3 -2 -1 -4\n"
            + "B -2 -1  3  4 -3  0  1 -1  0 -3 -4  0 -3 -3 -2  0 -1 -4 -3 -3  4  1 -1 -4\n"
            + "Z -1  0  0  1 -3  3  4 -2  0 -3 -3  1 -1 -3 -1  0 -1 -3 -2 -2  1  4 -1 -4\n"
            + "X  0 -1 -1 -1 -2 -1 -1 -1 -1 -1 -1 -1 -1 -1 -2  0  0 -2 -1 -1 -1 -1 -1 -4\n"
            + "* -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4 -4  1\n";

    private static final int[][] SCORES = parse();

    private Blosum62() {
    }

    /** The score of substituting {@code a} by {@code b}, both characters of {@link #ORDER}. */
    public static int score(char a, char b) {
        int i = ORDER.indexOf(a);
        int j = ORDER.indexOf(b);
        if (i < 0 || j < 0) {
            throw new IllegalArgumentException("BLOSUM62 has no row for '" + a + "' or '" + b + "'");
        }
        return SCORES[i][j];
    }

    private static int[][] parse() {
        String[] rows = TABLE.split("\n");
        int[][] s = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            String[] f = rows[i].trim().split("\\s+");
            if (f[0].charAt(0) != ORDER.charAt(i) || f.length != ORDER.length() + 1) {
                throw new IllegalStateException("BLOSUM62 table row " + i + " is malformed");
            }
            s[i] = new int[ORDER.length()];
            for (int j = 0; j < ORDER.length(); j++) {
                s[i][j] = Integer.parseInt(f[j + 1]);
            }
        }
        return s;
    }
}
