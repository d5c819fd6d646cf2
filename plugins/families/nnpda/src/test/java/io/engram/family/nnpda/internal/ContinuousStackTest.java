package io.engram.family.nnpda.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import io.engram.testkit.ReferenceOps;
import org.junit.jupiter.api.Test;

/** The continuous stack's push, pop and read against values worked out by hand. */
class ContinuousStackTest {
    private static final double EPS = 1e-12;
    private static final double[] E1 = {1, 0};
    private static final double[] E2 = {0, 1};
    private final Ops ops = new ReferenceOps();

    /** A stack of one sequence: its values {@code [1, C, 2]} and lengths {@code [1, C]}. */
    private final class Stack {
        Tensor values;
        Tensor lengths;

        Stack(int capacity) {
            values = ops.zeros(DType.F64, Shape.of(1, capacity, 2));
            lengths = ops.zeros(DType.F64, Shape.of(1, capacity));
        }

        Stack push(double[] v, double d) {
            values = ContinuousStack.pushValues(ops, values, ops.fromArray(DType.F64, Shape.of(1, 2), v));
            lengths = ContinuousStack.pushLengths(ops, lengths, scalar(d));
            return this;
        }

        Stack pop(double u) {
            values = ContinuousStack.pushValues(ops, values, ops.zeros(DType.F64, Shape.of(1, 2)));
            lengths = ContinuousStack.pushLengths(ops, ContinuousStack.pop(ops, lengths, scalar(u)), scalar(0));
            return this;
        }

        double[] read() {
            return ContinuousStack.read(ops, values, lengths).toDoubleArray();
        }

        private Tensor scalar(double x) {
            return ops.fromArray(DType.F64, Shape.of(1, 1), new double[] {x});
        }
    }

    @Test
    void fractionalPushesAreReadByTheirTopUnitOfLength() {
        Stack s = new Stack(4).push(E1, 0.6);
        assertArrayEquals(new double[] {0.6, 0}, s.read(), EPS);
        assertArrayEquals(new double[] {0.6, 0, 0, 0}, s.lengths.toDoubleArray(), EPS);
        // 0.7 of e2 on top, then the 0.3 that is left of the unit comes from e1 below
        s.push(E2, 0.7);
        assertArrayEquals(new double[] {0.3, 0.7}, s.read(), EPS);
        assertArrayEquals(new double[] {0.7, 0.6, 0, 0}, s.lengths.toDoubleArray(), EPS);
    }

    @Test
    void aPopLongerThanTheTopElementGoesOnIntoTheOneBelow() {
        Stack s = new Stack(4).push(E1, 0.6).push(E2, 0.7);
        // pop 0.9: all 0.7 of e2, then 0.2 of e1 (0.4 left); the pop's own push has length 0
        s.pop(0.9);
        assertArrayEquals(new double[] {0, 0, 0.4, 0}, s.lengths.toDoubleArray(), EPS);
        assertArrayEquals(new double[] {0.4, 0}, s.read(), EPS);
        // a fractional pop leaves a fraction of the top
        s.pop(0.25);
        assertArrayEquals(new double[] {0, 0, 0, 0.15}, s.lengths.toDoubleArray(), EPS);
        assertArrayEquals(new double[] {0.15, 0}, s.read(), EPS);
    }

    @Test
    void poppingMoreThanTheStackHoldsEmptiesItAndAnEmptyStackReadsZero() {
        Stack s = new Stack(4).push(E1, 0.5).push(E2, 0.25).pop(2.0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, s.lengths.toDoubleArray(), EPS);
        assertArrayEquals(new double[] {0, 0}, s.read(), EPS);
        s.pop(1.0);
        assertArrayEquals(new double[] {0, 0}, s.read(), EPS);
        s.push(E2, 1.0);
        assertArrayEquals(new double[] {0, 1}, s.read(), EPS);
    }

    @Test
    void aFullStackDropsItsBottomElement() {
        Stack s = new Stack(2).push(E2, 1.0).push(E1, 1.0).push(E2, 0.5);
        assertArrayEquals(new double[] {0.5, 1.0}, s.lengths.toDoubleArray(), EPS);
        assertArrayEquals(new double[] {0.5, 0.5}, s.read(), EPS);
        // pop 1.25 leaves 0.25 of e1, which the pop's zero-length push then moves off the bottom:
        // a stack of capacity C holds the last C steps
        s.pop(1.25);
        assertArrayEquals(new double[] {0, 0}, s.lengths.toDoubleArray(), EPS);
        assertArrayEquals(new double[] {0, 0}, s.read(), EPS);
        Stack roomy = new Stack(3).push(E2, 1.0).push(E1, 1.0).push(E2, 0.5).pop(1.25);
        assertArrayEquals(new double[] {0, 0, 0.25}, roomy.lengths.toDoubleArray(), EPS);
        assertArrayEquals(new double[] {0.25, 0}, roomy.read(), EPS);
    }
}
