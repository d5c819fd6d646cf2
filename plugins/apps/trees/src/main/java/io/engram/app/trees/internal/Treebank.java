package io.engram.app.trees.internal;

import io.engram.api.Dataset;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Bracketed treebank files (one or more trees per file, {@link TreeReader}) encoded as datasets
 * ({@link TreeEncoding}): the vocabulary and the classes come from the training file (words sorted,
 * {@code <unk>} first; labels sorted, numerically when they are all integers), and the validation and
 * test files must use no other labels. Every problem of every file is reported at once, each prefixed
 * by the parameter that names the file; a problem anywhere loads nothing. Stateless.
 */
final class Treebank {

    private Treebank() {
    }

    /** Training, validation and test sets; an empty path gives an empty set (not for training). */
    static Try<Dataset[]> load(String trainFile, String validationFile, String testFile) {
        List<String> problems = new ArrayList<>();
        List<Tree> train = read("data.train.file", trainFile, problems);
        List<Tree> validation = validationFile.isEmpty() ? List.of() : read("data.validation.file", validationFile, problems);
        List<Tree> test = testFile.isEmpty() ? List.of() : read("data.test.file", testFile, problems);
        if (!problems.isEmpty()) {
            return Try.failure(new IllegalArgumentException(String.join("; ", problems)));
        }
        TreeEncoding encoding = encoding(train);
        check("data.train.file", encoding, train, problems);
        check("data.validation.file", encoding, validation, problems);
        check("data.test.file", encoding, test, problems);
        if (!problems.isEmpty()) {
            return Try.failure(new IllegalArgumentException(String.join("; ", problems)));
        }
        return Try.success(new Dataset[] {encoding.encode(train), encoding.encode(validation), encoding.encode(test)});
    }

    /** The vocabulary and the classes of the training trees. */
    static TreeEncoding encoding(List<Tree> train) {
        TreeSet<String> words = new TreeSet<>();
        TreeSet<String> labels = new TreeSet<>();
        for (Tree tree : train) {
            for (Tree n : tree.postOrder()) {
                if (n.isLeaf()) {
                    words.add(n.word());
                }
                if (!n.label().equals(Tree.UNLABELLED)) {
                    labels.add(n.label());
                }
            }
        }
        List<String> w = new ArrayList<>();
        w.add(TreeEncoding.UNKNOWN);
        w.addAll(words);
        List<String> c = new ArrayList<>(labels);
        if (c.stream().allMatch(s -> s.matches("-?\\d{1,9}"))) {
            c.sort(Comparator.comparingInt(Integer::parseInt));
        }
        return new TreeEncoding(w, c);
    }

    private static List<Tree> read(String key, String file, List<String> problems) {
        if (file.isEmpty()) {
            problems.add(key + ": the task 'treebank' needs a file");
            return List.of();
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            problems.add(key + ": cannot read " + file + ": " + e.getMessage());
            return List.of();
        }
        var v = TreeReader.read(file, text);
        if (v.isInvalid()) {
            v.getError().forEach(p -> problems.add(key + ": " + p));
            return List.of();
        }
        return v.get();
    }

    private static void check(String key, TreeEncoding encoding, List<Tree> trees, List<String> problems) {
        encoding.problems(trees).forEach(p -> problems.add(key + ": " + p));
    }
}
