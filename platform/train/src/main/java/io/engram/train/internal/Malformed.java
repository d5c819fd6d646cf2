package io.engram.train.internal;

/**
 * A problem with the bytes of a checkpoint, named by field and byte offset; {@code truncated} when
 * the data ran out. Thrown inside the decoder only and turned into a failed {@code Try} at its
 * boundary. Immutable.
 */
final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The longest piece of a file's own text (a name, a key) quoted in a message. */
    static final int QUOTE_LIMIT = 64;

    final boolean truncated;

    Malformed(String message) {
        this(message, false);
    }

    private Malformed(String message, boolean truncated) {
        super(message, null, false, false);
        this.truncated = truncated;
    }

    static Malformed truncated(String message) {
        return new Malformed(message, true);
    }

    /**
     * Text read from a file, fit for a message: in single quotes, control and non-ASCII characters
     * as {@code \}{@code uXXXX}, cut to {@value #QUOTE_LIMIT} characters, so that no file can make a
     * message long or unprintable.
     */
    static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(text.length(), QUOTE_LIMIT);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\'' || c == '\\') {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > n) {
            sb.append("...(").append(text.length()).append(" characters)");
        }
        return sb.append('\'').toString();
    }
}
