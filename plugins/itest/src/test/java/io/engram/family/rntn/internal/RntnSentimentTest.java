package io.engram.family.rntn.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.NetworkFamily;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.app.trees.internal.TreesApplication;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.recursive.internal.RecursiveFamily;
import io.engram.tensor.DType;
import io.engram.testkit.TestTrainingContext;
import io.engram.trainer.bptt.internal.BpttTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recursive neural tensor network learns sentiment labels at every node of bracketed trees: the
 * first {@value #TRAIN} trees of {@code examples/data/sentiment-trees/train.txt} (five classes at
 * every node, with negation, intensifiers and contrast), tested on the first {@value #TEST} of
 * {@code test.txt}, read by the {@code trees} application and trained by the bptt trainer, beside
 * the standard recursive network with node vectors of the same size trained the same way (Socher et
 * al. 2013, table 1, compare the two). The figures are the per-node and root accuracies. Seeded: the
 * tensor network labels 0.995 of the test nodes and 0.93 of the roots, the recursive network 0.939
 * and 0.74; the majority class is 0.472 of the nodes.
 */
class RntnSentimentTest {
    private static final CpuBackend BACKEND = new CpuBackend(1);
    private static final Path DATA = Path.of("../../examples/data/sentiment-trees");
    private static final int TRAIN = 300;
    private static final int TEST = 200;

    @AfterAll
    static void close() {
        BACKEND.close();
    }

    @Test
    void labelsEveryNodeOfHeldOutTrees(@TempDir Path dir) throws IOException {
        Path train = head(DATA.resolve("train.txt"), TRAIN, dir.resolve("train.txt"));
        Path test = head(DATA.resolve("test.txt"), TEST, dir.resolve("test.txt"));
        Application app = new TreesApplication();
        TaskData data = app.load(app.schema().validate(Map.of("task", "treebank", "train.file", train.toString(),
                "test.file", test.toString()), "data.").get(), 1).get();
        Network rntn = trained(new RntnFamily(), Map.of("hidden", "4", "capacity", "16"), data, app);
        Network recursive = trained(new RecursiveFamily(), Map.of("hidden", "4", "capacity", "16"), data, app);
        Map<String, Double> m = app.evaluate(rntn, BACKEND.ops(), data.test());
        Map<String, Double> r = app.evaluate(recursive, BACKEND.ops(), data.test());
        double majority = majority(data);
        System.out.printf("sentiment trees, d = 4: rntn node accuracy %.3f, root accuracy %.3f; recursive %.3f, %.3f;"
                + " majority node class %.3f%n", m.get("node.accuracy"), m.get("root.accuracy"), r.get("node.accuracy"),
                r.get("root.accuracy"), majority);
        assertTrue(m.get("node.accuracy") >= 0.97, "rntn node accuracy " + m);
        assertTrue(m.get("root.accuracy") >= 0.85, "rntn root accuracy " + m);
        assertTrue(m.get("node.accuracy") > r.get("node.accuracy") + 0.02, "rntn " + m + " against recursive " + r);
        assertTrue(m.get("root.accuracy") > r.get("root.accuracy") + 0.1, "rntn " + m + " against recursive " + r);
        assertTrue(majority < 0.5, "majority " + majority);
    }

    private static Network trained(NetworkFamily family, Map<String, String> model, TaskData data, Application app) {
        Hyperparameters h = family.schema().validate(model, "model.").get();
        Network net = family.create(new ModelSpec(family.id(), data.inputSize(), data.outputSize(), DType.F32, h),
                BACKEND, 1);
        Trainer trainer = new BpttTrainer();
        TestTrainingContext c = TestTrainingContext.builder(net, BACKEND)
                .train(data.train()).loss(data.loss())
                .hyper(trainer.schema(), Map.of("epochs", "25", "batch.size", "16", "lr", "0.01"))
                .seed(1).build();
        TrainingResult r = trainer.train(c);
        assertFalse(r.failed(), r.stopReason());
        System.out.println(family.id() + ": " + r.epochs() + " epochs, training " + app.evaluate(net, BACKEND.ops(), data.train()));
        return net;
    }

    /** The fraction of test nodes in the most frequent class. */
    private static double majority(TaskData data) {
        double[] counts = new double[data.outputSize()];
        double total = 0;
        for (var s : data.test().sequences()) {
            for (int t = 0; t < s.length(); t++) {
                for (int o = 0; o < counts.length && s.hasTarget(t); o++) {
                    counts[o] += s.target(t, o);
                    total += s.target(t, o);
                }
            }
        }
        return java.util.Arrays.stream(counts).max().orElse(0) / total;
    }

    private static Path head(Path from, int lines, Path to) throws IOException {
        List<String> all = Files.readAllLines(from);
        return Files.write(to, all.subList(0, lines));
    }
}
