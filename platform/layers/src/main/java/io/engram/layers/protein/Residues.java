package io.engram.layers.protein;

/**
 * The characters a sequence line may hold: the 26 letters of the IUPAC one-letter amino-acid code
 * (the 20 standard residues, X for unknown, B, Z, J, U and O; lower case is upper-cased, as in the
 * insert states of an alignment) and the gap characters {@code .} and {@code -}, which are dropped.
 * Stateless.
 */
public final class Residues {
    private Residues() {
    }

    /**
     * Appends the residues of {@code text} to {@code out}, upper-cased and without gaps or white
     * space; returns the index in {@code text} of the first character that is none of these, or -1.
     */
    public static int append(CharSequence text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 'a' + 'A');
            }
            if (c < 'A' || c > 'Z') {
                return i;
            }
            out.append(c);
        }
        return -1;
    }

    /** The problem text for an invalid character {@code c} at (1-based) column {@code column}. */
    public static String invalid(char c, int column) {
        String shown = c >= 0x21 && c < 0x7f ? "'" + c + "' " : "";
        return "invalid residue character " + shown + String.format("(U+%04X)", (int) c) + " at column " + column
                + "; expected a one-letter amino-acid code or a gap (. or -)";
    }
}
