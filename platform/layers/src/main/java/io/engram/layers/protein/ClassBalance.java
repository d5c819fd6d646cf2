package io.engram.layers.protein;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Balanced class weights by resampling: every family of the training records is brought to the size
 * of the largest by repeating its members, each {@code floor(max / n) - 1} more times and a seeded
 * draw of {@code max mod n} distinct members once more, so that each family weighs the same in the
 * loss (the weight {@code max / n} of balanced weighting, in whole copies). The copies follow the
 * original records, family by family in sorted order. Stateless.
 */
public final class ClassBalance {
    private ClassBalance() {
    }

    public static List<ProteinRecord> balance(List<ProteinRecord> records, long seed) {
        Map<String, List<ProteinRecord>> byFamily = new LinkedHashMap<>();
        for (ProteinRecord r : records) {
            byFamily.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
        }
        int max = byFamily.values().stream().mapToInt(List::size).max().orElse(0);
        Random random = new Random(seed);
        List<ProteinRecord> out = new ArrayList<>(records);
        for (String family : byFamily.keySet().stream().sorted().toList()) {
            List<ProteinRecord> members = byFamily.get(family);
            int n = members.size();
            for (int copy = 1; copy < max / n; copy++) {
                out.addAll(members);
            }
            List<ProteinRecord> drawn = new ArrayList<>(members);
            Collections.shuffle(drawn, random);
            out.addAll(drawn.subList(0, max % n));
        }
        return out;
    }
}
