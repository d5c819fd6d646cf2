package io.engram.family.indrnn.internal;

import io.engram.api.Network;
import io.engram.api.ParameterVector;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ParameterVector} of an IndRNN network: the unbounded view of its trainable parameters
 * with the bounds of its {@link RecurrentConstraint} on the elements of every recurrent weight
 * vector {@code layer<l>.u}; the others are unbounded. A write outside
 * the bounds is refused, naming the element and its parameter, and changes nothing. Not
 * thread-safe, like the network it views.
 */
final class BoundedParameters implements ParameterVector {
    private final ParameterVector plain;
    private final double[] lower;
    private final double[] upper;
    private final String[] owner;

    BoundedParameters(Network network, ParameterVector plain, Map<String, RecurrentConstraint> constraints) {
        this.plain = plain;
        this.lower = new double[plain.size()];
        this.upper = new double[plain.size()];
        this.owner = new String[plain.size()];
        Map<String, Tensor> params = network.parameters();
        int offset = 0;
        for (String name : plain.names()) {
            int n = params.get(name).shape().size();
            RecurrentConstraint c = constraints.get(name);
            Arrays.fill(lower, offset, offset + n, c == null ? Double.NEGATIVE_INFINITY : c.lower());
            Arrays.fill(upper, offset, offset + n, c == null ? Double.POSITIVE_INFINITY : c.upper());
            Arrays.fill(owner, offset, offset + n, name);
            offset += n;
        }
    }

    @Override
    public List<String> names() {
        return plain.names();
    }

    @Override
    public int size() {
        return plain.size();
    }

    @Override
    public void read(double[] into) {
        plain.read(into);
    }

    @Override
    public void write(Ops ops, double[] values) {
        check(values);
        plain.write(ops, values);
    }

    @Override
    public Map<String, Tensor> tensors(Ops ops, double[] values) {
        check(values);
        return plain.tensors(ops, values);
    }

    @Override
    public Optional<double[]> lower() {
        return Optional.of(lower.clone());
    }

    @Override
    public Optional<double[]> upper() {
        return Optional.of(upper.clone());
    }

    private void check(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException("parameter vector of " + size() + " elements expected, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!(lower[i] <= values[i] && values[i] <= upper[i])) {
                throw new IllegalArgumentException("element " + i + " (of " + owner[i] + ") = " + values[i]
                        + " lies outside [" + lower[i] + ", " + upper[i] + "]");
            }
        }
    }
}
