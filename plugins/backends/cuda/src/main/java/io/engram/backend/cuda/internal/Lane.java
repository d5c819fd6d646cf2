package io.engram.backend.cuda.internal;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jcuda.CudaException;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;

/**
 * One thread's use of the device: its stream, on which every op of the thread runs in order, its
 * cuBLAS handle, and its pool of device memory.
 *
 * <p>Memory: blocks are pooled by size (rounded up to 256 bytes; a recurrent loop repeats the same
 * sizes). A buffer's block returns to the pool when the collector finds the buffer unreachable
 * (tracked with phantom references, drained on this thread at each allocation, so a block is only
 * reused on the stream that last used it, in stream order) or at once when a workspace closes
 * without keeping it. When an allocation fails the lane frees its pooled blocks, asks the collector
 * to find dead buffers, and tries once more before it reports the device out of memory.
 *
 * <p>Lifecycle: made on first use by a thread, {@link #release()}d when the thread's job ends:
 * the stream is drained and destroyed and the pooled blocks are freed. Blocks of buffers still
 * referenced then are freed when they become unreachable, by whichever lane of the same device
 * allocates next; closing the device drops them with its context.
 */
final class Lane {
    final Device device;
    final CUstream stream = new CUstream();
    final Thread owner = Thread.currentThread();
    private final Blas blas;
    private final ReferenceQueue<DeviceBuffer> dead = new ReferenceQueue<>();
    private final Map<CUdeviceptr, Block> live = new IdentityHashMap<>();
    private final Map<Long, ArrayDeque<CUdeviceptr>> pool = new HashMap<>();
    private final ArrayDeque<Region> regions = new ArrayDeque<>();
    /**
     * Bytes allocated (fresh or from the pool) after which the lane asks the collector to find dead
     * tensors: the Java heap does not see device memory, so without this a loop could fill the
     * device long before a collection runs. A sixteenth of the device's memory, between 256 MiB
     * and 2 GiB; the memory held by dead but uncollected tensors stays below it.
     */
    final long collectAfterBytes;
    /** How long {@link #collect()} waits for one more dead buffer before it stops waiting. */
    private static final long REFERENCE_WAIT_MS = 5;

    private long liveBytes;
    private long allocatedSinceCollect;
    private long peakBytes;
    private volatile boolean released;

    /** The reference that outlives a buffer and carries its block back. */
    private static final class Block extends PhantomReference<DeviceBuffer> {
        final CUdeviceptr ptr;
        final long bytes;
        final java.util.concurrent.atomic.AtomicBoolean shared;

        Block(DeviceBuffer buffer, ReferenceQueue<DeviceBuffer> q) {
            super(buffer, q);
            this.ptr = buffer.ptr;
            this.bytes = buffer.bytes;
            this.shared = buffer.shared;
        }
    }

    Lane(Device device, Blas.Factory blasFactory) {
        this.device = device;
        this.collectAfterBytes = Math.max(256L << 20, Math.min(2L << 30, device.totalBytes() / 16));
        device.bind();
        cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING);
        this.blas = blasFactory.create(this);
    }

    Blas blas() {
        return blas;
    }

    boolean released() {
        return released;
    }

    /** A buffer of at least {@code bytes} (uninitialised), owned by this lane. */
    DeviceBuffer allocate(long bytes) {
        drain();
        long size = Math.max(256, (bytes + 255) & ~255L);
        allocatedSinceCollect += size;
        if (allocatedSinceCollect > collectAfterBytes) {
            allocatedSinceCollect = 0;
            collect();
        }
        ArrayDeque<CUdeviceptr> q = pool.get(size);
        CUdeviceptr ptr = q == null ? null : q.poll();
        if (ptr == null) {
            ptr = fresh(size);
        }
        DeviceBuffer b = new DeviceBuffer(ptr, size, this);
        live.put(ptr, new Block(b, dead));
        liveBytes += size;
        peakBytes = Math.max(peakBytes, liveBytes);
        Region r = regions.peek();
        if (r != null) {
            r.made.add(b);
        }
        return b;
    }

    private CUdeviceptr fresh(long size) {
        CUdeviceptr ptr = new CUdeviceptr();
        try {
            cuMemAlloc(ptr, size);
            return ptr;
        } catch (CudaException e) {
            if (!String.valueOf(e.getMessage()).contains(CUresult.stringFor(CUresult.CUDA_ERROR_OUT_OF_MEMORY))) {
                throw e;
            }
        }
        trim();
        collect();
        trim();
        try {
            cuMemAlloc(ptr, size);
            return ptr;
        } catch (CudaException e) {
            throw new IllegalStateException("cuda: out of device memory allocating " + size + " bytes ("
                    + liveBytes + " bytes held by live tensors of this job)", e);
        }
    }

    /**
     * Runs the collector and returns the blocks of the buffers it found unreachable to the pool,
     * waiting until their references stop arriving (the collector hands them over on its own
     * thread, shortly after it finishes).
     */
    private void collect() {
        System.gc();
        try {
            Reference<? extends DeviceBuffer> r;
            while ((r = dead.remove(REFERENCE_WAIT_MS)) != null) {
                recycle(claim(r));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    /** Returns the blocks of buffers that the collector found unreachable to the pool. */
    void drain() {
        Reference<? extends DeviceBuffer> r;
        while ((r = dead.poll()) != null) {
            recycle(claim(r));
        }
        for (Lane old : device.retired) {
            if (old != this) {
                old.freeDead();
            }
        }
    }

    private synchronized void freeDead() {
        Reference<? extends DeviceBuffer> r;
        while ((r = dead.poll()) != null) {
            Block b = claim(r);
            if (b != null) {
                cuMemFree(b.ptr);
            }
        }
        if (live.isEmpty()) {
            device.retired.remove(this);
        }
    }

    /** The block of a dead buffer's reference, taken out of the live ones; null when it was taken already. */
    private Block claim(Reference<? extends DeviceBuffer> r) {
        Block b = (Block) r;
        if (live.get(b.ptr) != b) {
            return null;
        }
        live.remove(b.ptr);
        return b;
    }

    /** Returns a claimed block to the pool (freed instead when shared or when the lane is released). */
    private void recycle(Block b) {
        if (b == null) {
            return;
        }
        liveBytes -= b.bytes;
        if (b.shared.get() || released) {
            cuMemFree(b.ptr);
            return;
        }
        pool.computeIfAbsent(b.bytes, k -> new ArrayDeque<>()).push(b.ptr);
    }

    /** Frees every pooled block. */
    private void trim() {
        for (ArrayDeque<CUdeviceptr> q : pool.values()) {
            for (CUdeviceptr p : q) {
                cuMemFree(p);
            }
        }
        pool.clear();
    }

    /** Waits for everything queued on the stream. */
    void sync() {
        cuStreamSynchronize(stream);
    }

    long peakBytes() {
        return peakBytes;
    }

    // ---- workspaces ---------------------------------------------------------------------

    /** An open workspace: the buffers made while it is the innermost one. */
    final class Region implements io.engram.tensor.Workspace {
        final List<DeviceBuffer> made = new ArrayList<>();
        private final Map<DeviceBuffer, Boolean> kept = new IdentityHashMap<>();
        private boolean closed;

        @Override
        public io.engram.tensor.Tensor keep(io.engram.tensor.Tensor t) {
            if (t instanceof CudaTensor) {
                kept.put(((CudaTensor) t).buffer(), Boolean.TRUE);
            }
            return t;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (regions.peek() != this) {
                throw new IllegalStateException("workspaces close in reverse order of opening, on their thread");
            }
            closed = true;
            regions.pop();
            Region parent = regions.peek();
            for (DeviceBuffer b : made) {
                if (kept.containsKey(b)) {
                    if (parent != null) {
                        parent.made.add(b);
                    }
                    continue;
                }
                b.dead = true;
                Block k = live.remove(b.ptr);
                if (k != null) {
                    k.clear();
                    recycle(k);
                }
            }
        }
    }

    Region openRegion() {
        Region r = new Region();
        regions.push(r);
        return r;
    }

    // ---- end of the thread's job -------------------------------------------------------

    /** Drains and destroys the stream and frees the pool; live buffers are freed when they die. */
    synchronized void release() {
        if (released) {
            return;
        }
        try {
            sync();
            drain();
            trim();
            blas.close();
            cuStreamDestroy(stream);
        } finally {
            released = true;
            if (!live.isEmpty()) {
                device.retired.add(this);
            }
        }
    }
}
