package io.engram.app.translation.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Byte-pair encoding of words into subwords (Sennrich, Haddow and Birch 2016, section 3.2 and
 * algorithm 1). A word is split into characters, the last followed by the end-of-word symbol
 * {@value #END} as a symbol of its own; {@link #learn} then merges the most frequent adjacent pair
 * of symbols, counted over the training words weighted by their frequency, {@code merges} times.
 * Ties go to the pair seen first when the words are read in the order they first occur in the
 * training text and each word from left to right (as algorithm 1 does on a dictionary kept in
 * insertion order), so the merges are deterministic. {@link #segment} applies the merges to any
 * word, seen or not, in the order they were learned (lowest rank first, every occurrence at once);
 * the end-of-word symbol ends up attached to the last subword ({@code est</w>}).
 * Immutable and thread-safe.
 */
final class Bpe {
    static final String END = "</w>";

    private final List<String[]> merges;
    private final Map<String, Integer> ranks = new HashMap<>();

    Bpe(List<String[]> merges) {
        this.merges = List.copyOf(merges);
        for (int i = 0; i < this.merges.size(); i++) {
            ranks.putIfAbsent(key(this.merges.get(i)[0], this.merges.get(i)[1]), i);
        }
    }

    /** The merges, in the order learned: each {left, right}. */
    List<String[]> merges() {
        return merges.stream().map(String[]::clone).toList();
    }

    /**
     * Learns at most {@code count} merges from {@code words} (each word and its frequency, in order of
     * first occurrence); stops early when no word has two symbols left. The pair counts are kept up
     * to date as merges change the words that hold the merged pair, so each merge costs a pass over
     * the distinct pairs and the changed words, not over the whole vocabulary.
     */
    static Bpe learn(LinkedHashMap<String, Integer> words, int count) {
        List<List<String>> symbols = new ArrayList<>();
        List<Integer> freq = new ArrayList<>();
        words.forEach((w, f) -> {
            symbols.add(new ArrayList<>(chars(w)));
            freq.add(f);
        });
        PairCounts pairs = new PairCounts(symbols, freq);
        for (int i = 0; i < symbols.size(); i++) {
            pairs.add(i);
        }
        List<String[]> merges = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            String best = pairs.best();
            if (best == null) {
                break;
            }
            String[] pair = best.split(" ", 2);
            merges.add(pair);
            for (int i : pairs.wordsWith(best)) {
                pairs.remove(i);
                merge(symbols.get(i), pair[0], pair[1]);
                pairs.add(i);
            }
        }
        return new Bpe(merges);
    }

    /**
     * The count of each adjacent pair of symbols over the words, weighted by frequency, and the words
     * that hold it. Ties in {@link #best} go to the pair that occurs first (lowest word, then lowest
     * position). Not thread-safe; one per {@link #learn}.
     */
    private static final class PairCounts {
        private final List<List<String>> symbols;
        private final List<Integer> freq;
        private final Map<String, Long> counts = new HashMap<>();
        private final Map<String, TreeSet<Integer>> where = new HashMap<>();

        PairCounts(List<List<String>> symbols, List<Integer> freq) {
            this.symbols = symbols;
            this.freq = freq;
        }

        void add(int word) {
            update(word, +1);
        }

        void remove(int word) {
            update(word, -1);
        }

        /** Adds ({@code sign} 1) or removes (-1) every pair occurrence of {@code word}. */
        private void update(int word, int sign) {
            List<String> s = symbols.get(word);
            long f = freq.get(word);
            for (int j = 0; j + 1 < s.size(); j++) {
                String k = key(s.get(j), s.get(j + 1));
                long c = counts.getOrDefault(k, 0L) + sign * f;
                if (sign > 0) {
                    counts.put(k, c);
                    where.computeIfAbsent(k, x -> new TreeSet<>()).add(word);
                } else if (c <= 0) {
                    counts.remove(k);
                    where.remove(k);
                } else {
                    counts.put(k, c);
                    where.get(k).remove(word);
                }
            }
        }

        List<Integer> wordsWith(String pair) {
            return new ArrayList<>(where.get(pair));
        }

        /** The most frequent pair, the first to occur among equals; null when there is none. */
        String best() {
            String best = null;
            long bestCount = 0;
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                long c = e.getValue();
                if (c > bestCount || c == bestCount && best != null && before(e.getKey(), best)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            return best;
        }

        private boolean before(String a, String b) {
            int wa = where.get(a).first();
            int wb = where.get(b).first();
            return wa != wb ? wa < wb : first(a, wa) < first(b, wb);
        }

        private int first(String pair, int word) {
            List<String> s = symbols.get(word);
            for (int j = 0; j + 1 < s.size(); j++) {
                if (key(s.get(j), s.get(j + 1)).equals(pair)) {
                    return j;
                }
            }
            return Integer.MAX_VALUE;
        }
    }

    /** The subwords of {@code word}, the last ending in {@value #END}. */
    List<String> segment(String word) {
        List<String> s = new ArrayList<>(chars(word));
        while (s.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            for (int j = 0; j + 1 < s.size(); j++) {
                bestRank = Math.min(bestRank, ranks.getOrDefault(key(s.get(j), s.get(j + 1)), Integer.MAX_VALUE));
            }
            if (bestRank == Integer.MAX_VALUE) {
                break;
            }
            merge(s, merges.get(bestRank)[0], merges.get(bestRank)[1]);
        }
        return s;
    }

    /** The words of a subword sequence: subwords are joined until one ends with {@value #END}. */
    static List<String> join(List<String> subwords) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (String s : subwords) {
            if (s.endsWith(END)) {
                word.append(s, 0, s.length() - END.length());
                words.add(word.toString());
                word.setLength(0);
            } else {
                word.append(s);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static List<String> chars(String word) {
        List<String> out = new ArrayList<>(Arrays.asList(word.codePoints().mapToObj(Character::toString)
                .toArray(String[]::new)));
        out.add(END);
        return out;
    }

    /** Replaces every adjacent {@code left right} of {@code s} by their concatenation, left to right. */
    private static void merge(List<String> s, String left, String right) {
        for (int j = 0; j + 1 < s.size(); j++) {
            if (s.get(j).equals(left) && s.get(j + 1).equals(right)) {
                s.set(j, left + right);
                s.remove(j + 1);
            }
        }
    }

    private static String key(String left, String right) {
        return left + " " + right;
    }
}
