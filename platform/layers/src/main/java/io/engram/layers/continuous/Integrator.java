package io.engram.layers.continuous;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed-step integrators of {@code dy/dt = f(y)}, each step built from plain {@link Ops}, so that
 * reverse mode differentiates through the integrator (the gradient of the discrete map, which is
 * what the network computes) and forward mode carries tangents through it.
 *
 * <ul>
 *   <li>{@link #EULER}: {@code y' = y + h f(y)}; local error {@code O(h^2)}, global {@code O(h)}.</li>
 *   <li>{@link #RK4}: the classical fourth-order Runge-Kutta method,
 *   {@code k1 = f(y)}, {@code k2 = f(y + h/2 k1)}, {@code k3 = f(y + h/2 k2)}, {@code k4 = f(y + h k3)},
 *   {@code y' = y + h/6 (k1 + 2 k2 + 2 k3 + k4)}; global error {@code O(h^4)}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public enum Integrator {
    EULER("euler") {
        @Override
        public Tensor step(Ops ops, VectorField f, Tensor y, double h) {
            return ops.add(y, ops.scale(f.derivative(y), h));
        }
    },
    RK4("rk4") {
        @Override
        public Tensor step(Ops ops, VectorField f, Tensor y, double h) {
            Tensor k1 = f.derivative(y);
            Tensor k2 = f.derivative(ops.add(y, ops.scale(k1, h / 2)));
            Tensor k3 = f.derivative(ops.add(y, ops.scale(k2, h / 2)));
            Tensor k4 = f.derivative(ops.add(y, ops.scale(k3, h)));
            Tensor sum = ops.add(ops.add(k1, k4), ops.scale(ops.add(k2, k3), 2));
            return ops.add(y, ops.scale(sum, h / 6));
        }
    };

    /** The names of the integrators, as a schema offers them. */
    public static final List<String> NAMES = Arrays.stream(values()).map(Integrator::id).toList();

    private final String id;

    Integrator(String id) {
        this.id = id;
    }

    /** The name used in hyperparameters: {@code euler} or {@code rk4}. */
    public String id() {
        return id;
    }

    /** One step of size {@code h} from {@code y}. */
    public abstract Tensor step(Ops ops, VectorField f, Tensor y, double h);

    /** {@code substeps} steps of size {@code h} from {@code y}: the state after time {@code substeps * h}. */
    public Tensor advance(Ops ops, VectorField f, Tensor y, double h, int substeps) {
        Tensor s = y;
        for (int i = 0; i < substeps; i++) {
            s = step(ops, f, s, h);
        }
        return s;
    }

    /**
     * The integrator called {@code id}.
     *
     * @throws IllegalArgumentException for an unknown name (a schema lets none through)
     */
    public static Integrator of(String id) {
        for (Integrator i : values()) {
            if (i.id.equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown integrator '" + id + "' (known: " + String.join(", ", NAMES) + ")");
    }
}
