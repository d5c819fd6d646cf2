package io.engram.app.actionrecognition.internal;

import io.engram.api.Hyperparameters;

/** The validated {@code data.*} parameters of an action-recognition job. Immutable. */
record ActionSettings(boolean synthetic, String trainFile, String testFile, double testFraction,
                      double validationFraction, Movements.Spec generator, int testPerformers, int frameStep,
                      String report, long splitSeed) {

    static ActionSettings of(Hyperparameters p) {
        return new ActionSettings(p.getString("source").equals("synthetic"), p.getString("train.file"),
                p.getString("test.file"), p.getDouble("test.fraction"), p.getDouble("validation.fraction"),
                new Movements.Spec(p.getInt("performers"), p.getInt("per.action"), p.getInt("frames"),
                        p.getDouble("noise"), p.getDouble("speed.variation"), p.getDouble("amplitude.variation")),
                p.getInt("test.performers"), p.getInt("frame.step"), p.getString("report"), p.getInt("split.seed"));
    }

    long seed(long jobSeed) {
        return splitSeed < 0 ? jobSeed : splitSeed;
    }
}
