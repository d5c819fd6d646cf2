package io.engram.train;

import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test backend over another: its meter counts, per thread, the calls of {@link #ops()}, and it
 * records which threads released it.
 */
final class MeteredBackend implements Backend {
    private final Backend inner;
    private final ThreadLocal<double[]> calls = ThreadLocal.withInitial(() -> new double[1]);
    final Set<Thread> released = ConcurrentHashMap.newKeySet();

    MeteredBackend(Backend inner) {
        this.inner = inner;
    }

    @Override
    public String id() {
        return "metered";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Set<DType> dtypes() {
        return inner.dtypes();
    }

    @Override
    public Ops ops() {
        calls.get()[0]++;
        return inner.ops();
    }

    @Override
    public Map<String, Double> meter() {
        return Map.of("ops.calls", calls.get()[0]);
    }

    @Override
    public void release() {
        released.add(Thread.currentThread());
    }
}
