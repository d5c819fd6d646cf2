package io.engram.app.algorithmic.internal;

import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.Sequence;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.SplittableRandom;

/**
 * The application's parameters, validated together (every problem named by its key), and the sets
 * they generate. Immutable.
 */
record AlgorithmicSettings(String task, int bits, int min, int max, int testMin, int testMax, int repeatsMin,
                           int repeatsMax, int itemLength, int ahead, int trainSize, int validationSize, int testSize,
                           int nodes, int labels) {

    static Validation<Seq<Problem>, AlgorithmicSettings> of(Schema schema, Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = schema.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            return Validation.invalid(v.getError());
        }
        Hyperparameters p = v.get();
        AlgorithmicSettings s = new AlgorithmicSettings(p.getString("task"), p.getInt("bits"), p.getInt("length.min"),
                p.getInt("length.max"), p.getInt("test.length.min") == 0 ? p.getInt("length.min") : p.getInt("test.length.min"),
                p.getInt("test.length.max") == 0 ? p.getInt("length.max") : p.getInt("test.length.max"),
                p.getInt("repeats.min"), p.getInt("repeats.max"), p.getInt("item.length"),
                p.getInt("ahead"), p.getInt("train.size"), p.getInt("validation.size"), p.getInt("test.size"),
                p.getInt("graph.nodes"), p.getInt("graph.labels"));
        Seq<Problem> problems = List.empty();
        if (s.min > s.max) {
            problems = problems.append(Problem.of("data.length.min", "must not exceed length.max (" + s.max + "), got " + s.min));
        }
        if (s.testMin > s.testMax) {
            problems = problems.append(Problem.of("data.test.length.min", "must not exceed test.length.max (" + s.testMax
                    + "), got " + s.testMin));
        }
        if (s.repeatsMin > s.repeatsMax) {
            problems = problems.append(Problem.of("data.repeats.min", "must not exceed repeats.max (" + s.repeatsMax
                    + "), got " + s.repeatsMin));
        }
        if (s.task.equals("recall") && Math.min(s.min, s.testMin) < 2) {
            problems = problems.append(Problem.of("data.length.min", "recall needs at least 2 items per sequence, got "
                    + Math.min(s.min, s.testMin)));
        }
        if (s.task.equals("lookahead") && Math.min(s.min, s.testMin) <= s.ahead) {
            problems = problems.append(Problem.of("data.length.min", "lookahead needs more than 'ahead' (" + s.ahead
                    + ") vectors per sequence, got " + Math.min(s.min, s.testMin)));
        }
        if (s.task.equals("traversal") && s.bits < 31 && s.nodes >= 1 << s.bits) {
            problems = problems.append(Problem.of("data.bits", "traversal needs a distinct nonzero code for each of the "
                    + s.nodes + " graph.nodes, so more than log2(" + (s.nodes + 1) + ") bits, got " + s.bits));
        }
        return problems.isEmpty() ? Validation.valid(s) : Validation.invalid(problems);
    }

    int inputs() {
        return task.equals("traversal") ? GraphTask.inputs(bits, labels) : Tasks.inputs(task, bits);
    }

    int outputs() {
        return Tasks.outputs(task, bits);
    }

    /** An upper bound of what {@link #generate} makes: every sequence at its longest. */
    DataShape shape() {
        long longest = Math.max(length(max), length(testMax));
        long sequences = (long) trainSize + validationSize + testSize;
        long steps = sequences * longest;
        return new DataShape("data.train.size", sequences, steps, longest, inputs(), outputs(),
                DataShape.sequenceBytes(sequences, steps, inputs(), outputs()));
    }

    private int length(int size) {
        return task.equals("traversal") ? GraphTask.length(nodes, labels, size) : Tasks.length(task, size, repeatsMax, itemLength);
    }

    /** Training, validation and test sets, each from its own stream split off {@code seed}. */
    Dataset[] generate(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = {root.split(), root.split(), root.split()};
        int[] sizes = {trainSize, validationSize, testSize};
        Dataset[] sets = new Dataset[3];
        for (int i = 0; i < 3; i++) {
            java.util.List<Sequence> seqs = new ArrayList<>(sizes[i]);
            int lo = i == 2 ? testMin : min;
            int hi = i == 2 ? testMax : max;
            for (int n = 0; n < sizes[i]; n++) {
                seqs.add(sequence(streams[i], lo + streams[i].nextInt(hi - lo + 1)));
            }
            sets[i] = new Dataset(seqs, inputs(), outputs());
        }
        return sets;
    }

    private Sequence sequence(SplittableRandom random, int size) {
        switch (task) {
            case "copy":
                return Tasks.copy(random, bits, size);
            case "traversal":
                return GraphTask.traversal(random, bits, nodes, labels, size);
            case "repeat-copy":
                return Tasks.repeatCopy(random, bits, size, repeatsMin + random.nextInt(repeatsMax - repeatsMin + 1), repeatsMax);
            case "lookahead":
                return Tasks.lookahead(random, bits, size, ahead);
            default:
                return Tasks.recall(random, bits, size, itemLength);
        }
    }
}
