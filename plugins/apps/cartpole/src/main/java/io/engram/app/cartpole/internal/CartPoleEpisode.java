package io.engram.app.cartpole.internal;

import io.engram.api.Episode;
import io.engram.api.Transition;

/**
 * One episode of a {@link CartPole}: the state and the steps taken so far. Not thread-safe; it
 * belongs to the thread that runs it.
 */
final class CartPoleEpisode implements Episode {
    private final CartPole pole;
    private double[] state;
    private int steps;
    private boolean done;

    CartPoleEpisode(CartPole pole, double[] start) {
        this.pole = pole;
        this.state = start.clone();
    }

    @Override
    public double[] observation() {
        return state.clone();
    }

    @Override
    public Transition step(double[] action) {
        if (done) {
            throw new IllegalStateException("the cart-pole episode has ended after " + steps + " steps");
        }
        if (action == null || action.length != 1) {
            throw new IllegalArgumentException("cart-pole action: expected 1 number (push right when above 0), got "
                    + (action == null ? "none" : action.length));
        }
        if (!Double.isFinite(action[0])) {
            throw new IllegalArgumentException("cart-pole action: number 0 is not finite (" + action[0] + ")");
        }
        state = CartPole.next(state, action[0] > 0 ? pole.force() : -pole.force());
        steps++;
        done = CartPole.fallen(state) || steps >= pole.maxSteps();
        return new Transition(state, 1.0, done);
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public double fitness() {
        return steps;
    }
}
