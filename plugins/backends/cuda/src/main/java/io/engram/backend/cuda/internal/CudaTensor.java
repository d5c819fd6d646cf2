package io.engram.backend.cuda.internal;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;

import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * A tensor in device memory: a shape and dtype over a {@link DeviceBuffer}, dense and row-major.
 * Reading values back copies them to the host after the work queued on the buffer's stream.
 */
final class CudaTensor implements Tensor {
    private final Shape shape;
    private final DType dtype;
    private final DeviceBuffer buffer;

    CudaTensor(Shape shape, DType dtype, DeviceBuffer buffer) {
        this.shape = shape;
        this.dtype = dtype;
        this.buffer = buffer;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    DeviceBuffer buffer() {
        return buffer;
    }

    /** The device address of the first element. */
    CUdeviceptr pointer() {
        if (buffer.dead) {
            throw new IllegalStateException("tensor " + shape + " belongs to a closed workspace and was not kept");
        }
        return buffer.ptr;
    }

    long bytes() {
        return (long) shape.size() * dtype.bytes();
    }

    @Override
    public double[] toDoubleArray() {
        int n = shape.size();
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        if (dtype == DType.F64) {
            copyOut(Pointer.to(out), 8L * n);
        } else {
            float[] f = new float[n];
            copyOut(Pointer.to(f), 4L * n);
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        }
        return out;
    }

    @Override
    public float[] toFloatArray() {
        int n = shape.size();
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        if (dtype == DType.F32) {
            copyOut(Pointer.to(out), 4L * n);
        } else {
            double[] d = new double[n];
            copyOut(Pointer.to(d), 8L * n);
            for (int i = 0; i < n; i++) {
                out[i] = (float) d[i];
            }
        }
        return out;
    }

    /**
     * Copies to pageable host memory on the buffer's stream when that lane is still open (the call
     * returns once the copy is done, after the work queued before it), else after the device is idle.
     */
    private void copyOut(Pointer host, long bytes) {
        CUdeviceptr src = pointer();
        Lane lane = buffer.lane;
        lane.device.bind();
        if (!lane.released() && lane.owner == Thread.currentThread()) {
            cuMemcpyDtoHAsync(host, src, bytes, lane.stream);
            lane.sync();
        } else {
            if (!lane.released()) {
                lane.sync();
            }
            jcuda.driver.JCudaDriver.cuMemcpyDtoH(host, src, bytes);
        }
    }

    @Override
    public String toString() {
        return "CudaTensor" + shape + " " + dtype.name().toLowerCase(java.util.Locale.ROOT);
    }
}
