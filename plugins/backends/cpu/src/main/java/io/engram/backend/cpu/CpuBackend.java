package io.engram.backend.cpu;

import io.engram.backend.cpu.internal.BlasLibrary;
import io.engram.backend.cpu.internal.BlasSelection;
import io.engram.backend.cpu.internal.CpuOps;
import io.engram.backend.cpu.internal.Parallel;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The op vocabulary on the CPU, in f32 and f64, with id {@code cpu}.
 *
 * <p>Lifecycle: the constructor starts one thread pool for {@code threads} threads (the calling
 * thread and {@code threads - 1} workers that help it), which every matrix product and large
 * elementwise op of this backend shares; {@link #close()} shuts it down (ops called afterwards
 * still work, on the calling thread). {@link #ops()} returns one thread-safe {@link Ops}: many
 * threads may run independent computations on it at once. Results do not depend on the thread
 * count: each output element of a product is summed in the same order whatever the split.
 *
 * <p>Matrix products: see {@link Blas}; {@link #describe()} names the library in use, and a
 * native library that a short calibration finds much slower than the Java GEMM is named in a
 * warning when the backend is made. With the native BLAS, when OpenBLAS runs each call on one
 * thread ({@code OPENBLAS_NUM_THREADS=1}, which {@code bin/engram} sets unless it is set already),
 * a large product is cut into blocks of output columns (or rows) that the pool's threads compute;
 * otherwise OpenBLAS runs it on its own threads (one per core unless {@code OPENBLAS_NUM_THREADS}
 * says otherwise) while this backend's pool waits. Either way the two never compete for cores.
 * Native results agree with the Java GEMM to rounding (a different summation order), not bitwise;
 * the Java path stays bitwise equal to the textbook loop.
 *
 * <p>Memory: every op returns a tensor with its own heap array (a reshape shares its input's array,
 * which is never written again). Three levels of reuse keep allocation per time step low:
 * <ul>
 *   <li>matrix products pack operand panels into per-thread scratch, allocated once per thread;
 *   <li>fused steps ({@code lstmStep}, {@code gruStep}, {@code elmanStep}, their training variants
 *       with gates and adjoints, {@code inputProjection}) put their intermediate products in
 *       per-thread scratch that grows to the largest step seen, so an LSTM step allocates only
 *       {@code h'} and {@code c'} and a GRU step only {@code h'}; the recurrences over a whole
 *       sequence ({@code lstmSteps}, {@code gruSteps}, {@code elmanSteps} and theirs) allocate their
 *       stacked outputs once and nothing per step;
 *   <li>inside a {@link io.engram.tensor.Workspace} ({@code ops().workspace()}), output arrays come
 *       from a per-thread pool of arrays freed by earlier closed workspaces (matched by exact length,
 *       up to 128 MiB per thread), so a loop that opens one workspace per step and keeps only its
 *       carried state allocates nothing after the first step. A tensor of a closed workspace that
 *       was not kept throws on any use instead of reading reused memory.
 * </ul>
 */
public final class CpuBackend implements Backend {
    private static final System.Logger LOG = System.getLogger(CpuBackend.class.getName());

    private final Parallel parallel;
    private final CpuOps ops;
    private final Blas blas;
    private final Availability availability;
    private final BlasLibrary library;

    /**
     * A backend with a pool of {@code threads} workers ({@code threads <= 0} means all cores) and
     * matrix products chosen by {@link Blas#AUTO}.
     */
    public CpuBackend(int threads) {
        this(threads, Blas.AUTO);
    }

    /**
     * A backend with a pool of {@code threads} workers ({@code threads <= 0} means all cores) whose
     * matrix products run where {@code blas} says. Logs one line naming the implementation.
     */
    public CpuBackend(int threads, Blas blas) {
        this.parallel = new Parallel(threads);
        this.blas = blas;
        BlasSelection selection = BlasSelection.choose(blas, parallel.threads());
        this.ops = new CpuOps(parallel, selection.nativeF32(), selection.f64NativeFrom());
        this.availability = selection.availability();
        this.library = selection.nativeF32() ? selection.library() : BlasLibrary.java(parallel.threads());
        if (!selection.warning().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, selection.warning());
        }
        LOG.log(System.Logger.Level.DEBUG, "Engram CPU backend, blas=" + blas.label() + ", " + threads() + " threads: "
                + gemm() + (availability.available() ? "" : " (" + availability.reason() + ")"));
    }

    /**
     * What computes this backend's products, for people and provenance: {@code blas.library} (one
     * line, such as {@code OpenBLAS 0.3.31 (bundled, org.bytedeco:openblas 0.3.31-1.5.13)}),
     * {@code blas.name}, {@code blas.version}, {@code blas.source} ({@code bundled}, {@code system}
     * or {@code java}), {@code blas.file} (the shared library, when native), {@code blas.threads}
     * (threads per product of the library), {@code blas.setting} (the {@link Blas} choice) and
     * {@code threads} (the pool). The library is that of the f32 products; under {@code auto} only large f64
     * products run on it, all of them when the setting names a native library ({@link Blas}).
     */
    @Override
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>(library.describe());
        m.put("blas.setting", blas.label());
        m.put("threads", Integer.toString(threads()));
        return Collections.unmodifiableMap(m);
    }

    /** The {@link Blas} choice this backend was made with. */
    public Blas blas() {
        return blas;
    }

    /** One line naming the implementation that computes each dtype's matrix products. */
    public String gemm() {
        return ops.gemmDescription();
    }

    /** The number of worker threads in the pool. */
    public int threads() {
        return parallel.threads();
    }

    @Override
    public String id() {
        return "cpu";
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public Set<DType> dtypes() {
        return Set.of(DType.F32, DType.F64);
    }

    @Override
    public Ops ops() {
        return ops;
    }

    @Override
    public void close() {
        parallel.close();
    }

    @Override
    public String toString() {
        return "CpuBackend[threads=" + threads() + "]";
    }
}
