package io.engram.app.handwriting.internal;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Loads the three sets of a handwriting job from its validated {@code data.*} parameters, from files
 * ({@link InkFiles}) or from the generator ({@link #generate}), and encodes them: the alphabet from
 * {@code data.alphabet} or the training transcripts, the features of {@link PenFeatures}, the
 * baselines' metrics per set ({@link Baselines}). Every problem of every set is reported at once,
 * each after its key ({@code data.test.file: FILE:LINE: ...}); a sample with fewer steps than its
 * transcript needs under CTC is one of them. Stateless and thread-safe.
 */
final class HandwritingData {
    /** The sets' inks and what the source is called. */
    record Sets(List<List<Ink>> inks, String source, String digest) {
    }

    /** Mixed into the seed for the stream of the random training words, apart from the writers' streams. */
    private static final long RANDOM_WORDS = 0x5DEECE66DL;

    private HandwritingData() {
    }

    static HandwritingTask load(Hyperparameters h, long seed) {
        Sets sets = h.getString("source").equals("generate") ? generate(h, seed) : files(h, seed);
        return encode(h, sets);
    }

    /** The generated sets: training, validation and test writers apart, each writer from its own stream. */
    static Sets generate(Hyperparameters h, long seed) {
        List<String> problems = new ArrayList<>();
        List<String> words = new ArrayList<>(words(h.getString("words")));
        boolean apart = !h.getString("test.words").isBlank();
        List<String> testWords = apart ? words(h.getString("test.words")) : words;
        if (apart) {
            List<String> seen = testWords.stream().filter(words::contains).toList();
            if (!seen.isEmpty()) {
                problems.add("data.test.words: " + seen + " are training words too; test.words are meant to be unseen "
                        + "(leave it empty to test on the training words)");
            }
        }
        SplittableRandom letters = new SplittableRandom(seed ^ RANDOM_WORDS);
        for (int i = 0; i < h.getInt("random.words"); i++) {
            StringBuilder w = new StringBuilder();
            for (int k = letters.nextInt(2, 8); k > 0; k--) {
                w.append((char) ('a' + letters.nextInt(26)));
            }
            if (!testWords.contains(w.toString()) || !apart) {
                words.add(w.toString());
            }
        }
        List<String> all = new ArrayList<>(words);
        all.addAll(testWords);
        for (String w : all) {
            for (char c : w.toCharArray()) {
                if (c != ' ' && Glyphs.of(c) == null) {
                    problems.add("data." + (words.contains(w) ? "words" : "test.words") + ": '" + w + "' holds '" + c + "', which the generator cannot write (it writes "
                            + Glyphs.characters() + " and spaces)");
                    break;
                }
            }
        }
        if (words.isEmpty()) {
            problems.add("data.words: no word to write");
        }
        Problems.check(problems);
        int[] writers = {h.getInt("writers"), h.getInt("validation.writers"), h.getInt("test.writers")};
        int perWriter = h.getInt("samples.per.writer");
        SplittableRandom root = new SplittableRandom(seed);
        List<List<Ink>> out = new ArrayList<>();
        int w = 0;
        for (int set = 0; set < 3; set++) {
            List<Ink> inks = new ArrayList<>();
            for (int k = 0; k < writers[set]; k++, w++) {
                SplittableRandom r = root.split();
                String name = String.format("w%02d", w + 1);
                Handwriter.Style style = Handwriter.style(name, r, h.getDouble("slant"), h.getDouble("jitter"),
                        h.getDouble("speed"));
                List<String> vocabulary = set == 2 ? testWords : words;
                for (int i = 0; i < perWriter; i++) {
                    String word = vocabulary.get(r.nextInt(vocabulary.size()));
                    inks.add(Handwriter.word(style, word, String.format("%s-%03d", name, i + 1), r));
                }
            }
            out.add(inks);
        }
        String source = "handwriting:generated seed=" + seed + " writers=" + writers[0] + "/" + writers[1] + "/"
                + writers[2] + " samples.per.writer=" + perWriter + " words=" + words.size() + (!apart ? "" : " test.words=" + testWords.size());
        return new Sets(out, source, null);
    }

    /** The words of a comma-separated list, trimmed, blanks dropped. */
    static List<String> words(String list) {
        List<String> out = new ArrayList<>();
        for (String w : list.split(",")) {
            String t = Alphabet.normalise(w);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static Sets files(Hyperparameters h, long seed) {
        List<String> problems = new ArrayList<>();
        if (h.getString("train.file").isBlank()) {
            problems.add("data.train.file: required with data.source=files");
        }
        Problems.check(problems);
        MessageDigest digest = sha256();
        List<List<Ink>> sets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String key : List.of("train.file", "validation.file", "test.file")) {
            String file = h.getString(key).strip();
            if (file.isEmpty()) {
                sets.add(null);
                continue;
            }
            names.add(file);
            List<String> found = new ArrayList<>();
            byte[] bytes = InkFiles.bytes(Path.of(file), found);
            List<Ink> inks = List.of();
            if (bytes != null) {
                digest.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
                digest.update(bytes);
                inks = InkFiles.read(Path.of(file), bytes, h.getString("format"), found);
            }
            found.forEach(p -> problems.add("data." + key + ": " + p));
            sets.add(inks);
        }
        Problems.check(problems);
        if (sets.get(1) == null) {
            List<Ink> all = new ArrayList<>(sets.get(0));
            Collections.shuffle(all, new java.util.Random(seed));
            int n = (int) Math.round(all.size() * h.getDouble("validation.fraction"));
            sets.set(0, all.subList(0, all.size() - n));
            sets.set(1, all.subList(all.size() - n, all.size()));
        }
        if (sets.get(2) == null) {
            sets.set(2, List.of());
        }
        return new Sets(sets, "handwriting:" + String.join(",", names), HexFormat.of().formatHex(digest.digest()));
    }

    static HandwritingTask encode(Hyperparameters h, Sets sets) {
        List<Ink> train = sets.inks().get(0);
        List<String> problems = new ArrayList<>();
        if (train.isEmpty()) {
            problems.add(key(h, 0) + ": no training sample");
        }
        Alphabet alphabet = h.getString("alphabet").isEmpty()
                ? Alphabet.of(train.stream().map(Ink::label).toList()) : new Alphabet(h.getString("alphabet"));
        PenFeatures features = new PenFeatures(h.getDouble("spacing"));
        List<List<Sequence>> encoded = new ArrayList<>();
        List<List<double[][]>> points = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        for (int set = 0; set < 3; set++) {
            List<Sequence> seqs = new ArrayList<>();
            List<double[][]> pts = new ArrayList<>();
            List<String> ls = new ArrayList<>();
            for (Ink ink : sets.inks().get(set)) {
                String where = key(h, set) + ": " + ink.where() + ": sample " + ink.id() + ": ";
                var bad = alphabet.problem(ink.label());
                if (bad.isPresent()) {
                    problems.add(where + bad.get());
                    continue;
                }
                int[] l = alphabet.encode(ink.label());
                if (l.length == 0) {
                    problems.add(where + "the label is empty");
                    continue;
                }
                double[][] steps = features.of(ink);
                int needed = needed(l);
                if (steps.length < needed) {
                    problems.add(where + steps.length + " points, too few for the " + l.length + " characters of \""
                            + ink.label() + "\" (" + needed + " needed under CTC)"
                            + (features.spacing() > 0 ? "; use a smaller data.spacing" : ""));
                    continue;
                }
                seqs.add(Sequence.labelled(steps, alphabet.classes(), l));
                pts.add(features.points(ink));
                ls.add(Alphabet.normalise(ink.label()));
            }
            encoded.add(seqs);
            points.add(pts);
            labels.add(ls);
        }
        Problems.check(problems);
        boolean dtw = h.getBoolean("baseline.dtw");
        int beam = h.getInt("beam");
        Dataset[] ds = new Dataset[3];
        for (int set = 0; set < 3; set++) {
            Map<String, Double> baselines = set == 0 ? Map.of()
                    : Baselines.of(points.get(set), labels.get(set), points.get(0), labels.get(0), dtw);
            ds[set] = new Dataset(encoded.get(set), PenFeatures.INPUTS, alphabet.classes())
                    .withContext(new HandwritingContext(alphabet, features, beam, baselines));
        }
        String digest = sets.digest() == null ? Dataset.sha256(ds) : sets.digest();
        return new HandwritingTask(ds[0], ds[1], ds[2], sets.source() + " spacing=" + features.spacing(), digest);
    }

    private static String key(Hyperparameters h, int set) {
        if (h.getString("source").equals("generate")) {
            return "data." + List.of("writers", "validation.writers", "test.writers").get(set);
        }
        return "data." + List.of("train.file", "validation.file", "test.file").get(set);
    }

    /** Steps CTC needs for {@code labels}: one each, plus one blank between two equal neighbours. */
    static int needed(int[] labels) {
        int n = labels.length;
        for (int i = 1; i < labels.length; i++) {
            n += labels[i] == labels[i - 1] ? 1 : 0;
        }
        return n;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** The encoded sets with the source's name and digest. */
    record HandwritingTask(Dataset train, Dataset validation, Dataset test, String source, String digest) {
    }
}
