package io.engram.tensor;

/** Element type of a tensor. */
public enum DType {
    /** IEEE 754 binary32. */
    F32(4),
    /** IEEE 754 binary64. */
    F64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Parses {@code f32}/{@code float32}/{@code f64}/{@code float64}, case-insensitively. */
    public static DType parse(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "f32": case "float32": case "float": return F32;
            case "f64": case "float64": case "double": return F64;
            default: throw new IllegalArgumentException("unknown dtype '" + text + "' (expected f32 or f64)");
        }
    }
}
