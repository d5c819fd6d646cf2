package io.engram.app.trees.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A token of a bracketed tree text: {@code (}, {@code )} or a run of other non-blank characters,
 * with its line and column (from 1). Immutable.
 */
record Token(String text, int line, int column) {

    boolean is(String s) {
        return text.equals(s);
    }

    /** The tokens of {@code text} in order. */
    static List<Token> scan(String text) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int column = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                i++;
            } else if (Character.isWhitespace(c)) {
                column++;
                i++;
            } else if (c == '(' || c == ')') {
                out.add(new Token(String.valueOf(c), line, column++));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && text.charAt(i) != '(' && text.charAt(i) != ')') {
                    i++;
                }
                out.add(new Token(text.substring(start, i), line, column));
                column += i - start;
            }
        }
        return out;
    }
}
