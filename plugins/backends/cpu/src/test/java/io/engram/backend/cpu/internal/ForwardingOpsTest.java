package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.backend.cpu.CpuBackend;
import io.engram.tensor.DType;
import io.engram.tensor.ForwardingOps;
import io.engram.tensor.Ops;
import io.engram.tensor.RecurrentKernels;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A {@link ForwardingOps} that changes only the matrix product: every product, those inside the
 * input projection, the batched product and the recurrent kernels included, goes through the
 * override, and the results equal the CPU's own (same arithmetic, f64).
 */
class ForwardingOpsTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Ops CPU = BACKEND.ops();

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    /** Counts its products and forwards them. */
    private static final class CountingProducts extends ForwardingOps {
        int products;

        CountingProducts(Ops delegate) {
            super(delegate);
        }

        @Override
        public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
            products++;
            return delegate().matmul(a, b, transposeA, transposeB);
        }
    }

    private static Tensor random(Random rnd, int... dims) {
        Shape s = Shape.of(dims);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian() * 0.5;
        }
        return CPU.fromArray(DType.F64, s, v);
    }

    @Test
    void anOverriddenProductReachesEveryComposedOp() {
        Random rnd = new Random(3);
        CountingProducts ops = new CountingProducts(CPU);
        Tensor xs = random(rnd, 8, 3);
        Tensor w = random(rnd, 3, 20);
        Tensor b = random(rnd, 20);
        assertArrayEquals(CPU.inputProjection(xs, w, b).toDoubleArray(), ops.inputProjection(xs, w, b).toDoubleArray(),
                1e-12);
        assertEquals(1, ops.products, "the input projection's product");

        Tensor a3 = random(rnd, 3, 2, 4);
        Tensor b3 = random(rnd, 3, 4, 5);
        assertArrayEquals(CPU.batchedMatmul(a3, b3).toDoubleArray(), ops.batchedMatmul(a3, b3).toDoubleArray(), 1e-12);
        assertEquals(4, ops.products, "one product per batch entry");

        int time = 4;
        Tensor h = random(rnd, 2, 5);
        Tensor c = random(rnd, 2, 5);
        Tensor wh = random(rnd, 5, 20);
        Tensor xProjs = random(rnd, time * 2, 20);
        RecurrentKernels.LstmState want = CPU.kernels().lstmSteps(xProjs, h, c, wh);
        RecurrentKernels.LstmState got = ops.kernels().lstmSteps(xProjs, h, c, wh);
        assertArrayEquals(want.h().toDoubleArray(), got.h().toDoubleArray(), 1e-12);
        assertArrayEquals(want.c().toDoubleArray(), got.c().toDoubleArray(), 1e-12);
        assertEquals(4 + time, ops.products, "one recurrent product per step");

        assertArrayEquals(CPU.add(h, c).toDoubleArray(), ops.add(h, c).toDoubleArray(), 0.0);
        assertEquals(4 + time, ops.products, "elementwise ops are forwarded");
    }
}
