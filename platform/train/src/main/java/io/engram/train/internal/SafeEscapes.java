package io.engram.train.internal;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The escaping of text in a version-2 metadata block: inside JSON strings only the characters
 * {@code A-Z a-z 0-9}, space and {@code . _ , : / = + - @} stand for themselves; every other
 * character, quotes and backslash included, is written as {@code \}{@code uXXXX}. A metadata block
 * therefore holds printable ASCII only, and of the characters a shell treats specially only the
 * double quotes and braces of the JSON structure: no newline, {@code ; | & $ `}, single quote,
 * {@code < >} or parentheses. Immutable and thread-safe.
 */
final class SafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    /** The characters written as themselves inside strings, besides letters and digits. */
    static final String SAFE_PUNCTUATION = " ._,:/=+-@";
    /** The bytes refused anywhere in a metadata block: a reader enforces what the writer does. */
    static final String NEVER_RAW = ";|&$`'<>()!*?#~^";

    private static final int[] CODES = codes();

    static boolean safe(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c < 0x80 && SAFE_PUNCTUATION.indexOf(c) >= 0;
    }

    private static int[] codes() {
        int[] codes = new int[128];
        for (int c = 0; c < 128; c++) {
            codes[c] = safe(c) ? ESCAPE_NONE : ESCAPE_CUSTOM;
        }
        return codes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return CODES.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return new SerializedString(String.format("\\u%04X", ch));
    }
}
