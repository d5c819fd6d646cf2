package io.engram.app.speechsynthesis.internal;

import io.engram.api.Dataset;
import io.engram.api.Hyperparameters;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loads the sets of a synthesis job: reads the manifests ({@link Manifest}) and their WAV files
 * ({@link WavFile}, each at the job's sample rate), computes log-mel frames ({@link Features}),
 * normalises them per band with the training set's mean and standard deviation, and encodes each
 * utterance as one sequence for an encoder-decoder that writes frames: its {@code L} input symbols as
 * one-hot rows, then zero rows (padding the source: seq2seq with {@code model.output=frames} reads
 * only the rows that are not all zero), and at step {@code t} of its {@code S = ceil(F / r)} target
 * steps the {@code r} normalised frames {@code t r .. t r + r - 1} (the last repeated past the end)
 * and a stop flag, 0 before the last step and 1 from it on; {@value #STOP_STEPS} steps more follow with
 * the last frame and the flag 1, so that the flag is learnt as a state (it is over) rather than one
 * rare step. The sequence has {@code max(L, S + STOP_STEPS)} steps, those past
 * {@code S + STOP_STEPS} without a target. The symbols are those of the training manifest, sorted; a
 * validation or test line with another is a problem. Every problem of every file is reported at once,
 * each after the key of its manifest ({@code data.manifest: FILE:LINE: ...}). Stateless and
 * thread-safe.
 */
final class SynthesisData {
    /** Steps past the last frame that teach the stop flag. */
    static final int STOP_STEPS = 3;
    /** Problems shown before the rest are counted. */
    private static final int CAP = 20;

    private SynthesisData() {
    }

    static TaskData load(Hyperparameters h, long seed) {
        Settings settings = Settings.of(h);
        List<String> problems = new ArrayList<>();
        if (Integer.bitCount(settings.fft()) != 1) {
            problems.add("data.fft: " + settings.fft() + " is not a power of two");
        }
        fail(problems);
        Features features = new Features(settings);
        if (settings.hop() > settings.fft()) {
            problems.add("data.hop.ms: a hop of " + settings.hop() + " samples is longer than the FFT of " + settings.fft());
        }
        if (features.bank().emptyBand() >= 0) {
            problems.add("data.mels: mel band " + (features.bank().emptyBand() + 1) + " of " + settings.mels()
                    + " holds no FFT bin at fft " + settings.fft() + "; use fewer bands or a longer FFT");
        }
        if (settings.ceps() >= settings.mels()) {
            problems.add("data.ceps: " + settings.ceps() + " cepstral coefficients need more than that many mel bands, "
                    + "not " + settings.mels());
        }
        fail(problems);
        List<String> keys = List.of("manifest", "validation.manifest", "test.manifest");
        List<List<Read>> sets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String key : keys) {
            String file = h.getString(key).trim();
            List<String> found = new ArrayList<>();
            sets.add(file.isEmpty() ? null : read(Path.of(file), settings, features, found));
            if (!file.isEmpty()) {
                names.add(file);
            }
            found.forEach(p -> problems.add("data." + key + ": " + p));
        }
        fail(problems);
        TreeSet<String> alphabet = new TreeSet<>();
        sets.get(0).forEach(r -> alphabet.addAll(r.symbols()));
        List<String> symbols = List.copyOf(alphabet);
        for (int k = 1; k < keys.size(); k++) {
            for (Read r : sets.get(k) == null ? List.<Read>of() : sets.get(k)) {
                for (String s : r.symbols()) {
                    if (!alphabet.contains(s)) {
                        problems.add("data." + keys.get(k) + ": " + r.where() + ": symbol '" + s + "' is not among the "
                                + symbols.size() + " symbols of the training manifest");
                        break;
                    }
                }
            }
        }
        fail(problems);
        int mels = settings.mels();
        double[] mean = new double[mels];
        double[] std = new double[mels];
        long frames = 0;
        for (Read r : sets.get(0)) {
            for (double[] f : r.logMel()) {
                for (int j = 0; j < mels; j++) {
                    mean[j] += f[j];
                    std[j] += f[j] * f[j];
                }
                frames++;
            }
        }
        for (int j = 0; j < mels; j++) {
            mean[j] /= frames;
            std[j] = Math.max(1e-3, Math.sqrt(Math.max(0, std[j] / frames - mean[j] * mean[j])));
        }
        Map<Sequence, SynthesisContext.Utterance> utterances = new IdentityHashMap<>();
        List<List<Sequence>> encoded = new ArrayList<>();
        List<SynthesisContext.Utterance> training = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            List<Sequence> out = new ArrayList<>();
            for (Read r : sets.get(k) == null ? List.<Read>of() : sets.get(k)) {
                int[] source = r.symbols().stream().mapToInt(symbols::indexOf).toArray();
                SynthesisContext.Utterance u = new SynthesisContext.Utterance(r.name(), source, r.logMel(), k == 2);
                Sequence s = encode(source, symbols.size(), r.logMel(), mean, std, settings.perStep());
                utterances.put(s, u);
                out.add(s);
                if (k == 0) {
                    training.add(u);
                }
            }
            encoded.add(out);
        }
        SynthesisContext context = new SynthesisContext(settings, features, mean, std, symbols, training, utterances);
        int in = symbols.size();
        int outSize = settings.outputs();
        Dataset train = new Dataset(encoded.get(0), in, outSize).withContext(context);
        Dataset validation;
        if (sets.get(1) == null) {
            List<Dataset> split = train.split(h.getDouble("validation.fraction"), seed);
            train = split.get(0);
            validation = split.get(1);
        } else {
            validation = new Dataset(encoded.get(1), in, outSize).withContext(context);
        }
        Dataset test = new Dataset(encoded.get(2), in, outSize).withContext(context);
        return new TaskData(train, validation, test, "mse", "speech-synthesis:" + String.join(",", names)
                + " input:" + (settings.phonemes() ? "phonemes" : "characters") + " symbols:" + symbols.size(),
                Dataset.sha256(train, validation, test));
    }

    /** One sequence: one-hot symbols, then normalised frames {@code r} to a step with the stop flag. */
    static Sequence encode(int[] source, int symbols, double[][] logMel, double[] mean, double[] std, int r) {
        int frames = logMel.length;
        int mels = mean.length;
        int real = (frames + r - 1) / r;
        int steps = real + STOP_STEPS;
        int time = Math.max(source.length, steps);
        double[][] x = new double[time][symbols];
        double[][] y = new double[time][r * mels + 1];
        boolean[] mask = new boolean[time];
        for (int t = 0; t < source.length; t++) {
            x[t][source[t]] = 1;
        }
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < r; i++) {
                double[] f = logMel[Math.min(t * r + i, frames - 1)];
                for (int j = 0; j < mels; j++) {
                    y[t][i * mels + j] = (f[j] - mean[j]) / std[j];
                }
            }
            y[t][r * mels] = t >= real - 1 ? 1 : 0;
            mask[t] = true;
        }
        return new Sequence(x, y, mask);
    }

    /** An utterance read from a manifest line and its WAV file. */
    private record Read(String where, String name, List<String> symbols, double[][] logMel) {
    }

    private static List<Read> read(Path manifest, Settings settings, Features features, List<String> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(manifest);
        } catch (IOException e) {
            problems.add(manifest + ": cannot be read (" + e.getMessage() + ")");
            return List.of();
        }
        List<Read> out = new ArrayList<>();
        for (Manifest.Entry e : Manifest.read(manifest, bytes, settings.phonemes(), problems)) {
            String where = manifest + ":" + e.line();
            try {
                Audio audio = WavFile.read(e.path().toString(), Files.readAllBytes(e.path()));
                if (audio.rate() != settings.rate()) {
                    problems.add(where + ": " + e.path() + " is at " + audio.rate() + " Hz, not data.sample.rate "
                            + settings.rate());
                    continue;
                }
                if (audio.samples().length < settings.fft()) {
                    problems.add(where + ": " + e.path() + " holds " + audio.samples().length + " samples, fewer than "
                            + "one FFT of " + settings.fft());
                    continue;
                }
                String file = e.path().getFileName().toString();
                String name = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
                out.add(new Read(where, name, symbols(e, settings.phonemes()), features.logMel(audio.samples())));
            } catch (IOException x) {
                problems.add(where + ": " + e.path() + " cannot be read (" + x.getClass().getSimpleName() + ")");
            } catch (IllegalArgumentException x) {
                problems.add(where + ": " + x.getMessage());
            }
        }
        return out;
    }

    /** The input symbols of a line: its phonemes, or the characters of its lower-cased text. */
    static List<String> symbols(Manifest.Entry e, boolean phonemes) {
        if (phonemes) {
            return e.phonemes();
        }
        List<String> out = new ArrayList<>();
        e.text().toLowerCase(java.util.Locale.ROOT).codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            String shown = String.join("\n", problems.subList(0, Math.min(CAP, problems.size())));
            throw new IllegalArgumentException(problems.size() > CAP ? shown + "\n... and " + (problems.size() - CAP)
                    + " more problems" : shown);
        }
    }

    /** For tests: settings over the schema's defaults. */
    static Hyperparameters validated(Map<String, String> raw) {
        return SpeechSynthesisApplication.SCHEMA.validate(new LinkedHashMap<>(raw), "data.").getOrElseGet(p -> {
            throw new IllegalArgumentException(p.mkString("; "));
        });
    }
}
