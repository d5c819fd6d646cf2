package io.engram.backend.cuda.internal;

import jcuda.driver.CUdeviceptr;

/**
 * A block of device memory that one or more tensors view (a reshape shares its input's buffer).
 * The buffer belongs to the {@link Lane} that allocated it; when no tensor references it any more,
 * or when the workspace it was made in closes, its block goes back to that lane's pool.
 */
final class DeviceBuffer {
    final CUdeviceptr ptr;
    final long bytes;
    final Lane lane;
    /** Set when a workspace closed without keeping the buffer: its block may hold other data now. */
    volatile boolean dead;
    /** Set when another lane's stream read the buffer: its block is then freed, not pooled. */
    final java.util.concurrent.atomic.AtomicBoolean shared = new java.util.concurrent.atomic.AtomicBoolean();

    DeviceBuffer(CUdeviceptr ptr, long bytes, Lane lane) {
        this.ptr = ptr;
        this.bytes = bytes;
        this.lane = lane;
    }
}
