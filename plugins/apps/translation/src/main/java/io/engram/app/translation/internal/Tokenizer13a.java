package io.engram.app.translation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tokenisation of mteval-v13a.pl, as sacrebleu's default {@code 13a} tokenizer applies it before
 * BLEU: {@code <skipped>} removed, the four XML entities {@code &quot; &amp; &lt; &gt;} unescaped,
 * punctuation and symbols split off, periods and commas split off unless between digits, a dash
 * split off after a digit, then white space collapsed. Stateless and thread-safe.
 */
final class Tokenizer13a {
    private static final Pattern[] PATTERNS = {
        Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])"),
        Pattern.compile("([^0-9])([\\.,])"),
        Pattern.compile("([\\.,])([^0-9])"),
        Pattern.compile("([0-9])(-)"),
    };
    private static final String[] REPLACEMENTS = {" $1 ", "$1 $2 ", " $1 $2", "$1 $2 "};

    private Tokenizer13a() {
    }

    static List<String> tokenize(String line) {
        String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (s.indexOf('&') >= 0) {
            s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        s = " " + s + " ";
        for (int i = 0; i < PATTERNS.length; i++) {
            s = PATTERNS[i].matcher(s).replaceAll(REPLACEMENTS[i]);
        }
        return split(s);
    }

    /** The tokens of {@code s} between white space (Python's {@code str.split()}). */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean space = i == s.length() || isSpace(s.charAt(i));
            if (space && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return out;
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
