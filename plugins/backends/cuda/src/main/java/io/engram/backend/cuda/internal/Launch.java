package io.engram.backend.cuda.internal;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;

import io.engram.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * One kernel launch on a lane's stream, its arguments given in the kernel's order. Scalars of the
 * element type ({@link #scalar}) are passed as float or double by the dtype; {@link #elements}
 * sizes a one-dimensional grid-stride launch.
 */
final class Launch {
    /** Threads per block of the one-dimensional kernels. */
    static final int THREADS = 256;
    /** Most blocks of a one-dimensional launch; the kernels stride over the rest. */
    static final int MAX_BLOCKS = 8192;

    private final Lane lane;
    private final DType dtype;
    private final String name;
    private final List<Pointer> args = new ArrayList<>();
    private int gx = 1;
    private int gy = 1;
    private int gz = 1;
    private int bx = THREADS;
    private int by = 1;

    private Launch(Lane lane, String name, DType dtype) {
        this.lane = lane;
        this.name = name;
        this.dtype = dtype;
    }

    static Launch on(Lane lane, String name, DType dtype) {
        return new Launch(lane, name, dtype);
    }

    /** A one-dimensional launch over {@code n} elements. */
    Launch elements(long n) {
        gx = (int) Math.max(1, Math.min(MAX_BLOCKS, (n + THREADS - 1) / THREADS));
        bx = THREADS;
        return this;
    }

    Launch grid(int x, int y) {
        gx = Math.max(1, x);
        gy = Math.max(1, y);
        return this;
    }

    Launch grid(int x, int y, int z) {
        grid(x, y);
        gz = Math.max(1, z);
        return this;
    }

    Launch block(int x, int y) {
        bx = x;
        by = y;
        return this;
    }

    Launch arg(int v) {
        args.add(Pointer.to(new int[] {v}));
        return this;
    }

    Launch arg(long v) {
        args.add(Pointer.to(new long[] {v}));
        return this;
    }

    /** A double argument, whatever the dtype. */
    Launch real(double v) {
        args.add(Pointer.to(new double[] {v}));
        return this;
    }

    /** An argument of the element type. */
    Launch scalar(double v) {
        args.add(dtype == DType.F32 ? Pointer.to(new float[] {(float) v}) : Pointer.to(new double[] {v}));
        return this;
    }

    Launch ptr(Pointer p) {
        args.add(Pointer.to(p));
        return this;
    }

    Launch ptr(CudaTensor t) {
        return ptr(t.pointer());
    }

    /** A null pointer argument. */
    Launch none() {
        args.add(Pointer.to(new CUdeviceptr()));
        return this;
    }

    /** A structure passed by value, as its ints. */
    Launch struct(int[] fields) {
        args.add(Pointer.to(fields));
        return this;
    }

    void run() {
        cuLaunchKernel(lane.device.function(name, dtype), gx, gy, gz, bx, by, 1, 0, lane.stream,
                Pointer.to(args.toArray(new Pointer[0])), null);
    }
}
