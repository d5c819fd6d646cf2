package io.engram.app.proteinhomology.internal;

import io.engram.api.Hyperparameters;
import io.engram.layers.protein.Encoding;

/**
 * The validated {@code data.*} parameters of a protein-homology job. Immutable.
 *
 * @param splitSeed the seed of the test and validation splits and of the resampling; -1: the job's
 */
record ProteinSettings(String trainFile, String testFile, String labelsFile, double testFraction,
                       double validationFraction, Encoding encoding, boolean oneVsRest, boolean balanced,
                       int maxLength, boolean truncate, long splitSeed) {

    static final String MULTICLASS = "multiclass";
    static final String ONE_VS_REST = "one-vs-rest";
    static final String SIGMOID_BCE = "sigmoid-bce";
    static final String SOFTMAX_CE = "softmax-ce";

    static ProteinSettings of(Hyperparameters p) {
        return new ProteinSettings(p.getString("train.file"), p.getString("test.file"), p.getString("labels"),
                p.getDouble("test.fraction"), p.getDouble("validation.fraction"), Encoding.of(p.getString("encoding")),
                p.getString("mode").equals(ONE_VS_REST), p.getString("class.weights").equals("balanced"),
                p.getInt("max.length"), p.getString("too.long").equals("truncate"), p.getInt("split.seed"));
    }

    /** The loss of the mode: softmax cross-entropy over the families, or a sigmoid cross-entropy per family. */
    String loss() {
        return oneVsRest ? SIGMOID_BCE : SOFTMAX_CE;
    }

    long seed(long jobSeed) {
        return splitSeed < 0 ? jobSeed : splitSeed;
    }
}
