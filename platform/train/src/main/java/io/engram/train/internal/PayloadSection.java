package io.engram.train.internal;

import static io.engram.train.internal.Malformed.quote;

import io.engram.api.Payloads;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The payload section of a version-3 checkpoint: a count, then per payload its name, its kind
 * ({@value #INTEGERS} integers as i64, {@value #NUMBERS} numbers as f64, {@value #STRINGS} strings
 * as {@code str}), its element count and its elements. Reading checks each count against the bytes
 * left before it allocates, and refuses a name given twice, an unknown kind and a number that is not
 * finite, naming the byte. Stateless.
 */
final class PayloadSection {
    static final int INTEGERS = 1;
    static final int NUMBERS = 2;
    static final int STRINGS = 3;
    /** The fewest bytes of one payload: name length, kind, count. */
    private static final int MIN_PAYLOAD = 9;

    private PayloadSection() {
    }

    static byte[] write(Payloads payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(4).putInt(payloads.names().size()).array());
        payloads.integers().forEach((name, list) -> {
            head(out, name, INTEGERS, list.size());
            ByteBuffer b = le(8 * list.size());
            list.forEach(b::putLong);
            out.writeBytes(b.array());
        });
        payloads.numbers().forEach((name, list) -> {
            head(out, name, NUMBERS, list.size());
            ByteBuffer b = le(8 * list.size());
            list.forEach(b::putDouble);
            out.writeBytes(b.array());
        });
        payloads.strings().forEach((name, list) -> {
            head(out, name, STRINGS, list.size());
            list.forEach(s -> str(out, s));
        });
        return out.toByteArray();
    }

    private static void head(ByteArrayOutputStream out, String name, int kind, int count) {
        str(out, name);
        out.write(kind);
        out.writeBytes(le(4).putInt(count).array());
    }

    private static void str(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(le(4).putInt(b.length).array());
        out.writeBytes(b);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static Payloads read(ByteCursor in) {
        int count = in.count("payload count", MIN_PAYLOAD);
        Map<String, List<Long>> integers = new LinkedHashMap<>();
        Map<String, List<Double>> numbers = new LinkedHashMap<>();
        Map<String, List<String>> strings = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int at = in.pos;
            String name = in.str("payload " + i + " name");
            if (name == null || name.isEmpty() || !names.add(name)) {
                throw new Malformed("payload " + i + " at byte " + at + ": name " + quote(name)
                        + (name == null || name.isEmpty() ? " is missing" : " is given twice"));
            }
            String what = "payload " + quote(name) + " at byte " + at;
            int kindAt = in.pos;
            int kind = in.u8("kind of " + what);
            switch (kind) {
                case INTEGERS -> integers.put(name, integers(in, what));
                case NUMBERS -> numbers.put(name, numbers(in, what));
                case STRINGS -> strings.put(name, strings(in, what));
                default -> throw new Malformed("kind of " + what + " at byte " + kindAt + " has unknown code " + kind
                        + " (expected 1 for integers, 2 for numbers or 3 for strings)");
            }
        }
        return new Payloads(integers, numbers, strings);
    }

    private static List<Long> integers(ByteCursor in, String what) {
        int n = in.count("element count of " + what, 8);
        List<Long> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            out.add(in.i64("element " + j + " of " + what));
        }
        return out;
    }

    private static List<Double> numbers(ByteCursor in, String what) {
        int n = in.count("element count of " + what, 8);
        List<Double> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int at = in.pos;
            double v = Double.longBitsToDouble(in.i64("element " + j + " of " + what));
            if (!Double.isFinite(v)) {
                throw new Malformed(what + ": element " + j + " at byte " + at + " is " + v
                        + "; payload numbers are finite");
            }
            out.add(v);
        }
        return out;
    }

    private static List<String> strings(ByteCursor in, String what) {
        int n = in.count("element count of " + what, 4);
        List<String> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int at = in.pos;
            String s = in.str("element " + j + " of " + what);
            if (s == null) {
                throw new Malformed(what + ": element " + j + " at byte " + at + " is missing");
            }
            out.add(s);
        }
        return out;
    }
}
