package io.engram.app.robotcontrol.internal;

import io.engram.api.Episode;
import io.engram.api.Transition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One episode of a {@link PoleTask}: the plant from its start, the steps balanced so far and, for
 * the damping fitness, the last 100 states. Each step reads the action as a force
 * ({@link PoleTask.Action}), advances the plant 0.02 s and ends the episode when the plant fails or
 * {@code maxSteps} steps have passed. Reward 1 per balanced step, 0 for the step that fails;
 * fitness the steps balanced, or the damping fitness ({@link Damping}).
 *
 * <p>Beyond the {@link Transition} the API returns, a step allocates nothing. Not thread-safe; it
 * belongs to the thread that runs it.
 */
final class PoleEpisode implements Episode {
    private final PoleTask task;
    private final Plant plant;
    private final Damping damping;
    private final int maxSteps;
    private final double[] observed;
    private int steps;
    private double force;
    private int balanced;
    private boolean done;

    PoleEpisode(PoleTask task, double[] start, int maxSteps) {
        this.task = task;
        this.plant = new Plant(task.twoPoles());
        this.damping = task.damping() ? new Damping() : null;
        this.maxSteps = maxSteps;
        this.observed = new double[task.observationSize()];
        plant.reset(start);
        task.observe(plant.s, observed);
    }

    @Override
    public double[] observation() {
        return observed.clone();
    }

    @Override
    public Transition step(double[] action) {
        return new Transition(observed, advance(action) ? 1.0 : 0.0, done);
    }

    /**
     * The step without its {@link Transition}: whether it balanced.
     *
     * @throws IllegalStateException    after the end
     * @throws IllegalArgumentException for an action that is not one finite number; nothing changes
     */
    boolean advance(double[] action) {
        if (done) {
            throw new IllegalStateException("the pole-balancing episode has ended after " + steps + " steps");
        }
        if (action == null || action.length != 1) {
            throw new IllegalArgumentException("pole-balancing action: expected 1 number (the force, "
                    + task.action().name().toLowerCase(java.util.Locale.ROOT) + "), got "
                    + (action == null ? "none" : action.length));
        }
        if (!Double.isFinite(action[0])) {
            throw new IllegalArgumentException("pole-balancing action: number 0 is not finite (" + action[0] + ")");
        }
        force = task.action().force(action[0]);
        plant.act(force);
        steps++;
        boolean failed = task.failed(plant.s);
        if (!failed) {
            balanced++;
            if (damping != null) {
                damping.record(plant.s);
            }
        }
        done = failed || steps >= maxSteps;
        task.observe(plant.s, observed);
        return !failed;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public double fitness() {
        return damping == null ? balanced : damping.fitness(balanced);
    }

    /** Steps balanced so far. */
    int balanced() {
        return balanced;
    }

    /** The plant's state in SI units, angles in degrees, by name, for a replay's trajectory. */
    @Override
    public Map<String, Double> trace() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("x.m", plant.s[0]);
        out.put("force.n", force);
        out.put("x.per.s", plant.s[1]);
        out.put("theta1.degrees", Math.toDegrees(plant.s[2]));
        out.put("theta1.degrees.per.s", Math.toDegrees(plant.s[3]));
        if (task.twoPoles()) {
            out.put("theta2.degrees", Math.toDegrees(plant.s[4]));
            out.put("theta2.degrees.per.s", Math.toDegrees(plant.s[5]));
        }
        return out;
    }

    /** A copy of the plant's state {@code [x, x', theta_1, theta_1', theta_2, theta_2']}. */
    double[] state() {
        return plant.s.clone();
    }
}
