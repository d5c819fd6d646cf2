/**
 * Protein sequence files as the protein applications read them: FASTA and Stockholm 1.0 records
 * ({@link io.engram.layers.protein.FastaReader}, {@link io.engram.layers.protein.StockholmReader},
 * told apart by {@link io.engram.layers.protein.SequenceFiles}), id-to-label tables, the residue
 * alphabet, the residue encodings (one-hot, BLOSUM62 rows), a seeded split stratified by label, and class balancing by resampling. Every problem in a file is
 * reported to a {@link io.engram.layers.protein.ProblemSink} naming {@code file:line}.
 */
@Version("0.1.0")
@Export
package io.engram.layers.protein;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
