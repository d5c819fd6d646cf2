package io.engram.family.dnc.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The constant {@code [1, N, N]} masks of a differentiable neural computer's step, kept on the host once
 * per memory size so that a step uploads them without building them: {@link #offDiagonal} ({@code 1}
 * where {@code i != j}, for the link matrix's zero diagonal) and {@link #before} ({@code 1} where
 * {@code j < i}, the tie-break of the free list). Immutable once built; {@link #of} is thread-safe.
 */
final class DncMasks {
    private static final Map<Integer, DncMasks> BY_SIZE = new ConcurrentHashMap<>();
    private final int n;
    private final double[] offDiagonal;
    private final double[] before;

    private DncMasks(int n) {
        this.n = n;
        this.offDiagonal = new double[n * n];
        this.before = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                offDiagonal[i * n + j] = i == j ? 0.0 : 1.0;
                before[i * n + j] = j < i ? 1.0 : 0.0;
            }
        }
    }

    /** The masks of a memory of {@code n} rows. */
    static DncMasks of(int n) {
        return BY_SIZE.computeIfAbsent(n, DncMasks::new);
    }

    /** {@code [1, N, N]}: {@code 1} off the diagonal, {@code 0} on it. */
    Tensor offDiagonal(Ops ops, DType dtype) {
        return ops.fromArray(dtype, Shape.of(1, n, n), offDiagonal);
    }

    /** {@code [1, N, N]}: {@code 1} at {@code [i, j]} where {@code j < i}. */
    Tensor before(Ops ops, DType dtype) {
        return ops.fromArray(dtype, Shape.of(1, n, n), before);
    }
}
