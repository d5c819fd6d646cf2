package io.engram.app.translation.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a UTF-8 file's bytes into lines: {@code \n} ends a line, a {@code \r} before it and a byte
 * order mark at the start are dropped. A line that is not valid UTF-8 or is longer than the limit is
 * reported as {@code file:line} with the byte offset in the file, and left out. Stateless.
 */
final class TextLines {

    private TextLines() {
    }

    /** One line: its 1-based number and text. */
    record Line(int number, String text) {
    }

    static List<Line> split(String file, byte[] bytes, int maxBytes, Problems problems) {
        List<Line> lines = new ArrayList<>();
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        int number = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            if (stop - start > maxBytes) {
                problems.add(file + ":" + number, "the line has " + (stop - start) + " bytes, more than the "
                        + maxBytes + " allowed (data.max.line.bytes)");
            } else {
                String text = decode(bytes, start, stop, file + ":" + number, problems);
                if (text != null) {
                    lines.add(new Line(number, text));
                }
            }
            start = end + 1;
        }
        return lines;
    }

    private static String decode(byte[] bytes, int from, int to, String where, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            problems.add(where, "invalid UTF-8 at byte " + in.position() + " of the file");
            return null;
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
