package io.engram.onnx.internal;

import com.google.protobuf.ByteString;
import io.engram.onnx.internal.proto.Onnx.TensorProto;
import io.engram.onnx.internal.proto.Onnx.TensorShapeProto;
import io.engram.onnx.internal.proto.Onnx.TypeProto;
import io.engram.onnx.internal.proto.Onnx.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Conversions between {@link Dense} arrays and ONNX {@code TensorProto}s, and typed graph inputs and
 * outputs. ONNX stores {@code raw_data} little-endian; {@code float_data} and {@code double_data}
 * are read too. Stateless and thread-safe.
 */
final class OnnxTensors {
    static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    static final int DOUBLE = TensorProto.DataType.DOUBLE_VALUE;
    static final int INT32 = TensorProto.DataType.INT32_VALUE;
    static final int INT64 = TensorProto.DataType.INT64_VALUE;

    private OnnxTensors() {
    }

    /** A float tensor named {@code name}, its elements in {@code raw_data}. */
    static TensorProto floats(String name, Dense d) {
        ByteBuffer b = ByteBuffer.allocate(4 * d.data().length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : d.data()) {
            b.putFloat(v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(b.array()));
        for (int e : d.shape()) {
            t.addDims(e);
        }
        return t.build();
    }

    /** A one-dimensional int64 tensor named {@code name}. */
    static TensorProto longs(String name, long... values) {
        return TensorProto.newBuilder().setName(name).setDataType(INT64).addDims(values.length)
                .addAllInt64Data(java.util.Arrays.stream(values).boxed().toList()).build();
    }

    /** An int64 scalar named {@code name}. */
    static TensorProto scalar(String name, long value) {
        return TensorProto.newBuilder().setName(name).setDataType(INT64).addInt64Data(value).build();
    }

    /**
     * The elements of a float or double tensor as float32, from {@code raw_data}, {@code float_data}
     * or {@code double_data}.
     *
     * @param what names the tensor in messages, such as {@code initializer 'W' of node 'lstm_0'}
     * @throws IllegalArgumentException naming {@code what} for another element type, external data, or
     *                                  a count of elements that does not match the dimensions
     */
    static Dense read(TensorProto t, String what) {
        int[] shape = new int[t.getDimsCount()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + ": dimension " + i + " is " + d);
            }
            shape[i] = (int) d;
            n *= d;
        }
        if (n > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException(what + ": " + n + " elements are too many");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException(what + ": data stored outside the file is not read; "
                    + "save the model with its weights inside");
        }
        float[] v = new float[(int) n];
        int type = t.getDataType();
        if (type == FLOAT && t.hasRawData()) {
            expect(what, n, t.getRawData().size() / 4L, t.getRawData().size() % 4 != 0);
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getFloat();
            }
        } else if (type == FLOAT) {
            expect(what, n, t.getFloatDataCount(), false);
            for (int i = 0; i < v.length; i++) {
                v[i] = t.getFloatData(i);
            }
        } else if (type == DOUBLE && t.hasRawData()) {
            expect(what, n, t.getRawData().size() / 8L, t.getRawData().size() % 8 != 0);
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) b.getDouble();
            }
        } else if (type == DOUBLE) {
            expect(what, n, t.getDoubleDataCount(), false);
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) t.getDoubleData(i);
            }
        } else {
            throw new IllegalArgumentException(what + ": element type " + typeName(type)
                    + ", expected FLOAT or DOUBLE");
        }
        return new Dense(shape, v);
    }

    private static void expect(String what, long expected, long found, boolean ragged) {
        if (ragged || expected != found) {
            throw new IllegalArgumentException(what + ": its dimensions hold " + expected + " elements but its data "
                    + (ragged ? "is not a whole number of elements" : "has " + found));
        }
    }

    /** The name of an ONNX element type, such as {@code INT64}, or its number when unknown. */
    static String typeName(int type) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(type);
        return t == null ? "#" + type : t.name();
    }

    /** A typed graph input or output; each dimension a fixed extent ({@code Long}) or a name ({@code String}). */
    static ValueInfoProto value(String name, int elemType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }
}
