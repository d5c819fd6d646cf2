package io.engram.train.internal;

import static io.engram.train.internal.Malformed.quote;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The tensor section of a checkpoint (the same in every version, and the trainer state's tensors in
 * version 3): a count, then per tensor its
 * name, dtype, rank, extents and elements. Reading checks each size against the bytes left before
 * it allocates anything, refuses a name given twice, and refuses elements that are NaN or infinite.
 * Stateless.
 */
final class TensorSection {
    /** The fewest bytes of one tensor: name length, dtype, rank. */
    private static final int MIN_TENSOR = 6;

    private TensorSection() {
    }

    static byte[] write(Map<String, Tensor> tensors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(4).putInt(tensors.size()).array());
        tensors.forEach((name, t) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int[] dims = t.shape().toArray();
            ByteBuffer head = le(4 + n.length + 2 + 4 * dims.length).putInt(n.length).put(n)
                    .put((byte) (t.dtype() == DType.F32 ? 1 : 2)).put((byte) dims.length);
            for (int d : dims) {
                head.putInt(d);
            }
            out.writeBytes(head.array());
            if (t.dtype() == DType.F32) {
                float[] v = t.toFloatArray();
                ByteBuffer b = le(v.length * 4);
                b.asFloatBuffer().put(v);
                out.writeBytes(b.array());
            } else {
                double[] v = t.toDoubleArray();
                ByteBuffer b = le(v.length * 8);
                b.asDoubleBuffer().put(v);
                out.writeBytes(b.array());
            }
        });
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads every tensor into {@code tensors} (when {@code ops} is given) and its entry's offset. */
    static void read(ByteCursor in, Ops ops, Map<String, Tensor> tensors, Map<String, Long> offsets) {
        read(in, ops, tensors, offsets, "tensor");
    }

    /** As {@link #read(ByteCursor, Ops, Map, Map)}, calling each entry {@code label} in messages. */
    static void read(ByteCursor in, Ops ops, Map<String, Tensor> tensors, Map<String, Long> offsets, String label) {
        int count = in.count(label + " count", MIN_TENSOR);
        for (int i = 0; i < count; i++) {
            int at = in.pos;
            String name = in.str(label + " " + i + " name");
            if (name == null || offsets.containsKey(name)) {
                throw new Malformed(label + " " + i + " at byte " + at + ": name " + quote(name)
                        + (name == null ? " is missing" : " is given twice"));
            }
            String what = label + " " + quote(name);
            DType type = in.dtype("dtype of " + what);
            int rank = in.u8("rank of " + what);
            in.need(4L * rank, "extents of " + what);
            int[] dims = new int[rank];
            for (int d = 0; d < rank; d++) {
                dims[d] = in.count("extent " + d + " of " + what);
            }
            what += " at byte " + at;
            int size = elements(what, type, dims, in.remaining());
            int dataAt = in.pos;
            ByteBuffer b = ByteBuffer.wrap(in.data, dataAt, size * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            in.pos += size * type.bytes();
            offsets.put(name, (long) at);
            if (ops != null) {
                tensors.put(name, values(what, type, dims, size, b, dataAt, ops));
            }
        }
    }

    /** The element count of {@code dims}, refused before any allocation when the bytes left cannot hold it. */
    private static int elements(String what, DType type, int[] dims, int remaining) {
        long capacity = remaining / type.bytes();
        long size = 1;
        for (int d : dims) {
            if (d == 0) {
                return 0;
            }
        }
        for (int d : dims) {
            size *= d;
            if (size > capacity) {
                throw Malformed.truncated(what + ": shape " + shape(dims) + " of " + type
                        + " needs more bytes than the " + remaining + " that remain before the trailer");
            }
        }
        return (int) size;
    }

    /** The extents for a message: all of them up to rank 8, else the first 8 and the rank. */
    static String shape(int[] dims) {
        if (dims.length <= 8) {
            return Arrays.toString(dims);
        }
        String head = Arrays.toString(Arrays.copyOf(dims, 8));
        return head.substring(0, head.length() - 1) + ", ... (rank " + dims.length + ")]";
    }

    private static Tensor values(String what, DType type, int[] dims, int size, ByteBuffer b, int dataAt, Ops ops) {
        Shape shape = Shape.of(dims);
        if (type == DType.F32) {
            float[] v = new float[size];
            b.asFloatBuffer().get(v);
            for (int i = 0; i < size; i++) {
                finite(what, v[i], i, dataAt + 4L * i);
            }
            return ops.fromArray(type, shape, v);
        }
        double[] v = new double[size];
        b.asDoubleBuffer().get(v);
        for (int i = 0; i < size; i++) {
            finite(what, v[i], i, dataAt + 8L * i);
        }
        return ops.fromArray(type, shape, v);
    }

    private static void finite(String what, double value, int index, long at) {
        if (!Double.isFinite(value)) {
            throw new Malformed(what + ": element " + index + " at byte " + at + " is " + value
                    + "; a checkpoint holds finite weights only");
        }
    }
}
