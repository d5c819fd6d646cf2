package io.engram.app.proteinhomology.internal;

import java.util.Objects;

/**
 * One protein sequence as read from a file: its id, its residues (upper-case one-letter codes, gaps
 * removed), its family label (null when the file gives none) and where it was read ({@code file:line}
 * of its header or first row). Immutable.
 */
record ProteinRecord(String id, String residues, String label, String where) {
    ProteinRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(residues, "residues");
        Objects.requireNonNull(where, "where");
    }

    ProteinRecord withLabel(String family) {
        return new ProteinRecord(id, residues, family, where);
    }
}
