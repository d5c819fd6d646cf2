package io.engram.app.speech.internal;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Loads the sets of a speech job from its validated {@code data.*} parameters: checks the feature
 * settings (naming the key at fault), reads the manifests ({@link Corpus}), splits validation off
 * training when there is no validation manifest, and names the source as
 * {@code speech:MANIFESTS features:KEY=VALUE,...} so that the checkpoint keeps the feature settings.
 * Every problem of every set is reported at once, each after the key of its manifest
 * ({@code data.manifest: FILE:LINE: ...}). Stateless and thread-safe.
 */
final class SpeechData {
    /** Marks the feature settings at the end of {@link TaskData#source()}, where users read them. */
    static final String FEATURES_MARK = " features:";

    private SpeechData() {
    }

    static TaskData load(Hyperparameters h, long seed) {
        FeatureSettings fs = FeatureSettings.of(h);
        List<String> problems = new ArrayList<>();
        fs.problems().forEach((key, message) -> problems.add("data." + key + ": " + message));
        Features features = problems.isEmpty() ? new Features(fs) : null;
        if (features != null && features.emptyBand() >= 0) {
            problems.add("data.mels: mel band " + (features.emptyBand() + 1) + " of " + fs.mels() + " holds no FFT bin "
                    + "at nfft " + fs.fftLength() + "; use fewer bands or a longer FFT");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(Problems.join(problems));
        }
        boolean strict = h.getString("loss").equals("ctc");
        MessageDigest digest = sha256();
        List<String> names = new ArrayList<>();
        List<List<Sequence>> sets = new ArrayList<>();
        for (String key : List.of("manifest", "validation.manifest", "test.manifest")) {
            String file = h.getString(key).trim();
            if (file.isEmpty()) {
                sets.add(null);
                continue;
            }
            names.add(file);
            List<String> found = new ArrayList<>();
            sets.add(Corpus.read(Path.of(file), features, strict, digest, found));
            found.forEach(p -> problems.add("data." + key + ": " + p));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(Problems.join(problems));
        }
        int in = fs.inputSize();
        int out = Alphabet.CLASSES;
        SpeechContext context = new SpeechContext(fs, h.getInt("beam"));
        Dataset train = new Dataset(sets.get(0), in, out).withContext(context);
        Dataset validation;
        if (sets.get(1) == null) {
            List<Dataset> split = train.split(h.getDouble("validation.fraction"), seed);
            train = split.get(0);
            validation = split.get(1);
        } else {
            validation = new Dataset(sets.get(1), in, out).withContext(context);
        }
        Dataset test = new Dataset(sets.get(2) == null ? List.of() : sets.get(2), in, out).withContext(context);
        String source = "speech:" + String.join(",", names) + FEATURES_MARK + String.join(",", fs.asStrings());
        return new TaskData(train, validation, test, h.getString("loss"), source,
                HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** For tests: the settings in {@code raw} over the schema's defaults. */
    static Hyperparameters validated(Map<String, String> raw) {
        return SpeechApplication.SCHEMA.validate(raw, "data.").getOrElseGet(p -> SpeechApplication.fail(
                p.mkString("; ")));
    }
}
