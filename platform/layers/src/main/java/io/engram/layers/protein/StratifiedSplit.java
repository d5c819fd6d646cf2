package io.engram.layers.protein;

import io.engram.layers.protein.ProteinRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded split of labelled records, family by family: of a family's {@code n} members,
 * {@code round(fraction * n)} go to the held part, at least one when the fraction is above zero and
 * the family has two or more members, and never all of them (a family of one stays whole in the
 * kept part). Which members are held is a shuffle of the family drawn from the seed; both parts keep
 * the records' order in the input. Stateless.
 */
public final class StratifiedSplit {
    private StratifiedSplit() {
    }

    /** The kept part and the held part, in that order. */
    public static List<List<ProteinRecord>> split(List<ProteinRecord> records, double fraction, long seed) {
        Map<String, List<Integer>> byFamily = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            byFamily.computeIfAbsent(records.get(i).label(), k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        Set<Integer> held = new HashSet<>();
        for (String family : byFamily.keySet().stream().sorted().toList()) {
            List<Integer> members = new ArrayList<>(byFamily.get(family));
            int n = members.size();
            int k = (int) Math.round(fraction * n);
            if (fraction > 0 && n >= 2) {
                k = Math.max(1, k);
            }
            k = Math.min(k, n - 1);
            Collections.shuffle(members, random);
            held.addAll(members.subList(0, Math.max(k, 0)));
        }
        List<ProteinRecord> kept = new ArrayList<>();
        List<ProteinRecord> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            (held.contains(i) ? out : kept).add(records.get(i));
        }
        return List.of(kept, out);
    }
}
