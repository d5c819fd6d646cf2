package io.engram.app.translation.internal;

import io.engram.api.Hyperparameters;

/**
 * The validated {@code data.*} parameters of a translation job (see {@link TranslationApplication}).
 * Immutable.
 */
record TranslationSettings(String file, String validationFile, String testFile, double validationFraction,
                           double testFraction, long shuffleSeed, boolean bpe, boolean lowercase, int bpeMerges,
                           int sourceVocabulary, int targetVocabulary, int beam, double lengthPenalty,
                           int maxLineBytes) {

    static TranslationSettings of(Hyperparameters p) {
        return new TranslationSettings(p.getString("file"), p.getString("validation.file"), p.getString("test.file"),
                p.getDouble("validation.fraction"), p.getDouble("test.fraction"), p.getInt("shuffle.seed"),
                p.getString("tokens").equals("bpe"), p.getBoolean("lowercase"), p.getInt("bpe.merges"),
                p.getInt("source.vocabulary"), p.getInt("target.vocabulary"), p.getInt("beam"),
                p.getDouble("length.penalty"), p.getInt("max.line.bytes"));
    }

    /** The settings that shape the data, the file names left out. */
    String withoutFiles() {
        return "fractions=" + validationFraction + "," + testFraction + ",shuffle=" + shuffleSeed + ",bpe=" + bpe
                + ",lowercase=" + lowercase + ",merges=" + bpeMerges + ",vocabularies=" + sourceVocabulary + ","
                + targetVocabulary + ",beam=" + beam + ",length.penalty=" + lengthPenalty + ",max.line=" + maxLineBytes;
    }

    WordTokenizer tokenizer() {
        return new WordTokenizer(lowercase);
    }

    /** The longest translation decoded for a source of {@code sourceTokens} tokens, the end token included. */
    static int maxTargetLength(int sourceTokens) {
        return 2 * sourceTokens + 10;
    }
}
