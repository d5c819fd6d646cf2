package io.engram.api;

import io.engram.api.internal.FlatParameters;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The capability {@link Capability#FLAT_PARAMETERS}: the trainable parameters of a network as one
 * flat vector of doubles, for global optimisers (evolution strategies, genetic algorithms, random
 * search) that see a model as a point in {@code R^size}.
 *
 * <p>Layout: the parameters of {@link #names()} one after the other, each row-major; it is fixed
 * when the view is made and stays the same for the life of the network (the same family and spec
 * give the same layout). Parameters outside the view (not {@linkplain Network#trainable() trainable})
 * are never read or written through it. Element {@code i} may have bounds {@code lower[i] <= v <=
 * upper[i]}; {@link #write} refuses values outside them.
 *
 * <p>Lifecycle: a view of one network, obtained from {@code network.capability(ParameterVector.class)}
 * or, for any network, from {@link #of(Network)}; {@link #read} sees the network's current parameters
 * and {@link #write} replaces them through {@link Network#setParameters}. Not thread-safe: it is used
 * like the network it views, by one thread at a time.
 */
@ConsumerType
public interface ParameterVector {

    /** The parameters in the vector, in its order: the network's trainable parameters. */
    List<String> names();

    /** The number of elements, the sum of the sizes of the parameters of {@link #names()}. */
    int size();

    /**
     * Copies the current values into {@code into}, widened to double.
     *
     * @throws IllegalArgumentException when {@code into} has not {@link #size()} elements
     */
    void read(double[] into);

    /**
     * Replaces the parameters of the vector with {@code values}, made into tensors of each
     * parameter's dtype and shape by {@code ops}; the network's other parameters stay as they are.
     *
     * @throws IllegalArgumentException when {@code values} has not {@link #size()} elements or a
     *                                  value lies outside its bounds (naming the element and its
     *                                  parameter); nothing is changed then
     */
    void write(Ops ops, double[] values);

    /**
     * The tensors that {@link #write} would put into the network for {@code values}, by name, without
     * changing the network: a candidate parameter set, as populations evaluate them
     * ({@code TrainingContext.populationLoss}, {@code populationFitness}).
     *
     * @throws IllegalArgumentException as {@link #write} does
     */
    Map<String, Tensor> tensors(Ops ops, double[] values);

    /** The current values as a new array. */
    default double[] values() {
        double[] v = new double[size()];
        read(v);
        return v;
    }

    /** Lower bounds of the elements, a new array of {@link #size()}; empty when unbounded. */
    default Optional<double[]> lower() {
        return Optional.empty();
    }

    /** Upper bounds of the elements, a new array of {@link #size()}; empty when unbounded. */
    default Optional<double[]> upper() {
        return Optional.empty();
    }

    /** The unbounded view of {@code network}'s trainable parameters; works for every network. */
    static ParameterVector of(Network network) {
        return FlatParameters.of(network, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * The view of {@code network}'s trainable parameters with every element bounded to
     * {@code [lower, upper]}.
     *
     * @throws IllegalArgumentException unless {@code lower <= upper}
     */
    static ParameterVector bounded(Network network, double lower, double upper) {
        return FlatParameters.of(network, lower, upper);
    }
}
