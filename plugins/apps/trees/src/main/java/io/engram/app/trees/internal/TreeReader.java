package io.engram.app.trees.internal;

import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Penn-style bracketed trees, {@code (label (label word) (label (label word) (label word)))},
 * any number per line or spread over lines: a leaf is {@code (label word)}, an internal node
 * {@code (label child ...)}. Every problem is named by {@code name:line:column} (lines and columns
 * from 1): an unbalanced {@code )}, a bracket left open at the end (where it was opened), a missing
 * label, an empty tree {@code ()}, a node with neither word nor children, a leaf with more than one
 * word or with a word and children, text outside a tree, and a text with no tree at all. After a
 * problem the reader goes on at the next line, so that one pass reports the problems of every line
 * (at most {@value #MAX_PROBLEMS}); any problem makes the whole text invalid: nothing of it is kept.
 * Stateless.
 */
final class TreeReader {
    static final int MAX_PROBLEMS = 20;

    private TreeReader() {
    }

    /** The trees of {@code text}, or every problem found, each naming {@code name:line:column}. */
    static Validation<List<String>, List<Tree>> read(String name, String text) {
        List<Token> tokens = Token.scan(text);
        List<Tree> trees = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] at = {0};
        while (at[0] < tokens.size() && problems.size() < MAX_PROBLEMS) {
            Token t = tokens.get(at[0]);
            try {
                if (t.is("(")) {
                    trees.add(tree(name, tokens, at));
                } else if (t.is(")")) {
                    throw new Problem(t, "unbalanced ')': no tree is open");
                } else {
                    throw new Problem(t, "text outside a tree: '" + t.text() + "'");
                }
            } catch (Problem p) {
                problems.add(name + ":" + p.token.line() + ":" + p.token.column() + ": " + p.getMessage());
                at[0] = nextLine(tokens, p.token.line());
            }
        }
        if (problems.isEmpty() && trees.isEmpty()) {
            problems.add(name + ":1:1: no tree in the file");
        }
        return problems.isEmpty() ? Validation.valid(List.copyOf(trees)) : Validation.invalid(List.copyOf(problems));
    }

    /** The tree whose '(' is at {@code at[0]}; leaves {@code at[0]} after its ')'. */
    private static Tree tree(String name, List<Token> tokens, int[] at) {
        Token open = tokens.get(at[0]++);
        Token label = next(tokens, at, open);
        if (label.is(")")) {
            throw new Problem(open, "empty tree '()'");
        }
        if (label.is("(")) {
            throw new Problem(open, "missing label: '(' follows '(' directly");
        }
        String where = name + ":" + open.line() + ":" + open.column();
        Token first = next(tokens, at, open);
        if (first.is(")")) {
            throw new Problem(open, "node '" + label.text() + "' has neither a word nor children");
        }
        if (!first.is("(")) {
            Token close = next(tokens, at, open);
            if (!close.is(")")) {
                throw new Problem(close, "leaf '" + label.text() + " " + first.text()
                        + "' must close after its one word, got '" + close.text() + "'");
            }
            return new Tree(label.text(), first.text(), List.of(), where);
        }
        List<Tree> children = new ArrayList<>();
        at[0]--;
        while (true) {
            Token t = next(tokens, at, open);
            if (t.is(")")) {
                return new Tree(label.text(), null, children, where);
            }
            if (!t.is("(")) {
                throw new Problem(t, "word '" + t.text() + "' among the children of node '" + label.text()
                        + "': a word belongs in a leaf (label word)");
            }
            at[0]--;
            children.add(tree(name, tokens, at));
        }
    }

    private static Token next(List<Token> tokens, int[] at, Token open) {
        if (at[0] >= tokens.size()) {
            throw new Problem(open, "unbalanced '(': not closed before the end of the file");
        }
        return tokens.get(at[0]++);
    }

    private static int nextLine(List<Token> tokens, int line) {
        int i = 0;
        while (i < tokens.size() && tokens.get(i).line() <= line) {
            i++;
        }
        return i;
    }

    /** A problem at a token; caught by {@link #read}, never leaves this class. */
    private static final class Problem extends RuntimeException {
        private final transient Token token;

        Problem(Token token, String message) {
            super(message, null, false, false);
            this.token = token;
        }
    }
}
