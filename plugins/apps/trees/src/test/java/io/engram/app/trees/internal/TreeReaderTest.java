package io.engram.app.trees.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeReaderTest {

    private static List<String> problems(String text) {
        Validation<List<String>, List<Tree>> v = TreeReader.read("f.txt", text);
        assertTrue(v.isInvalid(), "read: " + text);
        return v.getError();
    }

    @Test
    void readsLeavesNodesAndPositionsOverLines() {
        List<Tree> trees = TreeReader.read("f.txt", "(3 (2 the)\n   (4 (4 very) (3 good)))  (1 bad)\n").get();
        assertEquals(2, trees.size());
        Tree t = trees.get(0);
        assertEquals("3", t.label());
        assertEquals(2, t.children().size());
        assertEquals("f.txt:2:4", t.children().get(1).where());
        assertEquals("good", t.children().get(1).children().get(1).word());
        assertEquals(2, t.height());
        assertEquals("(1 bad)", trees.get(1).text());
        assertEquals("f.txt:2:28", trees.get(1).where());
    }

    @Test
    void textRoundTrips() {
        String s = "(3 (2 the) (4 (4 very) (3 good)))";
        assertEquals(s, TreeReader.read("f", s).get().get(0).text());
    }

    @Test
    void namesFileLineAndColumnOfEveryProblem() {
        assertEquals(List.of("f.txt:1:8: unbalanced ')': no tree is open"), problems("(1 bad))"));
        assertEquals(List.of("f.txt:2:1: unbalanced '(': not closed before the end of the file"),
                problems("(1 bad)\n(2 (2 a) (2 b)"));
        assertEquals(List.of("f.txt:1:1: missing label: '(' follows '(' directly"), problems("((2 a) (2 b))"));
        assertEquals(List.of("f.txt:1:4: empty tree '()'"), problems("(1 () (2 b))"));
        assertEquals(List.of("f.txt:1:1: node '2' has neither a word nor children"), problems("(2)"));
        assertEquals(List.of("f.txt:1:9: leaf '2 a' must close after its one word, got 'b'"), problems("(2 (2 a b))"));
        assertEquals(List.of("f.txt:1:10: word 'b' among the children of node '2': a word belongs in a leaf (label word)"),
                problems("(2 (2 a) b)"));
        assertEquals(List.of("f.txt:1:1: text outside a tree: 'x'"), problems("x (2 a)"));
        assertEquals(List.of("f.txt:1:1: no tree in the file"), problems(" \n"));
    }

    @Test
    void reportsTheProblemsOfEveryLineAtOnce() {
        assertEquals(List.of("f.txt:1:6: unbalanced ')': no tree is open", "f.txt:3:1: empty tree '()'"),
                problems("(2 a))\n(2 (2 a) (2 b))\n()\n(1 b)"));
    }

    @Test
    void encodingRefusesNonBinaryNodesAndUnknownLabelsNamingThem() {
        List<Tree> trees = TreeReader.read("g.txt", "(1 (2 a) (2 b) (2 c))\n(7 (2 a) (2 b))").get();
        TreeEncoding e = new TreeEncoding(List.of("<unk>", "a", "b"), List.of("1", "2"));
        assertEquals(List.of("g.txt:1:1: node '1' has 3 children; trees must be binary (each node composes two children)",
                "g.txt:2:1: label '7' is not one of the training labels [1, 2]"), e.problems(trees));
    }
}
