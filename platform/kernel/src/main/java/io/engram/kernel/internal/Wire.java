package io.engram.kernel.internal;

import io.engram.api.Sequence;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The byte forms in which sequences and parameters travel to a cluster's workers: big-endian
 * {@code DataOutput} fields, values as doubles, so that a worker computes on exactly the numbers
 * the driver holds. A sequence is its length, then per step the input width and values, the target
 * width and values and the target flag, then its labels; parameters are their count, then per
 * parameter its name, rank, extents and values. Stateless and thread-safe.
 */
final class Wire {

    private Wire() {
    }

    static byte[] sequence(Sequence s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + s.length() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(s.length());
            for (int t = 0; t < s.length(); t++) {
                doubles(out, s.inputs()[t]);
                doubles(out, s.targets()[t]);
                out.writeBoolean(s.targetMask()[t]);
            }
            int[] labels = s.labels();
            out.writeInt(labels.length);
            for (int l : labels) {
                out.writeInt(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Sequence sequence(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int length = in.readInt();
            double[][] inputs = new double[length][];
            double[][] targets = new double[length][];
            boolean[] mask = new boolean[length];
            for (int t = 0; t < length; t++) {
                inputs[t] = doubles(in);
                targets[t] = doubles(in);
                mask[t] = in.readBoolean();
            }
            int[] labels = new int[in.readInt()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readInt();
            }
            return new Sequence(inputs, targets, mask, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sequences of {@code encoded}, in order, as a dataset of the given sizes. */
    static io.engram.api.Dataset dataset(java.util.List<byte[]> encoded, int inputSize, int outputSize) {
        java.util.List<Sequence> out = new java.util.ArrayList<>(encoded.size());
        for (byte[] b : encoded) {
            out.add(sequence(b));
        }
        return new io.engram.api.Dataset(out, inputSize, outputSize);
    }

    static byte[] parameters(Map<String, Tensor> params) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(params.size());
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                out.writeUTF(e.getKey());
                int[] dims = e.getValue().shape().toArray();
                out.writeInt(dims.length);
                for (int d : dims) {
                    out.writeInt(d);
                }
                for (double v : e.getValue().toDoubleArray()) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, Tensor> parameters(byte[] encoded, Ops ops, DType dtype) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int[] dims = new int[in.readInt()];
                for (int d = 0; d < dims.length; d++) {
                    dims[d] = in.readInt();
                }
                Shape shape = Shape.of(dims);
                double[] values = new double[shape.size()];
                for (int v = 0; v < values.length; v++) {
                    values[v] = in.readDouble();
                }
                out.put(name, ops.fromArray(dtype, shape, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void doubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] doubles(DataInputStream in) throws IOException {
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }
}
