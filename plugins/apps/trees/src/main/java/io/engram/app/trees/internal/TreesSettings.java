package io.engram.app.trees.internal;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.SplittableRandom;

/**
 * The application's parameters, validated together (every problem named by its key), and the sets
 * they give. Immutable.
 */
record TreesSettings(String task, int modulus, int depthMin, int depthMax, int testDepthMin, int testDepthMax,
                     int trainSize, int validationSize, int testSize, String trainFile, String validationFile,
                     String testFile) {

    static Validation<Seq<Problem>, TreesSettings> of(Schema schema, Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = schema.validate(params.asStrings(), "data.");
        if (v.isInvalid()) {
            return Validation.invalid(v.getError());
        }
        Hyperparameters p = v.get();
        int testMax = p.getInt("test.depth.max");
        TreesSettings s = new TreesSettings(p.getString("task"), p.getInt("modulus"), p.getInt("depth.min"),
                p.getInt("depth.max"), p.getInt("test.depth.min") == 0 ? p.getInt("depth.min") : p.getInt("test.depth.min"),
                testMax == 0 ? p.getInt("depth.max") : testMax, p.getInt("train.size"), p.getInt("validation.size"),
                p.getInt("test.size"), p.getString("train.file"), p.getString("validation.file"), p.getString("test.file"));
        Seq<Problem> problems = List.empty();
        if (s.depthMin > s.depthMax) {
            problems = problems.append(Problem.of("data.depth.min", "must not exceed depth.max (" + s.depthMax + "), got " + s.depthMin));
        }
        if (s.testDepthMin > s.testDepthMax) {
            problems = problems.append(Problem.of("data.test.depth.min", "must not exceed test.depth.max ("
                    + s.testDepthMax + "), got " + s.testDepthMin));
        }
        if (s.task.equals("treebank") && s.trainFile.isEmpty()) {
            problems = problems.append(Problem.of("data.train.file", "the task 'treebank' needs a training file"));
        }
        return problems.isEmpty() ? Validation.valid(s) : Validation.invalid(problems);
    }

    /** Training, validation and test sets. */
    Try<Dataset[]> load(long seed) {
        return task.equals("treebank") ? Treebank.load(trainFile, validationFile, testFile) : Try.success(arithmetic(seed));
    }

    /** Expressions of depths drawn uniformly from the ranges, each set from its own stream split off {@code seed}. */
    private Dataset[] arithmetic(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = {root.split(), root.split(), root.split()};
        int[] sizes = {trainSize, validationSize, testSize};
        TreeEncoding encoding = new TreeEncoding(ArithmeticTrees.words(modulus), ArithmeticTrees.classes(modulus));
        Dataset[] sets = new Dataset[3];
        for (int i = 0; i < 3; i++) {
            int lo = i == 2 ? testDepthMin : depthMin;
            int hi = i == 2 ? testDepthMax : depthMax;
            java.util.List<Tree> trees = new ArrayList<>(sizes[i]);
            for (int n = 0; n < sizes[i]; n++) {
                trees.add(ArithmeticTrees.expression(streams[i], lo + streams[i].nextInt(hi - lo + 1), modulus));
            }
            sets[i] = encoding.encode(trees);
        }
        return sets;
    }
}
