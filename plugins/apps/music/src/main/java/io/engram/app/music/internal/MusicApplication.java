package io.engram.app.music.internal;

import io.engram.api.Application;
import io.engram.api.DataShape;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.Sequence;
import io.engram.api.TaskData;
import io.engram.layers.SequenceOutputs;
import io.engram.tensor.Ops;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Next-note prediction and free composition of 12-bar blues, after Eck and Schmidhuber (2002),
 * "Finding temporal structure in music: blues improvisation with LSTM recurrent networks". The music
 * is either generated from the seed ({@link BluesGenerator}: songs of bar-long melody segments over
 * the {@link BluesForm} chords) or read from a standard MIDI file ({@code data.file}, melody on channel 0, chords on channel
 * 1, cut into pieces of {@code choruses} choruses); it is encoded per step ({@link Encoding}) for
 * next-step prediction with loss {@code sigmoid-bce}.
 *
 * <p>Metrics: {@code accuracy}, the fraction of steps whose most likely melody unit is the next one,
 * beside {@code baseline.accuracy}, that of always predicting the training melody's most frequent
 * unit; {@code chord.accuracy}, the fraction of steps whose next chord is predicted exactly. Then the
 * network composes {@code compose.bars} bars on its own after a one-chorus primer taken from the first
 * sequence ({@link Composer}), judged by the chord-structure measure of {@link BluesForm}:
 * {@code compose.fit}, the fraction of composed bars whose melody fits the form's chord, beside
 * {@code compose.baseline.random.fit} (keys drawn uniformly) and {@code compose.baseline.unigram.fit}
 * (keys drawn by their training frequency), and {@code compose.chords}, the fraction of composed bars
 * whose own chord is the form's; {@code data.fit} is the measure on the data's own melodies. On the
 * test set, with {@code data.output} set, the composition is written as a MIDI file (atomically).
 * {@code engram predict} reads MIDI files ({@link MidiPredictions}).
 * Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=music")
public final class MusicApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.inputFile("file", "", "A standard MIDI file to learn from (melody on channel 0, chords on channel 1, 4/4); empty: blues generated from the seed."),
            HyperParameter.integer("choruses", 2, 1, 1000, "Choruses of 12 bars per sequence (per generated song, or per piece cut from data.file)."),
            HyperParameter.integer("steps.per.bar", 8, 4, 96, "Time steps per bar (8: eighth notes)."),
            HyperParameter.integer("low", 60, 0, 127, "Lowest melody key (MIDI; 60 is middle C)."),
            HyperParameter.integer("high", 79, 0, 127, "Highest melody key."),
            HyperParameter.real("passing", 0.3, 0.0, 1.0, "Generated blues: probability that an off-beat new note is a blues-scale passing tone rather than a chord tone."),
            HyperParameter.integer("riffs", 4, 1, 1000, "Generated blues: bar-long melody segments per chord that songs are made of."),
            HyperParameter.integer("train.size", 64, 1, 1_000_000, "Generated songs for training (with data.file: the pieces not held apart)."),
            HyperParameter.integer("validation.size", 8, 0, 1_000_000, "Songs (or the file's pieces before the test pieces) for validation."),
            HyperParameter.integer("test.size", 8, 1, 1_000_000, "Songs (or the file's last pieces) held apart for testing; the first one primes the composition."),
            HyperParameter.integer("compose.bars", 48, 1, 100_000, "Bars composed freely after the primer."),
            HyperParameter.real("compose.temperature", 0.1, 0.01, 100.0, "Composition: melody keys are drawn in proportion to their outputs raised to 1/temperature (1: as they are; lower: likelier keys)."),
            HyperParameter.outputPath("output", "", "A .mid file the test set's composition is written to (atomically), inside the output folder (data/outputs/); empty: none."));

    @Override
    public String id() {
        return "music";
    }

    @Override
    public String description() {
        return "Next-note prediction and free composition of 12-bar blues from MIDI (Eck and Schmidhuber 2002).";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        return Optional.of("sigmoid-bce");
    }

    @Override
    public Optional<DataShape> shape(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        if (v.isInvalid() || !v.get().getString("file").isEmpty()) {
            return Optional.empty();
        }
        Hyperparameters p = v.get();
        long n = (long) p.getInt("train.size") + p.getInt("validation.size") + p.getInt("test.size");
        long len = (long) p.getInt("choruses") * BluesForm.BARS * p.getInt("steps.per.bar");
        int width = p.getInt("high") - p.getInt("low") + 2 + 12;
        return Optional.of(new DataShape("data.train.size", n, n * len, len, width, width,
                DataShape.sequenceBytes(n, n * len, width, width)));
    }

    @Override
    public Optional<io.engram.api.PredictionFormat> predictions(Hyperparameters params, io.engram.api.Payloads payloads) {
        return Optional.of(new MidiPredictions(new Encoding(params.getInt("low"), params.getInt("high")),
                params.getInt("steps.per.bar")));
    }

    @Override
    public java.util.List<String> outputNames(Hyperparameters params) {
        java.util.List<String> names = new ArrayList<>();
        for (int k = params.getInt("low"); k <= params.getInt("high"); k++) {
            names.add("key" + k);
        }
        names.add("rest");
        for (String pc : new String[] {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"}) {
            names.add("chord." + pc);
        }
        return names;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> {
            Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
            if (v.isInvalid()) {
                throw new InvalidParameters(v.getError());
            }
            Hyperparameters p = v.get();
            Seq<Problem> problems = List.empty();
            if (p.getInt("high") < p.getInt("low")) {
                problems = problems.append(Problem.of("data.high", "must be at least data.low (" + p.getInt("low")
                        + "), got " + p.getInt("high")));
            }
            String output = p.getString("output");
            if (!output.isEmpty() && !output.endsWith(".mid")) {
                problems = problems.append(Problem.of("data.output", "expected a file name ending in .mid, got '"
                        + output + "'"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidParameters(problems);
            }
            Encoding enc = new Encoding(p.getInt("low"), p.getInt("high"));
            int spb = p.getInt("steps.per.bar");
            java.util.List<java.util.List<Score>> sets = p.getString("file").isEmpty()
                    ? generated(p, seed) : fromFile(p, spb);
            Dataset train = encode(enc, sets.get(0));
            Dataset validation = encode(enc, sets.get(1));
            Dataset test = encode(enc, sets.get(2));
            MusicContext context = new MusicContext(enc, spb, p.getInt("compose.bars"), p.getDouble("compose.temperature"),
                    unigram(enc, train),
                    Optional.empty());
            String source = "music:" + (p.getString("file").isEmpty() ? "generated blues" : p.getString("file"))
                    + " seed=" + seed + " " + p.asStrings();
            String digest = Dataset.sha256(train, validation, test);
            return new TaskData(train.withContext(context), validation.withContext(context),
                    test.withContext(output.isEmpty() ? context : context.writingTo(output)), "sigmoid-bce", source,
                    digest);
        });
    }

    private static java.util.List<java.util.List<Score>> generated(Hyperparameters p, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        int[][][] riffs = BluesGenerator.riffs(root.split(), p.getInt("riffs"), p.getInt("steps.per.bar"),
                p.getInt("low"), p.getInt("high"), p.getDouble("passing"));
        int bars = p.getInt("choruses") * BluesForm.BARS;
        java.util.List<java.util.List<Score>> sets = new ArrayList<>();
        for (String size : new String[] {"train.size", "validation.size", "test.size"}) {
            java.util.List<Score> set = new ArrayList<>();
            for (int i = 0; i < p.getInt(size); i++) {
                set.add(BluesGenerator.song(root.split(), riffs, bars));
            }
            sets.add(set);
        }
        return sets;
    }

    private static java.util.List<java.util.List<Score>> fromFile(Hyperparameters p, int spb) {
        String file = p.getString("file");
        MidiFiles.Contents contents = MidiFiles.read(Path.of(file), "data.file " + file).get();
        Validation<java.util.List<String>, Score> score = ScoreMidi.score(contents, spb, p.getInt("low"),
                p.getInt("high"));
        if (score.isInvalid()) {
            throw new IllegalArgumentException("data.file " + file + ": " + String.join("; ", score.getError()));
        }
        int len = p.getInt("choruses") * BluesForm.BARS * spb;
        int pieces = score.get().length() / len;
        int held = p.getInt("validation.size") + p.getInt("test.size");
        if (pieces <= held) {
            throw new IllegalArgumentException("data.file " + file + ": " + pieces + " pieces of " + p.getInt("choruses")
                    + " choruses, need more than data.validation.size + data.test.size (" + held + ")");
        }
        java.util.List<java.util.List<Score>> sets = new ArrayList<>();
        int[] bounds = {0, pieces - held, pieces - p.getInt("test.size"), pieces};
        for (int s = 0; s < 3; s++) {
            java.util.List<Score> set = new ArrayList<>();
            for (int i = bounds[s]; i < bounds[s + 1]; i++) {
                set.add(score.get().slice(i * len, (i + 1) * len));
            }
            sets.add(set);
        }
        return sets;
    }

    private static Dataset encode(Encoding enc, java.util.List<Score> scores) {
        java.util.List<Sequence> seqs = new ArrayList<>();
        for (Score s : scores) {
            seqs.add(enc.sequence(s));
        }
        return new Dataset(seqs, enc.width(), enc.width());
    }

    private static double[] unigram(Encoding enc, Dataset train) {
        double[] counts = new double[enc.melodyUnits()];
        long n = 0;
        for (Sequence s : train.sequences()) {
            for (int t = 0; t < s.length(); t++) {
                counts[enc.melodyUnit(s.targets()[t])]++;
                n++;
            }
        }
        for (int u = 0; u < counts.length; u++) {
            counts[u] = n == 0 ? 1.0 / counts.length : counts[u] / n;
        }
        return counts;
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        MusicContext c = data.context(MusicContext.class).orElseThrow(() -> new IllegalArgumentException(
                "music: the dataset carries no music context (evaluate the datasets that load gave)"));
        Encoding enc = c.encoding();
        java.util.List<double[][]> outputs = SequenceOutputs.of(network, ops, data, seed);
        long steps = 0;
        long hits = 0;
        long baseline = 0;
        long chords = 0;
        int frequent = c.mostFrequent();
        double fitSum = 0;
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            double[][] y = s.targets();
            for (int t = 0; t < s.length(); t++) {
                int target = enc.melodyUnit(y[t]);
                steps++;
                hits += enc.melodyUnit(outputs.get(i)[t]) == target ? 1 : 0;
                baseline += frequent == target ? 1 : 0;
                chords += enc.chord(Composer.sigmoid(outputs.get(i)[t])) == enc.chord(y[t]) ? 1 : 0;
            }
            fitSum += BluesForm.melodyFit(decode(enc, s.inputs(), c.stepsPerBar()).melody(), c.stepsPerBar(), 0);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", steps == 0 ? 0.0 : hits / (double) steps);
        m.put("baseline.accuracy", steps == 0 ? 0.0 : baseline / (double) steps);
        m.put("chord.accuracy", steps == 0 ? 0.0 : chords / (double) steps);
        m.put("data.fit", data.size() == 0 ? 0.0 : fitSum / data.size());
        m.putAll(compose(network, ops, data, c, seed));
        return m;
    }

    private static Map<String, Double> compose(Network network, Ops ops, Dataset data, MusicContext c, long seed) {
        Map<String, Double> m = new LinkedHashMap<>();
        Encoding enc = c.encoding();
        int spb = c.stepsPerBar();
        Score first = decode(enc, data.size() == 0 ? new double[0][] : data.get(0).inputs(), spb);
        int primerBars = Math.min(BluesForm.BARS, first.bars());
        int steps = c.composeBars() * spb;
        if (primerBars == 0) {
            for (String k : new String[] {"compose.fit", "compose.chords", "compose.baseline.random.fit",
                "compose.baseline.unigram.fit"}) {
                m.put(k, 0.0);
            }
            return m;
        }
        Score composed = Composer.compose(network, ops, enc, first.slice(0, primerBars * spb), steps, c.temperature(),
                seed);
        m.put("compose.fit", BluesForm.melodyFit(composed.melody(), spb, primerBars));
        m.put("compose.chords", BluesForm.chordMatch(composed.chords(), spb, primerBars));
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] uniform = new double[enc.melodyUnits()];
        java.util.Arrays.fill(uniform, 1.0);
        m.put("compose.baseline.random.fit", BluesForm.melodyFit(drawn(enc, uniform, steps, r), spb, primerBars));
        m.put("compose.baseline.unigram.fit", BluesForm.melodyFit(drawn(enc, c.unigram(), steps, r), spb, primerBars));
        c.output().ifPresent(file -> {
            try {
                MidiFiles.write(Path.of(file), ScoreMidi.RESOLUTION, 120, ScoreMidi.notes(composed));
            } catch (IOException e) {
                throw new UncheckedIOException("data.output " + file + ": " + e.getMessage(), e);
            }
        });
        return m;
    }

    /** {@code steps} melody keys drawn independently in proportion to {@code weights} over the melody units. */
    private static int[] drawn(Encoding enc, double[] weights, int steps, SplittableRandom r) {
        int[] melody = new int[steps];
        for (int t = 0; t < steps; t++) {
            melody[t] = enc.key(enc.sampleMelody(weights, 1.0, r));
        }
        return melody;
    }

    /** The score that a sequence's inputs encode. */
    static Score decode(Encoding enc, double[][] inputs, int stepsPerBar) {
        int[] melody = new int[inputs.length];
        int[] chords = new int[inputs.length];
        for (int t = 0; t < inputs.length; t++) {
            melody[t] = enc.key(enc.melodyUnit(inputs[t]));
            chords[t] = enc.chord(inputs[t]);
        }
        return new Score(melody, chords, stepsPerBar);
    }
}
