package io.engram.backend.cpu.internal;

import io.engram.tensor.Tensor;
import io.engram.tensor.Workspace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One thread's workspaces over one backend: the stack of open {@link Region}s and the arrays freed
 * by closed ones, pooled by exact length (recurrent loops repeat the same shapes) up to
 * {@link #MAX_POOLED_BYTES}. Only the owning thread touches an arena; the arrays it hands out may
 * still be written by the backend's pool threads during an op, which finishes before the op
 * returns.
 */
final class Arena {
    /**
     * Bytes of freed arrays kept for reuse per thread, an eighth of the heap's limit and at most
     * 512 MiB (a training step's tape over a 256-unit layer and 100 steps of 32 sequences fits);
     * beyond this they are left to the collector.
     */
    static final long MAX_POOLED_BYTES = Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 8);

    private final Thread owner = Thread.currentThread();
    private final ArrayDeque<Region> open = new ArrayDeque<>();
    private final Map<Integer, ArrayDeque<double[]>> pool64 = new HashMap<>();
    private final Map<Integer, ArrayDeque<float[]>> pool32 = new HashMap<>();
    private long pooledBytes;
    private long reused;

    Region top() {
        return open.peek();
    }

    Region open() {
        Region r = new Region(this, open.peek());
        open.push(r);
        return r;
    }

    /** A zeroed array of {@code n} doubles, from the pool when one is free. */
    double[] doubles(int n) {
        return doubles(n, true);
    }

    /** An array of {@code n} doubles from the pool when one is free, zeroed if {@code zeroed} (else as it was left). */
    double[] doubles(int n, boolean zeroed) {
        ArrayDeque<double[]> q = pool64.get(n);
        double[] a = q == null ? null : q.poll();
        if (a == null) {
            return new double[n];
        }
        pooledBytes -= 8L * n;
        reused++;
        if (zeroed) {
            java.util.Arrays.fill(a, 0.0);
        }
        return a;
    }

    /** A zeroed array of {@code n} floats, from the pool when one is free. */
    float[] floats(int n) {
        return floats(n, true);
    }

    /** An array of {@code n} floats from the pool when one is free, zeroed if {@code zeroed} (else as it was left). */
    float[] floats(int n, boolean zeroed) {
        ArrayDeque<float[]> q = pool32.get(n);
        float[] a = q == null ? null : q.poll();
        if (a == null) {
            return new float[n];
        }
        pooledBytes -= 4L * n;
        reused++;
        if (zeroed) {
            java.util.Arrays.fill(a, 0.0f);
        }
        return a;
    }

    private void release(Object array) {
        if (array instanceof double[]) {
            double[] a = (double[]) array;
            if (a.length > 0 && pooledBytes + 8L * a.length <= MAX_POOLED_BYTES) {
                pool64.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
                pooledBytes += 8L * a.length;
            }
        } else {
            float[] a = (float[]) array;
            if (a.length > 0 && pooledBytes + 4L * a.length <= MAX_POOLED_BYTES) {
                pool32.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
                pooledBytes += 4L * a.length;
            }
        }
    }

    /** How many allocations were served from the pool so far. */
    long reused() {
        return reused;
    }

    /** One open-to-close span; owns the arrays allocated in it until it closes. */
    static final class Region implements Workspace {
        private final Arena arena;
        final Region parent;
        private final List<Object> arrays = new ArrayList<>();
        private final Set<Object> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean closed;

        Region(Arena arena, Region parent) {
            this.arena = arena;
            this.parent = parent;
        }

        void adopt(Object array) {
            arrays.add(array);
        }

        boolean closed() {
            return closed;
        }

        boolean keeps(Object array) {
            return kept.contains(array);
        }

        @Override
        public Tensor keep(Tensor t) {
            if (closed) {
                throw new IllegalStateException("keep() on a closed workspace");
            }
            if (t instanceof CpuTensor) {
                CpuTensor c = (CpuTensor) t;
                c.checkLive();
                kept.add(c.array());
            }
            return t;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != arena.owner) {
                throw new IllegalStateException("a workspace must be closed on the thread that opened it");
            }
            if (arena.open.peek() != this) {
                throw new IllegalStateException("workspaces must close in reverse order of opening");
            }
            arena.open.pop();
            closed = true;
            for (Object array : arrays) {
                if (kept.contains(array)) {
                    if (parent != null) {
                        parent.adopt(array);
                    }
                } else {
                    arena.release(array);
                }
            }
            arrays.clear();
        }
    }
}
