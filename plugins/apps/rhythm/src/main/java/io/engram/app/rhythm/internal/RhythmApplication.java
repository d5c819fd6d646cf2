package io.engram.app.rhythm.internal;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * The precise-timing tasks of Gers, Schraudolph and Schmidhuber (2002), "Learning precise timing with
 * LSTM recurrent networks", JMLR 3: measuring the delay between two spikes ({@code msd}) and
 * generating spikes at an interval ({@code gts}), see {@link TimingTasks}; the paper solves them with
 * peephole LSTM ({@code model.peepholes=true}).
 *
 * <p>Metrics: {@code msd}: {@code accuracy}, the fraction of sequences whose interval class is the
 * output's largest, and {@code mae}, the mean distance in steps between that class's interval and the
 * true one; {@code gts}: {@code accuracy}, the fraction of sequences in which the output is above one
 * half at exactly the target spikes and below it at every other step after the cue, and
 * {@code spike.accuracy}, the fraction of target spikes met at their step. Both report
 * {@code baseline.accuracy} (and {@code msd} {@code baseline.mae}): that of a clock fixed at the
 * median interval of the evaluated set, which answers (or spikes at) that interval whatever the input
 * says. Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=rhythm")
public final class RhythmApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("task", "msd", java.util.List.of("msd", "gts"),
                    "msd: classify the delay between two spikes (softmax-ce); gts: after two cue spikes, spike at that interval (mse)."),
            HyperParameter.integer("min.interval", 10, 1, 100_000, "Shortest interval between spikes, steps."),
            HyperParameter.integer("max.interval", 20, 1, 100_000, "Longest interval between spikes, steps."),
            HyperParameter.integer("offset", 10, 0, 100_000, "msd: the longest silent lead before the first spike."),
            HyperParameter.integer("spikes", 3, 1, 10_000, "gts: spikes to generate after the cue."),
            HyperParameter.integer("train.size", 200, 1, 1_000_000, "Training sequences."),
            HyperParameter.integer("validation.size", 50, 0, 1_000_000, "Validation sequences."),
            HyperParameter.integer("test.size", 200, 1, 1_000_000, "Held-apart test sequences."));

    @Override
    public String id() {
        return "rhythm";
    }

    @Override
    public String description() {
        return "Measuring and generating precisely timed spike intervals (Gers, Schraudolph and Schmidhuber 2002).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        return Optional.of("gts".equals(params.getString("task")) ? "mse" : "softmax-ce");
    }

    @Override
    public Optional<DataShape> shape(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            return Optional.empty();
        }
        Hyperparameters p = v.get();
        long n = (long) p.getInt("train.size") + p.getInt("validation.size") + p.getInt("test.size");
        boolean gts = "gts".equals(p.getString("task"));
        long len = gts ? (long) (p.getInt("spikes") + 1) * p.getInt("max.interval") + 1
                : (long) p.getInt("offset") + p.getInt("max.interval") + 1;
        int out = gts ? 1 : Math.max(1, p.getInt("max.interval") - p.getInt("min.interval") + 1);
        return Optional.of(new DataShape("data.train.size", n, n * len, len, 1, out,
                DataShape.sequenceBytes(n, n * len, 1, out)));
    }

    @Override
    public java.util.List<String> outputNames(Hyperparameters params) {
        if ("gts".equals(params.getString("task"))) {
            return java.util.List.of("spike");
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int t = params.getInt("min.interval"); t <= params.getInt("max.interval"); t++) {
            names.add("T=" + t);
        }
        return names;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> {
            Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
            if (v.isInvalid()) {
                throw new InvalidParameters(v.getError());
            }
            Hyperparameters p = v.get();
            int min = p.getInt("min.interval");
            int max = p.getInt("max.interval");
            if (max < min) {
                throw new InvalidParameters(List.of(Problem.of("data.max.interval", "must be at least data.min.interval ("
                        + min + "), got " + max)));
            }
            boolean gts = "gts".equals(p.getString("task"));
            SplittableRandom root = new SplittableRandom(seed);
            Dataset[] sets = new Dataset[3];
            String[] sizes = {"train.size", "validation.size", "test.size"};
            for (int i = 0; i < 3; i++) {
                sets[i] = gts ? TimingTasks.gts(root.split(), p.getInt(sizes[i]), min, max, p.getInt("spikes"))
                        : TimingTasks.msd(root.split(), p.getInt(sizes[i]), min, max, p.getInt("offset"));
            }
            String loss = gts ? "mse" : "softmax-ce";
            String source = "rhythm:" + p.getString("task") + " seed=" + seed + " " + p.asStrings();
            Task task = new Task(gts);
            return new TaskData(sets[0].withContext(task), sets[1].withContext(task), sets[2].withContext(task), loss,
                    source, Dataset.sha256(sets[0], sets[1], sets[2]));
        });
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        java.util.List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        boolean gts = data.context(Task.class).map(Task::generating).orElseThrow(() -> new IllegalArgumentException(
                "rhythm: the dataset carries no task (evaluate the datasets that load gave)"));
        return gts ? gts(data, outputs) : msd(data, outputs);
    }

    /** Which task a dataset poses, attached to the datasets {@link #load} gives. */
    record Task(boolean generating) {
    }

    private static Map<String, Double> msd(Dataset data, java.util.List<double[][]> outputs) {
        int median = medianInterval(data);
        int min = data.size() == 0 ? 0 : TimingTasks.interval(data.get(0)) - targetClass(data.get(0));
        long hits = 0;
        long base = 0;
        double err = 0;
        double baseErr = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            int last = s.length() - 1;
            int truth = targetClass(s);
            int guess = argmax(outputs.get(i)[last]);
            hits += guess == truth ? 1 : 0;
            err += Math.abs(guess - truth);
            int baseClass = median - min;
            base += baseClass == truth ? 1 : 0;
            baseErr += Math.abs(baseClass - truth);
        }
        int n = Math.max(1, data.size());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", hits / (double) n);
        m.put("mae", err / n);
        m.put("baseline.accuracy", base / (double) n);
        m.put("baseline.mae", baseErr / n);
        return m;
    }

    private static Map<String, Double> gts(Dataset data, java.util.List<double[][]> outputs) {
        int median = medianInterval(data);
        long solved = 0;
        long spikes = 0;
        long met = 0;
        long base = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            boolean ok = true;
            for (int t = 0; t < s.length(); t++) {
                if (!s.hasTarget(t)) {
                    continue;
                }
                boolean spike = s.target(t, 0) > 0.5;
                boolean fired = outputs.get(i)[t][0] > 0.5;
                ok &= spike == fired;
                spikes += spike ? 1 : 0;
                met += spike && fired ? 1 : 0;
            }
            solved += ok ? 1 : 0;
            base += TimingTasks.interval(s) == median ? 1 : 0;
        }
        int n = Math.max(1, data.size());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", solved / (double) n);
        m.put("spike.accuracy", spikes == 0 ? 0.0 : met / (double) spikes);
        m.put("baseline.accuracy", base / (double) n);
        return m;
    }

    private static int medianInterval(Dataset data) {
        int[] intervals = data.sequences().stream().mapToInt(TimingTasks::interval).sorted().toArray();
        return intervals.length == 0 ? 0 : intervals[intervals.length / 2];
    }

    private static int targetClass(Sequence s) {
        int last = s.length() - 1;
        int best = 0;
        for (int o = 1; o < s.targetWidth(last); o++) {
            if (s.target(last, o) > s.target(last, best)) {
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
