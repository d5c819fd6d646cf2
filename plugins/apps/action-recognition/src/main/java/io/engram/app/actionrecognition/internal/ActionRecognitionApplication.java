package io.engram.app.actionrecognition.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.layers.classify.ConfusionMatrix;
import io.engram.tensor.Ops;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Human action recognition from sequences of skeleton joint positions, in the manner of Baccouche
 * et al. (2011, "Sequential deep learning for human action recognition", HBU 2011): a recurrent
 * network (an LSTM there) reads the sequence frame by frame and names the action at its last frame.
 *
 * <h2>Data</h2>
 * {@code data.source=synthetic} generates the seeded movements of {@link Movements} (seven actions
 * of a 15-joint skeleton, performers of their own build and style, varied speed, amplitude, facing
 * and noise); the last {@code test.performers} performers are held apart for testing.
 * {@code data.source=files} reads {@code train.file} (and {@code test.file}): CSV in long form
 * ({@link MotionCsv}: {@code sequence,frame,joint,x,y,z,label[,performer]}) or a list of BVH files
 * with their labels ({@link MotionFiles}, {@link BvhReader}); without a test file the last
 * {@code test.fraction} of the performers (sorted by name) are held apart. Every problem is reported
 * at once as {@code file:line} and the field, and nothing is loaded. Then {@code validation.fraction}
 * of the training sequences go to validation (shuffled by {@code split.seed}, or the job's seed when
 * it is -1).
 *
 * <h2>Inputs and targets</h2>
 * {@link PoseFeatures}: per frame (every {@code frame.step}-th), each joint relative to the root and
 * the root relative to its mean place over the sequence, standardised on the training frames. The one target,
 * at the last frame, is the action's one-hot vector over the actions sorted by name; loss
 * {@code softmax-ce}.
 *
 * <h2>Metrics</h2>
 * {@code accuracy}, {@code macro.f1} and {@code recall.<action>} of the network's choice at the last
 * frame, and beside them {@code baseline.accuracy} and {@code baseline.macro.f1} of the nearest class
 * mean of per-sequence pose statistics ({@link PoseStatistics}). When {@code report} names a path
 * prefix, evaluating the test set writes the confusion matrices as {@code <report>.csv},
 * {@code <report>.png}, {@code <report>-baseline.csv} and {@code <report>-baseline.png} ({@link
 * ConfusionMatrix}; each written to a temporary file and renamed).
 *
 * <p>Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=action-recognition")
public final class ActionRecognitionApplication implements Application {
    static final String ACTIONS = "action-recognition.actions";

    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("source", "synthetic", List.of("synthetic", "files"),
                    "synthetic: the seeded movements generator; files: train.file (and test.file), CSV or a list of BVH files."),
            HyperParameter.inputFile("train.file", "", "With source=files: CSV 'sequence,frame,joint,x,y,z,label[,performer]' (a .csv name), else a list 'file.bvh<TAB>label[<TAB>performer]'."),
            HyperParameter.inputFile("test.file", "", "With source=files: test sequences in the same forms; empty: hold test.fraction of the performers out."),
            HyperParameter.real("test.fraction", 0.25, 0.0, 0.9, "With source=files and no test.file: the fraction of performers held out for testing."),
            HyperParameter.real("validation.fraction", 0.1, 0.0, 0.9, "The fraction of the training sequences split off for validation."),
            HyperParameter.integer("performers", 12, 2, 10_000, "Synthetic: how many performers."),
            HyperParameter.integer("test.performers", 3, 1, 10_000, "Synthetic: how many of the performers (the last) are held out for testing."),
            HyperParameter.integer("per.action", 6, 1, 10_000, "Synthetic: sequences per action per performer."),
            HyperParameter.integer("frames", 48, 2, 100_000, "Synthetic: frames per sequence (30 a second)."),
            HyperParameter.real("noise", 0.01, 0.0, 1.0, "Synthetic: the standard deviation of the Gaussian noise on every coordinate (skeleton units, about 1.8 per body height)."),
            HyperParameter.real("speed.variation", 0.3, 0.0, 0.9, "Synthetic: each sequence's speed is 1 +- this, times the performer's tempo."),
            HyperParameter.real("amplitude.variation", 0.2, 0.0, 0.9, "Synthetic: each sequence's amplitude is 1 +- this, times the performer's."),
            HyperParameter.integer("frame.step", 1, 1, 1000, "Take every frame.step-th frame."),
            HyperParameter.outputPath("report", "", "Path prefix, inside the output folder (data/outputs/), of the test set's confusion matrices, written as .csv and .png, and -baseline.csv and -baseline.png; empty: none."),
            HyperParameter.integer("split.seed", -1, -1, Integer.MAX_VALUE, "Seed of the generator and the splits; -1: the job's seed."));

    @Override
    public String id() {
        return "action-recognition";
    }

    @Override
    public String description() {
        return "Actions from skeleton joint positions (CSV, BVH or seeded movements), named at the last frame; accuracy, "
                + "macro F1 and a confusion matrix beside a nearest-class-mean baseline.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> new ActionLoader(ActionSettings.of(validated(params))).load(seed));
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        return Optional.of("softmax-ce");
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return metrics(data, SequenceOutputs.of(network, ops, data, seed));
    }

    /** The metrics of {@code data} for the network's {@code outputs}, one {@code [time][output]} per sequence. */
    static Map<String, Double> metrics(Dataset data, List<double[][]> outputs) {
        ActionInfo info = ActionInfo.of(data).orElseGet(() -> ActionInfo.unnamed(data.outputSize()));
        int[] truth = new int[data.size()];
        int[] predicted = new int[data.size()];
        int[] baseline = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            int last = data.get(i).length() - 1;
            predicted[i] = argmax(outputs.get(i)[last]);
            truth[i] = argmax(data.get(i).targets()[last]);
            baseline[i] = info.baseline() == null ? 0 : info.baseline().classify(data.get(i).inputs());
        }
        ConfusionMatrix net = ConfusionMatrix.of(info.classes(), truth, predicted);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", net.accuracy());
        m.put("macro.f1", net.macroF1());
        for (int k = 0; k < info.classes().size(); k++) {
            m.put("recall." + info.classes().get(k), net.recall(k));
        }
        if (info.baseline() != null) {
            ConfusionMatrix base = ConfusionMatrix.of(info.classes(), truth, baseline);
            m.put("baseline.accuracy", base.accuracy());
            m.put("baseline.macro.f1", base.macroF1());
            if (!info.report().isEmpty()) {
                try {
                    net.write(Path.of(info.report()), "action recognition: network, test set");
                    base.write(Path.of(info.report() + "-baseline"), "action recognition: nearest class mean, test set");
                } catch (IOException e) {
                    throw new UncheckedIOException("data.report: cannot write '" + info.report() + "': " + e.getMessage(), e);
                }
            }
        }
        return m;
    }

    @Override
    public Payloads payloads(TaskData data) {
        ActionInfo info = ActionInfo.of(data.train()).orElseGet(() -> ActionInfo.unnamed(data.outputSize()));
        return new Payloads(Map.of(), Map.of(), Map.of(ACTIONS, info.classes()));
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            best = v[k] > v[best] ? k : best;
        }
        return best;
    }

    private static Hyperparameters validated(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            throw new InvalidData(v.getError());
        }
        return v.get();
    }
}
