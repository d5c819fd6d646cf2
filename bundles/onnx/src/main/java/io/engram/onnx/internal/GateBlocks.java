package io.engram.onnx.internal;

/**
 * The gate orders of Engram's cells and ONNX's recurrent operators, and the moves of weight blocks
 * between them.
 *
 * <p>Engram stores a layer's input weights as {@code W [in, G*H]} (rows are inputs, gate blocks of
 * {@code H} columns side by side) and multiplies {@code x W}; ONNX stores them per direction as
 * {@code [G*H, in]} and multiplies {@code x W^T}. So a block moves and transposes:
 * {@code onnx[g*H + j][k] = engram[k][order[g]*H + j]}, where {@code order[g]} is the Engram block of
 * ONNX gate {@code g}:
 * <ul>
 *   <li>LSTM: ONNX {@code i, o, f, c}; Engram {@code i, f, g (cell input), o}: {@link #LSTM}
 *       {@code = {0, 3, 1, 2}}; peepholes ONNX {@code P = [p_i, p_o, p_f]}.</li>
 *   <li>GRU: ONNX {@code z, r, h}; Engram {@code r, z, candidate} in {@code W} and {@code b},
 *       {@code [U_r U_z]} and {@code U} apart: {@link #GRU} {@code = {1, 0, 2}}.</li>
 *   <li>RNN: one block.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class GateBlocks {
    /** The Engram block of each ONNX LSTM gate (i, o, f, c). */
    static final int[] LSTM = {0, 3, 1, 2};
    /** The Engram block of each ONNX GRU gate (z, r, h). */
    static final int[] GRU = {1, 0, 2};
    /** The one block of an RNN. */
    static final int[] RNN = {0};

    private GateBlocks() {
    }

    /**
     * ONNX's {@code [1, G*H, in]} of Engram's {@code [in, G'*H]} blocks: ONNX gate {@code g} is Engram
     * block {@code order[g]} (which may index a matrix with more or fewer blocks than {@code order}
     * names, such as a GRU's {@code [U_r U_z]}), transposed.
     */
    static Dense toOnnx(Dense engram, int[] order, int hidden) {
        int in = engram.dim(0);
        int cols = engram.dim(1);
        float[] out = new float[order.length * hidden * in];
        for (int g = 0; g < order.length; g++) {
            for (int j = 0; j < hidden; j++) {
                for (int k = 0; k < in; k++) {
                    out[(g * hidden + j) * in + k] = engram.data()[k * cols + order[g] * hidden + j];
                }
            }
        }
        return new Dense(new int[] {1, order.length * hidden, in}, out);
    }

    /**
     * Engram's {@code [in, blocks.length*H]} from ONNX's {@code [1, G*H, in]}: Engram block {@code b}
     * is ONNX gate {@code gates[b]}, transposed.
     */
    static Dense fromOnnx(Dense onnx, int[] gates, int hidden) {
        int in = onnx.dim(2);
        float[] out = new float[in * gates.length * hidden];
        int cols = gates.length * hidden;
        for (int b = 0; b < gates.length; b++) {
            for (int j = 0; j < hidden; j++) {
                for (int k = 0; k < in; k++) {
                    out[k * cols + b * hidden + j] = onnx.data()[(gates[b] * hidden + j) * in + k];
                }
            }
        }
        return new Dense(new int[] {in, cols}, out);
    }

    /** The inverse of an order: for each Engram block, the ONNX gate that holds it. */
    static int[] inverse(int[] order) {
        int[] inv = new int[order.length];
        for (int g = 0; g < order.length; g++) {
            inv[order[g]] = g;
        }
        return inv;
    }

    /** {@code H} elements of a vector, from offset {@code block * H}. */
    static float[] block(float[] v, int block, int hidden) {
        float[] out = new float[hidden];
        System.arraycopy(v, block * hidden, out, 0, hidden);
        return out;
    }
}
