package io.engram.app.subcellular.internal;

import io.engram.api.Hyperparameters;
import io.engram.layers.protein.Encoding;

/** The validated {@code data.*} parameters of a subcellular-localisation job. Immutable. */
record SubcellularSettings(boolean synthetic, String trainFile, String testFile, String labelsFile, String labelKey,
                           double testFraction, double validationFraction, Encoding encoding, boolean balanced,
                           int maxResidues, LocalisationSignals.Spec generator, String report, long splitSeed) {

    static SubcellularSettings of(Hyperparameters p) {
        return new SubcellularSettings(p.getString("source").equals("synthetic"), p.getString("train.file"),
                p.getString("test.file"), p.getString("labels"), p.getString("label.key"), p.getDouble("test.fraction"),
                p.getDouble("validation.fraction"), Encoding.of(p.getString("encoding")),
                p.getString("class.weights").equals("balanced"), p.getInt("max.residues"),
                new LocalisationSignals.Spec(p.getInt("per.class"), p.getInt("min.length"), p.getInt("max.length"),
                        p.getDouble("mutation"), p.getDouble("decoy")),
                p.getString("report"), p.getInt("split.seed"));
    }

    long seed(long jobSeed) {
        return splitSeed < 0 ? jobSeed : splitSeed;
    }
}
