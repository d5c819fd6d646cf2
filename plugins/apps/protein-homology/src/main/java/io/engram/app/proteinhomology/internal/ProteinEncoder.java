package io.engram.app.proteinhomology.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.layers.protein.Encoding;
import io.engram.layers.protein.ProteinRecord;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns labelled records into sequences: one step per residue (the first {@code max.length} when
 * truncating), inputs by the {@link Encoding}, and a single target at the last step, the one-hot
 * vector of the record's family over the families in output order (read through softmax in
 * multiclass mode, as one member/non-member target per output in one-vs-rest mode). A record given
 * twice (resampled) becomes the same sequence object. Not thread-safe; one per load.
 */
final class ProteinEncoder {
    private final Encoding encoding;
    private final int maxLength;
    private final List<String> families;
    private final Map<ProteinRecord, Sequence> done = new IdentityHashMap<>();

    ProteinEncoder(Encoding encoding, int maxLength, List<String> families) {
        this.encoding = encoding;
        this.maxLength = maxLength;
        this.families = List.copyOf(families);
    }

    Dataset dataset(List<ProteinRecord> records) {
        return new Dataset(records.stream().map(r -> done.computeIfAbsent(r, this::sequence)).toList(),
                encoding.width(), families.size());
    }

    private Sequence sequence(ProteinRecord r) {
        double[][] x = encoding.encode(truncated(r.residues(), maxLength));
        int t = x.length;
        double[][] y = new double[t][families.size()];
        boolean[] mask = new boolean[t];
        y[t - 1][families.indexOf(r.label())] = 1;
        mask[t - 1] = true;
        return new Sequence(x, y, mask);
    }

    static String truncated(String residues, int maxLength) {
        return residues.length() > maxLength ? residues.substring(0, maxLength) : residues;
    }
}
