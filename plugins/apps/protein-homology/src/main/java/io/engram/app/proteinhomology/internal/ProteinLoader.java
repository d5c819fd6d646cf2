package io.engram.app.proteinhomology.internal;

import io.engram.api.Dataset;
import io.engram.api.TaskData;
import io.engram.layers.protein.ClassBalance;
import io.engram.layers.protein.ProteinRecord;
import io.engram.layers.protein.SequenceFiles;
import io.engram.layers.protein.StratifiedSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loads a protein-homology task: reads the files, labels the records, checks them all (every problem
 * at once, nothing loaded when there is one), splits, resamples and encodes. Not thread-safe; one per
 * load.
 */
final class ProteinLoader {
    private final ProteinSettings s;
    private final Problems problems = new Problems();

    ProteinLoader(ProteinSettings settings) {
        this.s = settings;
    }

    TaskData load(long jobSeed) {
        byte[] trainBytes = SequenceFiles.bytes("data.train.file", s.trainFile(), problems);
        byte[] testBytes = s.testFile().isEmpty() ? null : SequenceFiles.bytes("data.test.file", s.testFile(), problems);
        byte[] labelBytes = s.labelsFile().isEmpty() ? null : SequenceFiles.bytes("data.labels", s.labelsFile(), problems);
        problems.check();
        Map<String, String> labels = labelBytes == null ? Map.of() : SequenceFiles.labels(s.labelsFile(), labelBytes, problems);
        List<ProteinRecord> train = labelled(SequenceFiles.records(s.trainFile(), trainBytes, problems), labels);
        List<ProteinRecord> test = testBytes == null ? List.of()
                : labelled(SequenceFiles.records(s.testFile(), testBytes, problems), labels);
        problems.check();
        check(train, test);
        List<String> families = List.copyOf(new TreeSet<>(train.stream().map(ProteinRecord::label).toList()));
        long seed = s.seed(jobSeed);
        if (testBytes == null) {
            List<List<ProteinRecord>> split = StratifiedSplit.split(train, s.testFraction(), seed);
            train = split.get(0);
            test = split.get(1);
        }
        List<List<ProteinRecord>> split = StratifiedSplit.split(train, s.validationFraction(), seed + 1);
        List<ProteinRecord> fit = s.balanced() ? ClassBalance.balance(split.get(0), seed + 2) : split.get(0);
        ProteinEncoder encoder = new ProteinEncoder(s.encoding(), s.maxLength(), families);
        TaskInfo info = new TaskInfo(families, s.oneVsRest());
        Dataset trainSet = encoder.dataset(fit).withContext(info);
        Dataset validationSet = encoder.dataset(split.get(1)).withContext(info);
        Dataset testSet = encoder.dataset(test).withContext(info);
        String source = "protein-homology:" + s.trainFile() + (s.testFile().isEmpty() ? "" : "," + s.testFile())
                + " (" + families.size() + " families, " + s.encoding().id() + ")";
        return new TaskData(trainSet, validationSet, testSet, s.loss(), source,
                Dataset.sha256(trainSet, validationSet, testSet));
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
        TreeSet<String> trainFamilies = new TreeSet<>();
        for (ProteinRecord r : train) {
            if (r.label() != null) {
                trainFamilies.add(r.label());
            }
        }
        for (List<ProteinRecord> part : List.of(train, test)) {
            for (ProteinRecord r : part) {
                String first = seen.putIfAbsent(r.id(), r.where());
                if (first != null) {
                    problems.add(r.where(), "duplicate id '" + r.id() + "' (first at " + first + ")");
                }
                if (r.label() == null) {
                    problems.add(r.where(), "record '" + r.id() + "' has no label (no label=FAMILY in its header, "
                            + "no #=GF ID in its alignment, and not in data.labels)");
                } else if (part == test && !trainFamilies.contains(r.label())) {
                    problems.add(r.where(), "family '" + r.label() + "' of record '" + r.id()
                            + "' has no member in the training file");
                }
                if (!s.truncate() && r.residues().length() > s.maxLength()) {
                    problems.add(r.where(), "record '" + r.id() + "' has " + r.residues().length()
                            + " residues, more than data.max.length=" + s.maxLength() + " (data.too.long=refuse)");
                }
            }
        }
        if (problems.isEmpty() && trainFamilies.size() < 2) {
            problems.add(s.trainFile(), "needs members of at least two families, found " + trainFamilies.size());
        }
        problems.check();
    }
}
