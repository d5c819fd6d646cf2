package io.engram.layers.protein;

import java.util.Objects;

/**
 * One protein sequence as read from a file: its id, its residues (upper-case one-letter codes, gaps
 * removed), its family label (null when the file gives none) and where it was read ({@code file:line}
 * of its header or first row). Immutable.
 */
public record ProteinRecord(String id, String residues, String label, String where) {
    public ProteinRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(residues, "residues");
        Objects.requireNonNull(where, "where");
    }

    public ProteinRecord withLabel(String family) {
        return new ProteinRecord(id, residues, family, where);
    }
}
