package io.engram.backend.memristor;

import io.engram.backend.memristor.internal.CrossbarOps;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A simulated analogue in-memory-computing backend, id {@code memristor}: every matrix product runs
 * on a crossbar of differential conductance pairs with the device statistics of a
 * {@link DeviceModel} (see its javadoc for the cited PCM model); every other op runs on a digital
 * host backend (in the framework, the {@code engram.backend=cpu} service), whose tensors this
 * backend's tensors are.
 *
 * <p>Lifecycle: the constructor validates the model (an invalid one leaves the backend
 * unavailable, naming every bad field). The host is owned by whoever passed it in: {@link #close()}
 * does not close it. {@link #ops()} is thread-safe. Same seed, same calls in the same order: same
 * noise.
 *
 * <p>Energy and latency: each product's {@link CrossbarCost} goes to the listener given (on the
 * calling thread) and into a running total, {@link #totals()}, which {@link #resetTotals()} clears.
 * The kernel's job events have no field for it; a job that wants its own total reads
 * {@link #totals()} before and after (the total counts every job on this backend).
 */
public final class MemristorBackend implements Backend {
    private final DeviceModel device;
    private final Backend host;
    private final CrossbarOps ops;
    private final Availability availability;
    private final Object lock = new Object();
    private CrossbarCost totals = CrossbarCost.ZERO;

    /** A backend of {@code device} on {@code host} whose noise is drawn from {@code seed}. */
    public MemristorBackend(DeviceModel device, long seed, Backend host) {
        this(device, seed, host, cost -> { });
    }

    /**
     * A backend of {@code device} whose noise is drawn from {@code seed}; every op but the matrix
     * products runs on {@code host}, and each product's cost goes to {@code listener}.
     */
    public MemristorBackend(DeviceModel device, long seed, Backend host, Consumer<CrossbarCost> listener) {
        this.device = device;
        this.host = host;
        this.ops = new CrossbarOps(host.ops(), device, seed, cost -> {
            synchronized (lock) {
                totals = totals.plus(cost);
            }
            listener.accept(cost);
        });
        this.availability = device.validate("").fold(
                problems -> Availability.no("invalid device model: " + problems.mkString("; ")),
                valid -> host.availability());
    }

    /** The device model of the array. */
    public DeviceModel device() {
        return device;
    }

    /** Cost of every product since construction or the last {@link #resetTotals()}. */
    public CrossbarCost totals() {
        synchronized (lock) {
            return totals;
        }
    }

    /** Clears the running total and returns what it was. */
    public CrossbarCost resetTotals() {
        synchronized (lock) {
            CrossbarCost was = totals;
            totals = CrossbarCost.ZERO;
            return was;
        }
    }

    @Override
    public String id() {
        return "memristor";
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public Set<DType> dtypes() {
        return host.dtypes();
    }

    @Override
    public Ops ops() {
        return ops;
    }

    @Override
    public String toString() {
        return "memristor backend " + device;
    }
}
