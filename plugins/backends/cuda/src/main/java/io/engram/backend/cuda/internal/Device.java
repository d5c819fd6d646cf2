package io.engram.backend.cuda.internal;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceComputeCapability;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import io.engram.tensor.Availability;
import io.engram.tensor.DType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * One CUDA device opened through the driver API: its primary context and the module of Engram's
 * kernels (the shipped PTX, which the driver compiles for the device when the module loads).
 *
 * <p>Lifecycle: {@link #open} probes the driver and the device and never throws: without a driver
 * (the JNI library cannot load {@code libcuda.so.1}: an {@link UnsatisfiedLinkError}), without a
 * device, with a driver too old for the PTX, or on any other failure it returns a device whose
 * {@link #availability()} says why. {@link #bind()} makes the context current on the calling thread
 * (every thread that calls the driver does so once). {@link #close()} unloads the module and
 * releases the primary context.
 */
public final class Device implements AutoCloseable {
    private static final String PTX = "kernels.ptx";

    private final Availability availability;
    private final String description;
    private final CUcontext context;
    private final CUdevice device;
    private final CUmodule module;
    private final long totalBytes;
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> bound = ThreadLocal.withInitial(() -> false);
    /** Released lanes whose buffers were still referenced; their blocks are freed as those die. */
    final java.util.Set<Lane> retired = ConcurrentHashMap.newKeySet();

    private Device(Availability availability, String description, CUdevice device, CUcontext context,
            CUmodule module, long totalBytes) {
        this.totalBytes = totalBytes;
        this.availability = availability;
        this.description = description;
        this.device = device;
        this.context = context;
        this.module = module;
    }

    /** Opens device {@code ordinal}, or describes why it cannot be used. Never throws. */
    public static Device open(int ordinal) {
        if (LoadProblem.MESSAGE != null) {
            return unavailable(LoadProblem.MESSAGE);
        }
        try {
            int init = initResult();
            if (init != CUresult.CUDA_SUCCESS) {
                return unavailable(reasonFor(init));
            }
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] == 0) {
                return unavailable("no CUDA device: the driver reports none");
            }
            if (ordinal < 0 || ordinal >= count[0]) {
                return unavailable("device: no CUDA device " + ordinal + " (the driver reports " + count[0] + ")");
            }
            CUdevice dev = new CUdevice();
            cuDeviceGet(dev, ordinal);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, dev);
            int[] major = new int[1];
            int[] minor = new int[1];
            cuDeviceComputeCapability(major, minor, dev);
            long[] total = new long[1];
            cuDeviceTotalMem(total, dev);
            int[] driver = new int[1];
            cuDriverGetVersion(driver);
            String desc = cString(name) + " (compute capability " + major[0] + "." + minor[0] + ", "
                    + (total[0] >> 20) + " MiB, driver CUDA " + driver[0] / 1000 + "." + (driver[0] % 1000) / 10 + ")";
            CUcontext ctx = new CUcontext();
            cuDevicePrimaryCtxRetain(ctx, dev);
            cuCtxSetCurrent(ctx);
            CUmodule mod = new CUmodule();
            try {
                cuModuleLoadData(mod, ptx());
            } catch (CudaException e) {
                cuDevicePrimaryCtxRelease(dev);
                return unavailable("the driver cannot load Engram's kernels on " + desc + ": " + e.getMessage()
                        + " (the PTX needs a driver of CUDA 11.5 or later)");
            }
            Device d = new Device(Availability.yes(), desc, dev, ctx, mod, total[0]);
            d.bound.set(true);
            return d;
        } catch (CudaException e) {
            return unavailable("CUDA: " + e.getMessage());
        } catch (LinkageError e) {
            return unavailable("no CUDA driver: " + firstLine(e));
        } catch (RuntimeException e) {
            return unavailable("CUDA: " + e);
        }
    }

    /** Why JCuda's driver library cannot load, found once (a failed class initialisation is final). */
    private static final class LoadProblem {
        static final String MESSAGE = probe();

        private static String probe() {
            try {
                JCudaDriver.setExceptionsEnabled(true);
                return null;
            } catch (LinkageError e) {
                return "no CUDA driver: " + missingLibrary(e);
            }
        }
    }

    /** The library that the dynamic linker could not find, from JCuda's long loading report. */
    static String missingLibrary(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object file[^\\n]*").matcher(all);
        if (m.find()) {
            return m.group(1) + " not found (" + m.group(0).trim() + ")";
        }
        return "cannot load (" + firstLine(e) + ")";
    }

    /** cuInit's result without letting the exception mode turn it into an exception. */
    private static int initResult() {
        try {
            return cuInit(0);
        } catch (CudaException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            for (int code : new int[] {CUresult.CUDA_ERROR_NO_DEVICE, CUresult.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH,
                CUresult.CUDA_ERROR_NOT_INITIALIZED, CUresult.CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE}) {
                if (m.contains(CUresult.stringFor(code))) {
                    return code;
                }
            }
            throw e;
        }
    }

    private static String reasonFor(int code) {
        switch (code) {
            case CUresult.CUDA_ERROR_NO_DEVICE:
                return "no CUDA device: cuInit reports CUDA_ERROR_NO_DEVICE";
            case CUresult.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH:
            case CUresult.CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE:
                return "insufficient driver: the NVIDIA kernel driver does not match the CUDA driver library ("
                        + CUresult.stringFor(code) + ")";
            default:
                return "CUDA: cuInit failed with " + CUresult.stringFor(code);
        }
    }

    private static Device unavailable(String reason) {
        return new Device(Availability.no(reason), "", null, null, null, 0);
    }

    private static byte[] ptx() {
        try (InputStream in = Device.class.getResourceAsStream(PTX)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks its kernels (" + PTX + ")");
            }
            byte[] text = in.readAllBytes();
            byte[] zeroTerminated = java.util.Arrays.copyOf(text, text.length + 1);
            return zeroTerminated;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PTX + ": " + e.getMessage(), e);
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    public Availability availability() {
        return availability;
    }

    /** Name, compute capability, memory and driver version; empty when unavailable. */
    public String description() {
        return description;
    }

    /** The device's memory in bytes; 0 when unavailable. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Makes the context current on the calling thread (once per thread). */
    void bind() {
        if (!bound.get()) {
            cuCtxSetCurrent(context);
            bound.set(true);
        }
    }

    /** The kernel {@code name} for {@code dtype} ({@code name_f32} or {@code name_f64}). */
    CUfunction function(String name, DType dtype) {
        String full = name + (dtype == DType.F32 ? "_f32" : "_f64");
        return functions.computeIfAbsent(full, n -> {
            CUfunction f = new CUfunction();
            cuModuleGetFunction(f, module, n);
            return f;
        });
    }

    @Override
    public void close() {
        if (module == null) {
            return;
        }
        retired.clear();
        try {
            cuCtxSetCurrent(context);
            cuModuleUnload(module);
            cuDevicePrimaryCtxRelease(device);
        } catch (CudaException | LinkageError e) {
            // the context is gone with the process anyway
        }
    }
}
