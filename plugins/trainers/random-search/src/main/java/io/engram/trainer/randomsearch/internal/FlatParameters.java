package io.engram.trainer.randomsearch.internal;

import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import io.engram.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters the search moves, as one flat vector: the named tensors in their stable order,
 * concatenated. This is the one place that decides which parameters are searched (today all of
 * {@code network.parameters()}) and how they are laid out. Immutable and thread-safe.
 */
final class FlatParameters {
    private final List<String> names;
    private final List<Shape> shapes;
    private final List<DType> dtypes;
    private final int size;

    private FlatParameters(List<String> names, List<Shape> shapes, List<DType> dtypes, int size) {
        this.names = names;
        this.shapes = shapes;
        this.dtypes = dtypes;
        this.size = size;
    }

    /** The layout of {@code params}, in their order. */
    static FlatParameters of(Map<String, Tensor> params) {
        List<String> names = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        List<DType> dtypes = new ArrayList<>();
        long size = 0;
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            names.add(e.getKey());
            shapes.add(e.getValue().shape());
            dtypes.add(e.getValue().dtype());
            size += e.getValue().shape().size();
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many parameters to search as one vector: " + size);
        }
        return new FlatParameters(List.copyOf(names), List.copyOf(shapes), List.copyOf(dtypes), (int) size);
    }

    int size() {
        return size;
    }

    /** The values of the searched parameters of {@code params}, concatenated. */
    double[] flatten(Map<String, Tensor> params) {
        double[] out = new double[size];
        int at = 0;
        for (String name : names) {
            double[] v = params.get(name).toDoubleArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** Tensors of the searched parameters holding {@code values}, by name. */
    Map<String, Tensor> unflatten(Ops ops, double[] values) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int at = 0;
        for (int i = 0; i < names.size(); i++) {
            int n = (int) shapes.get(i).size();
            double[] part = new double[n];
            System.arraycopy(values, at, part, 0, n);
            out.put(names.get(i), ops.fromArray(dtypes.get(i), shapes.get(i), part));
            at += n;
        }
        return out;
    }
}
