package io.engram.app.spikes.internal;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Tasks on spike trains in the manner of Maass, Natschlaeger and Markram (2002): classification of
 * jittered Poisson spike-train templates, and recall of the class of an input segment from
 * {@code delay} segments ago ({@link SpikeTasks}). Inputs are spike counts per time bin of
 * {@code step.ms} ms, one input per channel; targets one-hot, loss {@code mse} (a linear readout is
 * fitted by least squares). Metric: {@code accuracy}, the fraction of targeted steps whose output's
 * largest element is the target class. Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=spikes")
public final class SpikesApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("task", "templates", java.util.List.of("templates", "memory"),
                    "templates: classify jittered spike-train templates; memory: recall the class of the segment from delay segments ago."),
            HyperParameter.integer("classes", 4, 2, 1000, "Templates (classes)."),
            HyperParameter.integer("channels", 4, 1, 10_000, "Input spike trains."),
            HyperParameter.real("rate", 20.0, 0.0, 1000.0, "Firing rate of the templates' Poisson trains, Hz."),
            HyperParameter.real("jitter", 4.0, 0.0, 10_000.0, "Standard deviation of the jitter of each spike, ms."),
            HyperParameter.real("step.ms", 1.0, 0.001, 1000.0, "Length of one time bin, ms (the network's dt)."),
            HyperParameter.integer("duration", 200, 1, 100_000, "templates: bins per sample."),
            HyperParameter.integer("target.steps", 20, 1, 100_000, "templates: the last bins that carry the target."),
            HyperParameter.integer("segments", 8, 1, 10_000, "memory: segments per sample."),
            HyperParameter.integer("segment.length", 30, 1, 100_000, "memory: bins per segment."),
            HyperParameter.integer("delay", 1, 0, 10_000, "memory: how many segments back the target's segment lies."),
            HyperParameter.integer("train.size", 200, 1, 1_000_000, "Training samples."),
            HyperParameter.integer("validation.size", 50, 0, 1_000_000, "Validation samples."),
            HyperParameter.integer("test.size", 200, 0, 1_000_000, "Held-apart test samples."));

    @Override
    public String id() {
        return "spikes";
    }

    @Override
    public String description() {
        return "Jittered spike-train templates to classify, and a segment to recall from a delay ago (Maass et al. 2002).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        return Optional.of("mse");
    }

    @Override
    public Optional<DataShape> shape(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            return Optional.empty();
        }
        Hyperparameters p = v.get();
        long n = (long) p.getInt("train.size") + p.getInt("validation.size") + p.getInt("test.size");
        long len = "memory".equals(p.getString("task")) ? (long) p.getInt("segments") * p.getInt("segment.length")
                : p.getInt("duration");
        int in = p.getInt("channels");
        int out = p.getInt("classes");
        return Optional.of(new DataShape("data.train.size", n, n * len, len, in, out,
                DataShape.sequenceBytes(n, n * len, in, out)));
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> {
            Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
            if (v.isInvalid()) {
                throw new InvalidParameters(v.getError());
            }
            Hyperparameters p = v.get();
            if ("memory".equals(p.getString("task")) && p.getInt("delay") >= p.getInt("segments")) {
                throw new InvalidParameters(List.of(Problem.of("data.delay", "must be below data.segments ("
                        + p.getInt("segments") + "), got " + p.getInt("delay"))));
            }
            SplittableRandom root = new SplittableRandom(seed);
            double[][][] templates = SpikeTasks.templates(root.split(), p);
            Dataset train = SpikeTasks.samples(root.split(), p, templates, p.getInt("train.size"));
            Dataset validation = SpikeTasks.samples(root.split(), p, templates, p.getInt("validation.size"));
            Dataset test = SpikeTasks.samples(root.split(), p, templates, p.getInt("test.size"));
            String source = "spikes:" + p.getString("task") + " seed=" + seed + " " + p.asStrings();
            return new TaskData(train, validation, test, "mse", source, Dataset.sha256(train, validation, test));
        });
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        java.util.List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        long hits = 0;
        long targets = 0;
        for (int i = 0; i < data.size(); i++) {
            io.engram.api.Sequence s = data.get(i);
            for (int t = 0; t < s.length(); t++) {
                if (s.hasTarget(t)) {
                    targets++;
                    hits += argmax(outputs.get(i)[t]) == targetClass(s, t) ? 1 : 0;
                }
            }
        }
        return Map.of("accuracy", targets == 0 ? 0.0 : hits / (double) targets);
    }

    private static int targetClass(io.engram.api.Sequence s, int t) {
        int best = 0;
        for (int o = 1; o < s.targetWidth(t); o++) {
            if (s.target(t, o) > s.target(t, best)) {
                best = o;
            }
        }
        return best;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
