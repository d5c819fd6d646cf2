package io.engram.app.trees.internal;

import io.engram.testkit.ApplicationConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The trees application held to the application conformance suite; its loss is the basic losses' softmax-ce. */
class TreesConformanceTest extends ApplicationConformance {

    TreesConformanceTest() {
        super(new TreesApplication(), Map.of("modulus", "5", "depth.max", "2", "train.size", "30",
                "validation.size", "10", "test.size", "10"), Set.of("node.accuracy", "root.accuracy"));
    }

    @Override
    protected Set<String> losses() {
        return Set.of("softmax-ce");
    }

    @Override
    protected List<BadCase> badParameters() {
        return List.of(new BadCase(Map.of("depth.min", "4", "depth.max", "3"), "depth.min"),
                new BadCase(Map.of("test.depth.min", "6", "test.depth.max", "5"), "test.depth.min"),
                new BadCase(Map.of("task", "treebank"), "train.file"),
                new BadCase(Map.of("task", "treebank", "train.file", "no/such/file.txt"), "train.file"));
    }
}
