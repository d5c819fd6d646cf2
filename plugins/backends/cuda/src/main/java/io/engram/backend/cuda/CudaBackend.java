package io.engram.backend.cuda;

import io.engram.backend.cuda.internal.CudaOps;
import io.engram.backend.cuda.internal.Device;
import io.engram.backend.cuda.internal.Gemms;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.util.Set;

/**
 * The op vocabulary on an NVIDIA GPU, in f32 and f64, with id {@code cuda}.
 *
 * <p>Tensors live in device memory and stay there across steps: only {@code fromArray} and reading
 * values back ({@code toDoubleArray}, {@code toFloatArray}, {@code item}) cross to the host.
 * Matrix products run through cuBLAS (JCublas2, which needs cuBLAS 12: {@code libcublas.so.12}) or,
 * where that library is missing, through Engram's own tiled GEMM kernel; {@link #gemm()} says
 * which. Every other op, including the fused LSTM and GRU steps, is a kernel of the PTX shipped in
 * this bundle, which the driver compiles for the device when the backend opens it.
 *
 * <p>Lifecycle: the constructor opens the device and never throws; without a driver, without a
 * device, or with a driver that cannot load the kernels, {@link #availability()} is false with
 * the reason and {@link #ops()} throws {@link IllegalStateException} with that reason. Each thread
 * that computes gets its own stream and memory pool (a job runs on one thread, so this is one
 * stream per job); {@link #release()} ends the calling thread's, which the kernel does when a job
 * ends. {@link #close()} unloads the kernels and releases the device context.
 *
 * <p>Memory: device blocks are pooled per thread by size and reused in stream order; a block
 * returns to the pool when the collector finds its tensors unreachable, or at once when a
 * {@link io.engram.tensor.Workspace} closes without keeping it. The Java heap does not see device
 * memory, so a thread runs the collector itself after every {@link #collectAfterBytes()} of
 * allocations.
 */
public final class CudaBackend implements Backend {
    private final Device device;
    private final CudaOps ops;
    private final String gemm;

    /** The backend on device 0. */
    public CudaBackend() {
        this(0);
    }

    /** The backend on device {@code ordinal}. */
    public CudaBackend(int ordinal) {
        this.device = Device.open(ordinal);
        if (device.availability().available()) {
            Gemms g = Gemms.choose();
            this.gemm = g.description();
            this.ops = new CudaOps(device, g);
        } else {
            this.gemm = "";
            this.ops = null;
        }
    }

    /** Name, compute capability, memory and driver of the device; empty when unavailable. */
    public String device() {
        return device.description();
    }

    /** One line naming what computes matrix products; empty when unavailable. */
    public String gemm() {
        return gemm;
    }

    /** Peak device bytes held by the calling thread's live tensors since its stream began. */
    public long peakDeviceBytes() {
        return ops == null ? 0 : ops.peakBytes();
    }

    /**
     * Bytes that a thread allocates between two runs of the collector, which finds the device
     * blocks of unreachable tensors: a sixteenth of the device's memory, between 256 MiB and 2 GiB.
     */
    public long collectAfterBytes() {
        ops();
        return ops.collectAfterBytes();
    }

    @Override
    public String id() {
        return "cuda";
    }

    @Override
    public Availability availability() {
        return device.availability();
    }

    @Override
    public Set<DType> dtypes() {
        return Set.of(DType.F32, DType.F64);
    }

    @Override
    public Ops ops() {
        if (ops == null) {
            throw new IllegalStateException("the cuda backend is not available here: "
                    + device.availability().reason());
        }
        return ops;
    }

    @Override
    public void release() {
        if (ops != null) {
            ops.release();
        }
    }

    @Override
    public void close() {
        device.close();
    }

    @Override
    public String toString() {
        return "CudaBackend[" + (device.availability().available() ? device.description() + "; " + gemm
                : "unavailable: " + device.availability().reason()) + "]";
    }
}
