package io.engram.app.actionrecognition.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Loads an action-recognition task: generates or reads the sequences, checks them all (every problem
 * at once, nothing loaded when there is one), holds performers apart for testing, splits off the
 * validation sequences, fits the standardisation and the baseline on the training part, and encodes.
 * Not thread-safe; one per load.
 */
final class ActionLoader {
    private final ActionSettings s;
    private final Problems problems = new Problems();

    ActionLoader(ActionSettings settings) {
        this.s = settings;
    }

    TaskData load(long jobSeed) {
        long seed = s.seed(jobSeed);
        List<Motion> train;
        List<Motion> test;
        String source;
        if (s.synthetic()) {
            if (s.testPerformers() >= s.generator().performers()) {
                problems.add("data.test.performers", "must be below data.performers=" + s.generator().performers()
                        + ", found " + s.testPerformers());
                problems.check();
            }
            List<Motion> all = Movements.generate(s.generator(), seed);
            int firstTest = s.generator().performers() - s.testPerformers();
            train = all.stream().filter(m -> performer(m) < firstTest).toList();
            test = all.stream().filter(m -> performer(m) >= firstTest).toList();
            source = "action-recognition:synthetic (" + s.generator().performers() + " performers, "
                    + s.testPerformers() + " held out for testing, " + Movements.ACTIONS.size() + " actions x "
                    + s.generator().perAction() + ", " + s.generator().frames() + " frames, seed " + seed + ")";
        } else {
            if (s.trainFile().isEmpty()) {
                problems.add("data.train.file", "is required with data.source=files");
                problems.check();
            }
            train = MotionFiles.read("data.train.file", s.trainFile(), problems);
            test = s.testFile().isEmpty() ? List.of() : MotionFiles.read("data.test.file", s.testFile(), problems);
            problems.check();
            check(train, test);
            if (s.testFile().isEmpty()) {
                List<List<Motion>> split = byPerformer(train, s.testFraction());
                train = split.get(0);
                test = split.get(1);
            }
            source = "action-recognition:" + s.trainFile() + (s.testFile().isEmpty() ? "" : "," + s.testFile());
        }
        List<String> classes = List.copyOf(new TreeSet<>(train.stream().map(Motion::label).toList()));
        List<Motion> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(seed + 1));
        int validation = (int) Math.round(s.validationFraction() * shuffled.size());
        if (s.validationFraction() > 0 && shuffled.size() >= 2) {
            validation = Math.max(1, Math.min(validation, shuffled.size() - 1));
        }
        List<Motion> fit = shuffled.subList(validation, shuffled.size());
        List<Motion> held = shuffled.subList(0, validation);
        Map<Motion, double[][]> raw = new HashMap<>();
        for (List<Motion> part : List.of(fit, held, test)) {
            for (Motion m : part) {
                raw.put(m, PoseFeatures.raw(m, s.frameStep()));
            }
        }
        int width = 3 * train.get(0).joints().size();
        PoseFeatures features = PoseFeatures.fit(fit.stream().map(raw::get).toList(), width);
        List<double[][]> fitInputs = fit.stream().map(m -> features.apply(raw.get(m))).toList();
        int[] fitLabels = fit.stream().mapToInt(m -> classes.indexOf(m.label())).toArray();
        ActionInfo info = new ActionInfo(classes, PoseStatistics.fit(fitInputs, fitLabels, classes.size()), "");
        Dataset trainSet = dataset(fitInputs, fitLabels, width, classes.size()).withContext(info);
        Dataset validationSet = encode(held, raw, features, classes, width).withContext(info);
        Dataset testSet = encode(test, raw, features, classes, width).withContext(info.reporting(s.report()));
        return new TaskData(trainSet, validationSet, testSet, "softmax-ce", source,
                Dataset.sha256(trainSet, validationSet, testSet));
    }

    private static int performer(Motion m) {
        return Integer.parseInt(m.performer().substring(1));
    }

    private static Dataset encode(List<Motion> motions, Map<Motion, double[][]> raw, PoseFeatures features,
                                  List<String> classes, int width) {
        return dataset(motions.stream().map(m -> features.apply(raw.get(m))).toList(),
                motions.stream().mapToInt(m -> classes.indexOf(m.label())).toArray(), width, classes.size());
    }

    private static Dataset dataset(List<double[][]> inputs, int[] labels, int width, int classes) {
        List<Sequence> sequences = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            double[][] x = inputs.get(i);
            double[][] y = new double[x.length][classes];
            boolean[] mask = new boolean[x.length];
            y[x.length - 1][labels[i]] = 1;
            mask[x.length - 1] = true;
            sequences.add(new Sequence(x, y, mask));
        }
        return new Dataset(sequences, width, classes);
    }

    /** The training part and the performers held out for testing: the last of them in sorted order. */
    private static List<List<Motion>> byPerformer(List<Motion> motions, double fraction) {
        List<String> performers = List.copyOf(new TreeSet<>(motions.stream().map(Motion::performer).toList()));
        int k = (int) Math.round(fraction * performers.size());
        if (fraction > 0 && performers.size() >= 2) {
            k = Math.max(1, k);
        }
        k = Math.min(k, performers.size() - 1);
        List<String> held = performers.subList(performers.size() - k, performers.size());
        return List.of(motions.stream().filter(m -> !held.contains(m.performer())).toList(),
                motions.stream().filter(m -> held.contains(m.performer())).toList());
    }

    private void check(List<Motion> train, List<Motion> test) {
        Map<String, String> seen = new HashMap<>();
        List<String> joints = train.isEmpty() ? List.of() : train.get(0).joints();
        TreeSet<String> labels = new TreeSet<>(train.stream().map(Motion::label).toList());
        for (List<Motion> part : List.of(train, test)) {
            for (Motion m : part) {
                String first = seen.putIfAbsent(m.id(), m.where());
                if (first != null) {
                    problems.add(m.where(), "duplicate sequence id '" + m.id() + "' (first at " + first + ")");
                }
                if (!m.joints().equals(joints)) {
                    problems.add(m.where(), "sequence '" + m.id() + "' has joints " + m.joints() + ", but the first "
                            + "training sequence has " + joints);
                }
                if (part == test && !labels.contains(m.label())) {
                    problems.add(m.where(), "action '" + m.label() + "' of sequence '" + m.id()
                            + "' has no training sequence");
                }
            }
        }
        if (problems.isEmpty() && labels.size() < 2) {
            problems.add(s.trainFile(), "needs sequences of at least two actions, found " + labels.size());
        }
        problems.check();
    }
}
