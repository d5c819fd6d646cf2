package io.engram.train;

import io.engram.api.Hyperparameters;
import io.engram.api.Optimizer;
import io.engram.train.internal.Adam;
import io.engram.train.internal.RmsProp;
import io.engram.train.internal.Sgd;
import java.util.List;

/**
 * First-order optimizers by id. Each call returns a new instance that owns its moment estimates;
 * one instance serves one job on one thread (see {@link Optimizer}).
 *
 * <ul>
 *   <li>{@code sgd}: stochastic gradient descent with heavy-ball momentum (Polyak 1964) or Nesterov
 *   momentum (Sutskever et al. 2013, eq. 3-4), in the form {@code v <- mu v + g},
 *   {@code p <- p - lr v}, or with Nesterov {@code p <- p - lr (g + mu v)}.</li>
 *   <li>{@code adam}: Kingma and Ba 2015, Algorithm 1, with bias-corrected moments.</li>
 *   <li>{@code rmsprop}: Tieleman and Hinton 2012, {@code s <- rho s + (1 - rho) g^2},
 *   {@code p <- p - lr g / (sqrt(s) + eps)}.</li>
 * </ul>
 */
public final class Optimizers {
    public static final String SGD = "sgd";
    public static final String ADAM = "adam";
    public static final String RMSPROP = "rmsprop";

    private Optimizers() {
    }

    /** The ids {@link #of(Hyperparameters)} accepts. */
    public static List<String> ids() {
        return List.of(SGD, ADAM, RMSPROP);
    }

    /**
     * The optimizer named by {@code optimizer} in {@code h}, configured from {@code momentum},
     * {@code nesterov}, {@code beta1}, {@code beta2}, {@code rho} and {@code epsilon}; a key that is
     * absent takes the default of {@link TrainingSchema#common()}.
     *
     * @throws IllegalArgumentException for an unknown id (schemas validate it as a choice first)
     */
    public static Optimizer of(Hyperparameters h) {
        String id = h.has("optimizer") ? h.getString("optimizer") : ADAM;
        double epsilon = h.has("epsilon") ? h.getDouble("epsilon") : 1e-8;
        switch (id) {
            case SGD:
                return sgd(h.has("momentum") ? h.getDouble("momentum") : 0.0,
                        h.has("nesterov") && h.getBoolean("nesterov"));
            case ADAM:
                return adam(h.has("beta1") ? h.getDouble("beta1") : 0.9,
                        h.has("beta2") ? h.getDouble("beta2") : 0.999, epsilon);
            case RMSPROP:
                return rmsprop(h.has("rho") ? h.getDouble("rho") : 0.9, epsilon);
            default:
                throw new IllegalArgumentException("unknown optimizer '" + id + "' (expected one of " + ids() + ")");
        }
    }

    /** SGD; {@code momentum = 0} is plain gradient descent. */
    public static Optimizer sgd(double momentum, boolean nesterov) {
        return new Sgd(momentum, nesterov);
    }

    public static Optimizer adam(double beta1, double beta2, double epsilon) {
        return new Adam(beta1, beta2, epsilon);
    }

    public static Optimizer rmsprop(double rho, double epsilon) {
        return new RmsProp(rho, epsilon);
    }
}
