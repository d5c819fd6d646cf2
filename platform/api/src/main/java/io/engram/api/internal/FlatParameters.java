package io.engram.api.internal;

import io.engram.api.Network;
import io.engram.api.ParameterVector;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ParameterVector} that any network can have: a network's trainable parameters, in the
 * order of {@link Network#parameters()}, with the same bounds for every element. The layout is
 * taken when the view is made. Not thread-safe, like the network.
 */
public final class FlatParameters implements ParameterVector {
    private final Network network;
    private final List<String> names;
    private final List<Shape> shapes;
    private final int size;
    private final double lower;
    private final double upper;

    private FlatParameters(Network network, List<String> names, List<Shape> shapes, double lower, double upper) {
        this.network = network;
        this.names = List.copyOf(names);
        this.shapes = List.copyOf(shapes);
        this.size = shapes.stream().mapToInt(Shape::size).sum();
        this.lower = lower;
        this.upper = upper;
    }

    /** The view of {@code network}'s trainable parameters, every element bounded to {@code [lower, upper]}. */
    public static ParameterVector of(Network network, double lower, double upper) {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("parameter bounds need lower <= upper, got [" + lower + ", " + upper + "]");
        }
        List<String> names = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        java.util.Set<String> trainable = network.trainable();
        network.parameters().forEach((name, t) -> {
            if (trainable.contains(name)) {
                names.add(name);
                shapes.add(t.shape());
            }
        });
        return new FlatParameters(network, names, shapes, lower, upper);
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void read(double[] into) {
        checkLength(into.length);
        Map<String, Tensor> params = network.parameters();
        int offset = 0;
        for (String name : names) {
            double[] v = params.get(name).toDoubleArray();
            System.arraycopy(v, 0, into, offset, v.length);
            offset += v.length;
        }
    }

    @Override
    public void write(Ops ops, double[] values) {
        network.setParameters(tensors(ops, values));
    }

    @Override
    public Map<String, Tensor> tensors(Ops ops, double[] values) {
        checkLength(values.length);
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= lower && values[i] <= upper)) {
                throw new IllegalArgumentException("parameter vector element " + i + " (" + locate(i) + ") is "
                        + values[i] + ", outside its bounds [" + lower + ", " + upper + "]");
            }
        }
        Map<String, Tensor> params = network.parameters();
        Map<String, Tensor> out = new LinkedHashMap<>();
        int offset = 0;
        for (int k = 0; k < names.size(); k++) {
            Tensor old = params.get(names.get(k));
            int n = shapes.get(k).size();
            out.put(names.get(k), ops.fromArray(old.dtype(), old.shape(), Arrays.copyOfRange(values, offset, offset + n)));
            offset += n;
        }
        return out;
    }

    @Override
    public Optional<double[]> lower() {
        return bound(lower);
    }

    @Override
    public Optional<double[]> upper() {
        return bound(upper);
    }

    private Optional<double[]> bound(double value) {
        if (Double.isInfinite(lower) && Double.isInfinite(upper)) {
            return Optional.empty();
        }
        double[] b = new double[size];
        Arrays.fill(b, value);
        return Optional.of(b);
    }

    private String locate(int index) {
        int offset = 0;
        for (int k = 0; k < names.size(); k++) {
            int n = shapes.get(k).size();
            if (index < offset + n) {
                return names.get(k) + "[" + (index - offset) + "]";
            }
            offset += n;
        }
        return "?";
    }

    private void checkLength(int length) {
        if (length != size) {
            throw new IllegalArgumentException("a parameter vector of " + names + " has " + size
                    + " elements, got an array of " + length);
        }
    }
}
