package io.engram.backend.memristor;

import io.engram.backend.memristor.internal.CrossbarOps;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * does not close it. {@link #ops()} is thread-safe. Every product programs its matrix into the
 * array afresh (new programming noise each time; nothing is cached between products).
 *
 * <p>Noise determinism holds for single-threaded use: the {@code n}-th product of a backend draws
 * its noise from {@code (seed, n)}, so one thread making the same calls in the same order on two
 * backends of one seed gets identical results. With several threads on one backend the order of
 * products, and so which thread gets which noise, depends on scheduling; give each thread its own
 * backend for reproducible results.
 *
 * <p>Energy and latency: each product's {@link CrossbarCost} goes to the listener given (on the
 * calling thread), into a running total of every thread, {@link #totals()}, which
 * {@link #resetTotals()} clears, and into a total of the calling thread, read with {@link #meter()}.
 * The kernel reads {@link #meter()} on a job's thread when the job starts, at the end of each epoch
 * and when it ends, and reports the differences as the job's {@code backend.*} metrics.
 */
public final class MemristorBackend implements Backend {
    private final DeviceModel device;
    private final Backend host;
    private final CrossbarOps ops;
    private final Availability availability;
    private final Object lock = new Object();
    private final ThreadLocal<CrossbarCost[]> perThread =
            ThreadLocal.withInitial(() -> new CrossbarCost[] {CrossbarCost.ZERO});
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
            CrossbarCost[] mine = perThread.get();
            mine[0] = mine[0].plus(cost);
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

    /**
     * The cost of every product the calling thread has computed on this backend, cumulative and never
     * reset ({@link #resetTotals()} and {@link #release()} leave it alone): {@code energy.joules}
     * (array plus converters), {@code energy.array.joules}, {@code energy.converter.joules},
     * {@code latency.seconds}, {@code crossbar.products}, {@code crossbar.reads} (read cycles),
     * {@code crossbar.macs} (multiply-accumulates, one per weight per read cycle) and
     * {@code converter.conversions} (DAC plus ADC).
     */
    @Override
    public Map<String, Double> meter() {
        return meter(perThread.get()[0]);
    }

    private static Map<String, Double> meter(CrossbarCost c) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("energy.joules", c.energyJoules());
        m.put("energy.array.joules", c.arrayEnergyJoules());
        m.put("energy.converter.joules", c.converterEnergyJoules());
        m.put("latency.seconds", c.latencySeconds());
        m.put("crossbar.products", (double) c.products());
        m.put("crossbar.reads", (double) c.reads());
        m.put("crossbar.macs", (double) (c.cellReads() / 2));
        m.put("converter.conversions", (double) c.conversions());
        return m;
    }

    /** Releases the calling thread's use of the host, which computed every op but the products. */
    @Override
    public void release() {
        host.release();
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
