package io.engram.app.translation.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Builds a translation task from its files: reads the pairs ({@link CorpusReader}), splits
 * validation and test pairs off the training file when they have no file of their own (a shuffle
 * seeded by {@code data.shuffle.seed}, or the job's seed), learns BPE merges and vocabularies from
 * the training pairs only, and encodes every pair ({@link Encoding}); the datasets carry a
 * {@link TranslationContext}. Nothing is kept when a file has a problem. Stateless.
 */
final class ParallelData {

    private ParallelData() {
    }

    /** The task and what it was encoded with. */
    record Built(TaskData data, TranslationContext context) {
    }

    static Built build(TranslationSettings s, long seed) {
        Problems problems = new Problems();
        byte[] train = CorpusReader.bytes("data.file", s.file(), problems);
        byte[] validation = s.validationFile().isEmpty() ? null
                : CorpusReader.bytes("data.validation.file", s.validationFile(), problems);
        byte[] test = s.testFile().isEmpty() ? null : CorpusReader.bytes("data.test.file", s.testFile(), problems);
        problems.check();
        List<Pair> trainPairs = CorpusReader.pairs(s.file(), train, s.maxLineBytes(), problems);
        List<Pair> validationPairs = validation == null ? null
                : CorpusReader.pairs(s.validationFile(), validation, s.maxLineBytes(), problems);
        List<Pair> testPairs = test == null ? null : CorpusReader.pairs(s.testFile(), test, s.maxLineBytes(), problems);
        problems.check();
        if (validationPairs == null || testPairs == null) {
            List<Pair> shuffled = shuffle(trainPairs, s.shuffleSeed() < 0 ? seed : s.shuffleSeed());
            int n = shuffled.size();
            int nTest = testPairs == null ? (int) Math.round(n * s.testFraction()) : 0;
            int nValidation = validationPairs == null ? (int) Math.round(n * s.validationFraction()) : 0;
            if (nTest + nValidation >= n) {
                problems.add("data.validation.fraction", "with data.test.fraction it leaves no training pairs of " + n);
                problems.check();
            }
            testPairs = testPairs == null ? shuffled.subList(n - nTest, n) : testPairs;
            validationPairs = validationPairs == null ? shuffled.subList(n - nTest - nValidation, n - nTest)
                    : validationPairs;
            trainPairs = shuffled.subList(0, n - nTest - nValidation);
        }
        TextCodec source = learn(trainPairs, true, s);
        TextCodec target = learn(trainPairs, false, s);
        Map<String, TranslationContext.Texts> texts = new LinkedHashMap<>();
        List<Dataset> sets = new ArrayList<>();
        for (List<Pair> pairs : List.of(trainPairs, validationPairs, testPairs)) {
            sets.add(encode(pairs, source, target, texts));
        }
        TranslationContext context = new TranslationContext(source, target, s.beam(), s.lengthPenalty(), texts);
        Dataset trainSet = sets.get(0).withContext(context);
        Dataset validationSet = sets.get(1).withContext(context);
        Dataset testSet = sets.get(2).withContext(context);
        String where = "translation:" + s.file() + (s.validationFile().isEmpty() ? "" : "," + s.validationFile())
                + (s.testFile().isEmpty() ? "" : "," + s.testFile());
        TaskData data = new TaskData(trainSet, validationSet, testSet, "softmax-ce", where,
                digest(s, seed, train, validation, test));
        return new Built(data, context);
    }

    /**
     * SHA-256 of what determines the data: the settings, the seed when it drew the split, and each
     * file's length and bytes.
     */
    private static String digest(TranslationSettings s, long seed, byte[]... files) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        boolean drawn = s.validationFile().isEmpty() || s.testFile().isEmpty();
        md.update((s.withoutFiles() + (drawn ? ",seed=" + seed : "")).getBytes(StandardCharsets.UTF_8));
        for (byte[] f : files) {
            md.update(ByteBuffer.allocate(8).putLong(f == null ? -1 : f.length).array());
            if (f != null) {
                md.update(f);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static List<Pair> shuffle(List<Pair> pairs, long seed) {
        List<Pair> copy = new ArrayList<>(pairs);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, r.nextInt(i + 1));
        }
        return copy;
    }

    /** The codec of one side, learned from the training pairs. */
    static TextCodec learn(List<Pair> pairs, boolean sourceSide, TranslationSettings s) {
        WordTokenizer words = s.tokenizer();
        List<List<String>> sentences = new ArrayList<>();
        LinkedHashMap<String, Integer> counts = new LinkedHashMap<>();
        for (Pair p : pairs) {
            List<String> tokens = words.tokenize(sourceSide ? p.source() : p.target());
            sentences.add(tokens);
            tokens.forEach(t -> counts.merge(t, 1, Integer::sum));
        }
        Optional<Bpe> bpe = s.bpe() ? Optional.of(Bpe.learn(counts, s.bpeMerges())) : Optional.empty();
        List<List<String>> units = sentences.stream().map(t -> TextCodec.subwords(t, bpe)).toList();
        int size = sourceSide ? s.sourceVocabulary() : s.targetVocabulary();
        return new TextCodec(words, bpe, Vocabulary.build(units, size));
    }

    private static Dataset encode(List<Pair> pairs, TextCodec source, TextCodec target,
                                  Map<String, TranslationContext.Texts> texts) {
        List<Sequence> sequences = new ArrayList<>(pairs.size());
        int vs = source.vocabulary().size();
        int vt = target.vocabulary().size();
        for (Pair p : pairs) {
            int[] src = source.encode(p.source());
            int[] tgt = target.encode(p.target());
            sequences.add(Encoding.sequence(src, tgt, vs, vt));
            texts.putIfAbsent(TranslationContext.key(src, tgt), new TranslationContext.Texts(p.source(), p.target()));
        }
        return new Dataset(sequences, vs, vt);
    }
}
