package io.engram.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The capability {@link Capability#DIFFERENTIABLE}: the network's {@link Network#step} and
 * {@link Network#steps} are differentiable in its {@linkplain Network#trainable() trainable}
 * parameters. They use only ops with a reverse and a forward rule and read the parameters only from
 * the map they are passed, so a trainer may record them on a tape (BPTT) or run them on
 * tangent-carrying ops (RTRL) and gets the exact gradient of the loss with respect to every
 * trainable parameter; a step that goes through a threshold counts only if it uses a surrogate
 * gradient.
 *
 * <p>A marker: a network offers it by implementing it, and then {@code capability(Differentiable.class)}
 * returns the network itself. Lifecycle and thread-safety are the network's.
 */
@ConsumerType
public interface Differentiable {
}
