package io.engram.backend.cpu.internal;

/**
 * The loops of {@link CpuOps}'s binary elementwise ops ({@code + - * /}, maximum, minimum and the
 * comparisons) over one broadcast row or one range of same-shaped operands, in the dtype's own
 * arithmetic. Stateless.
 */
final class BinaryRows {
    static final int ADD = 0;
    static final int SUB = 1;
    static final int MUL = 2;
    static final int DIV = 3;
    static final int MAX = 4;
    static final int MIN = 5;
    static final int GT = 6;
    static final int GE = 7;

    private BinaryRows() {
    }

    /** One broadcast row: {@code o[io + j] = p[ip + j sp] op q[iq + j sq]}. */
    static void row64(int op, double[] p, int ip, int sp, double[] q, int iq, int sq, double[] o, int io,
            int len) {
        switch (op) {
            case ADD: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] + q[iq + j * sq]; } break;
            case SUB: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] - q[iq + j * sq]; } break;
            case MUL: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] * q[iq + j * sq]; } break;
            case MAX: for (int j = 0; j < len; j++) { o[io + j] = Math.max(p[ip + j * sp], q[iq + j * sq]); } break;
            case MIN: for (int j = 0; j < len; j++) { o[io + j] = Math.min(p[ip + j * sp], q[iq + j * sq]); } break;
            case GT: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] > q[iq + j * sq] ? 1 : 0; } break;
            case GE: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] >= q[iq + j * sq] ? 1 : 0; } break;
            default: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] / q[iq + j * sq]; } break;
        }
    }

    static void row32(int op, float[] p, int ip, int sp, float[] q, int iq, int sq, float[] o, int io,
            int len) {
        if (sp == 1 && sq == 1) {
            rowContiguous32(op, p, ip, q, iq, o, io, len);
            return;
        }
        if (sp == 1 && sq == 0) {
            rowScalar32(op, p, ip, q[iq], o, io, len);
            return;
        }
        switch (op) {
            case ADD: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] + q[iq + j * sq]; } break;
            case SUB: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] - q[iq + j * sq]; } break;
            case MUL: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] * q[iq + j * sq]; } break;
            case MAX: for (int j = 0; j < len; j++) { o[io + j] = Math.max(p[ip + j * sp], q[iq + j * sq]); } break;
            case MIN: for (int j = 0; j < len; j++) { o[io + j] = Math.min(p[ip + j * sp], q[iq + j * sq]); } break;
            case GT: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] > q[iq + j * sq] ? 1 : 0; } break;
            case GE: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] >= q[iq + j * sq] ? 1 : 0; } break;
            default: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j * sp] / q[iq + j * sq]; } break;
        }
    }

    /** A broadcast row whose operands are both contiguous. */
    private static void rowContiguous32(int op, float[] p, int ip, float[] q, int iq, float[] o, int io, int len) {
        switch (op) {
            case ADD: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] + q[iq + j]; } break;
            case SUB: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] - q[iq + j]; } break;
            case MUL: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] * q[iq + j]; } break;
            case MAX: for (int j = 0; j < len; j++) { o[io + j] = Math.max(p[ip + j], q[iq + j]); } break;
            case MIN: for (int j = 0; j < len; j++) { o[io + j] = Math.min(p[ip + j], q[iq + j]); } break;
            case GT: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] > q[iq + j] ? 1 : 0; } break;
            case GE: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] >= q[iq + j] ? 1 : 0; } break;
            default: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] / q[iq + j]; } break;
        }
    }

    /** A broadcast row whose right operand is one value along the row. */
    private static void rowScalar32(int op, float[] p, int ip, float v, float[] o, int io, int len) {
        switch (op) {
            case ADD: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] + v; } break;
            case SUB: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] - v; } break;
            case MUL: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] * v; } break;
            case MAX: for (int j = 0; j < len; j++) { o[io + j] = Math.max(p[ip + j], v); } break;
            case MIN: for (int j = 0; j < len; j++) { o[io + j] = Math.min(p[ip + j], v); } break;
            case GT: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] > v ? 1 : 0; } break;
            case GE: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] >= v ? 1 : 0; } break;
            default: for (int j = 0; j < len; j++) { o[io + j] = p[ip + j] / v; } break;
        }
    }

    static void sameShape64(int op, double[] p, double[] q, double[] o, int from, int to) {
        switch (op) {
            case ADD: for (int i = from; i < to; i++) { o[i] = p[i] + q[i]; } break;
            case SUB: for (int i = from; i < to; i++) { o[i] = p[i] - q[i]; } break;
            case MUL: for (int i = from; i < to; i++) { o[i] = p[i] * q[i]; } break;
            case MAX: for (int i = from; i < to; i++) { o[i] = Math.max(p[i], q[i]); } break;
            case MIN: for (int i = from; i < to; i++) { o[i] = Math.min(p[i], q[i]); } break;
            case GT: for (int i = from; i < to; i++) { o[i] = p[i] > q[i] ? 1 : 0; } break;
            case GE: for (int i = from; i < to; i++) { o[i] = p[i] >= q[i] ? 1 : 0; } break;
            default: for (int i = from; i < to; i++) { o[i] = p[i] / q[i]; } break;
        }
    }

    static void sameShape32(int op, float[] p, float[] q, float[] o, int from, int to) {
        switch (op) {
            case ADD: for (int i = from; i < to; i++) { o[i] = p[i] + q[i]; } break;
            case SUB: for (int i = from; i < to; i++) { o[i] = p[i] - q[i]; } break;
            case MUL: for (int i = from; i < to; i++) { o[i] = p[i] * q[i]; } break;
            case MAX: for (int i = from; i < to; i++) { o[i] = Math.max(p[i], q[i]); } break;
            case MIN: for (int i = from; i < to; i++) { o[i] = Math.min(p[i], q[i]); } break;
            case GT: for (int i = from; i < to; i++) { o[i] = p[i] > q[i] ? 1 : 0; } break;
            case GE: for (int i = from; i < to; i++) { o[i] = p[i] >= q[i] ? 1 : 0; } break;
            default: for (int i = from; i < to; i++) { o[i] = p[i] / q[i]; } break;
        }
    }
}
