package io.engram.app.subcellular.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.layers.protein.ClassBalance;
import io.engram.layers.protein.ProteinRecord;
import io.engram.layers.protein.SequenceFiles;
import io.engram.layers.protein.StratifiedSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loads a subcellular-localisation task: generates the sequences or reads the files (labels from
 * the headers' {@code label.key} word or the labels table), checks them all (every problem at once,
 * nothing loaded when there is one), splits by class, resamples, fits the baselines on the training
 * part and encodes. Not thread-safe; one per load.
 */
final class SubcellularLoader {
    private final SubcellularSettings s;
    private final Problems problems = new Problems();

    SubcellularLoader(SubcellularSettings settings) {
        this.s = settings;
    }

    TaskData load(long jobSeed) {
        long seed = s.seed(jobSeed);
        List<ProteinRecord> train;
        List<ProteinRecord> test = List.of();
        boolean split = true;
        String source;
        if (s.synthetic()) {
            if (s.generator().minLength() > s.generator().maxLength()) {
                problems.add("data.min.length", "must not exceed data.max.length=" + s.generator().maxLength()
                        + ", found " + s.generator().minLength());
                problems.check();
            }
            train = LocalisationSignals.generate(s.generator(), seed);
            source = "subcellular:synthetic (" + LocalisationSignals.CLASSES.size() + " compartments x "
                    + s.generator().perClass() + ", " + s.generator().minLength() + "-" + s.generator().maxLength()
                    + " residues, mutation " + s.generator().mutation() + ", decoys " + s.generator().decoy()
                    + ", seed " + seed + ")";
        } else {
            if (s.trainFile().isEmpty()) {
                problems.add("data.train.file", "is required with data.source=files");
                problems.check();
            }
            byte[] trainBytes = SequenceFiles.bytes("data.train.file", s.trainFile(), problems);
            byte[] testBytes = s.testFile().isEmpty() ? null : SequenceFiles.bytes("data.test.file", s.testFile(), problems);
            byte[] labelBytes = s.labelsFile().isEmpty() ? null : SequenceFiles.bytes("data.labels", s.labelsFile(), problems);
            problems.check();
            Map<String, String> labels = labelBytes == null ? Map.of() : SequenceFiles.labels(s.labelsFile(), labelBytes, problems);
            train = labelled(SequenceFiles.records(s.trainFile(), trainBytes, s.labelKey(), problems), labels);
            if (testBytes != null) {
                test = labelled(SequenceFiles.records(s.testFile(), testBytes, s.labelKey(), problems), labels);
                split = false;
            }
            problems.check();
            check(train, test);
            source = "subcellular:" + s.trainFile() + (s.testFile().isEmpty() ? "" : "," + s.testFile());
        }
        List<String> classes = List.copyOf(new TreeSet<>(train.stream().map(ProteinRecord::label).toList()));
        if (split) {
            List<List<ProteinRecord>> parts = StratifiedSplit.split(train, s.testFraction(), seed);
            train = parts.get(0);
            test = parts.get(1);
        }
        List<List<ProteinRecord>> parts = StratifiedSplit.split(train, s.validationFraction(), seed + 1);
        List<ProteinRecord> fit = s.balanced() ? ClassBalance.balance(parts.get(0), seed + 2) : parts.get(0);
        Map<ProteinRecord, Sequence> done = new IdentityHashMap<>();
        SubcellularInfo info = baselines(parts.get(0), classes, done);
        Dataset fitSet = dataset(fit, classes, done).withContext(info);
        Dataset validationSet = dataset(parts.get(1), classes, done).withContext(info);
        Dataset testSet = dataset(test, classes, done).withContext(info.reporting(s.report()));
        return new TaskData(fitSet, validationSet, testSet, "softmax-ce", source + " (" + s.encoding().id() + ")",
                Dataset.sha256(fitSet, validationSet, testSet));
    }

    /** The majority class and the composition centroids of the training records (before resampling). */
    private SubcellularInfo baselines(List<ProteinRecord> records, List<String> classes, Map<ProteinRecord, Sequence> done) {
        dataset(records, classes, done);
        int[] counts = new int[classes.size()];
        double[][] centroids = new double[classes.size()][];
        for (ProteinRecord r : records) {
            int k = classes.indexOf(r.label());
            double[] c = SubcellularInfo.composition(done.get(r).inputs());
            if (centroids[k] == null) {
                centroids[k] = new double[c.length];
            }
            for (int f = 0; f < c.length; f++) {
                centroids[k][f] += c[f];
            }
            counts[k]++;
        }
        int majority = 0;
        for (int k = 0; k < classes.size(); k++) {
            if (centroids[k] != null) {
                for (int f = 0; f < centroids[k].length; f++) {
                    centroids[k][f] /= counts[k];
                }
            }
            majority = counts[k] > counts[majority] ? k : majority;
        }
        return new SubcellularInfo(classes, majority, centroids, "");
    }

    /**
     * The records encoded, one step per residue; a record longer than {@code max.residues} keeps its
     * first and its last {@code max.residues / 2} residues, where the sorting signals lie. A record
     * given twice (resampled) becomes the same sequence object.
     */
    private Dataset dataset(List<ProteinRecord> records, List<String> classes, Map<ProteinRecord, Sequence> done) {
        List<Sequence> out = new ArrayList<>();
        for (ProteinRecord r : records) {
            out.add(done.computeIfAbsent(r, k -> {
                String residues = k.residues().length() > s.maxResidues()
                        ? k.residues().substring(0, s.maxResidues() / 2) + k.residues().substring(k.residues().length() - s.maxResidues() / 2)
                        : k.residues();
                double[][] x = s.encoding().encode(residues);
                double[][] y = new double[x.length][classes.size()];
                boolean[] mask = new boolean[x.length];
                y[x.length - 1][classes.indexOf(k.label())] = 1;
                mask[x.length - 1] = true;
                return new Sequence(x, y, mask);
            }));
        }
        return new Dataset(out, s.encoding().width(), classes.size());
    }

    private List<ProteinRecord> labelled(List<ProteinRecord> records, Map<String, String> labels) {
        List<ProteinRecord> out = new ArrayList<>(records.size());
        for (ProteinRecord r : records) {
            out.add(labels.containsKey(r.id()) ? r.withLabel(labels.get(r.id())) : r);
        }
        return out;
    }

    private void check(List<ProteinRecord> train, List<ProteinRecord> test) {
        Map<String, String> seen = new HashMap<>();
        TreeSet<String> trainClasses = new TreeSet<>();
        for (ProteinRecord r : train) {
            if (r.label() != null) {
                trainClasses.add(r.label());
            }
        }
        for (List<ProteinRecord> part : List.of(train, test)) {
            for (ProteinRecord r : part) {
                String first = seen.putIfAbsent(r.id(), r.where());
                if (first != null) {
                    problems.add(r.where(), "duplicate id '" + r.id() + "' (first at " + first + ")");
                }
                if (r.label() == null) {
                    problems.add(r.where(), "record '" + r.id() + "' has no compartment (no " + s.labelKey()
                            + "CLASS in its header, and not in data.labels)");
                } else if (part == test && !trainClasses.contains(r.label())) {
                    problems.add(r.where(), "compartment '" + r.label() + "' of record '" + r.id()
                            + "' has no sequence in the training file");
                }
            }
        }
        if (problems.isEmpty() && trainClasses.size() < 2) {
            problems.add(s.trainFile(), "needs sequences of at least two compartments, found " + trainClasses.size());
        }
        problems.check();
    }
}
