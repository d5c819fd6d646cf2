package io.engram.api;

import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A loss over one time step, written against {@link Ops} so that it is differentiated like a cell.
 * Thread-safe and stateless.
 */
@ConsumerType
public interface Loss {

    /** Identifier used in specs: {@code mse}, {@code softmax-ce}. */
    String id();

    /**
     * The summed loss over the rows of one step whose {@code mask} is set, as a scalar tensor;
     * masked rows contribute exactly nothing. The trainer divides by the number of targets. Being a
     * sum over rows, it may also be given the rows of several steps stacked ({@code batch} is then
     * steps times sequences), as trainers do for runs of steps computed at once.
     *
     * @param output raw network output {@code [batch, out]}
     * @param target {@code [batch, out]}
     * @param mask   {@code [batch, 1]} of 0/1
     */
    Tensor loss(Ops ops, Tensor output, Tensor target, Tensor mask);
}
