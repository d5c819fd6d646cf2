package io.engram.app.handwriting.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.PluginProperties;
import io.engram.api.PredictionFormat;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.tensor.Ops;
import io.vavr.control.Try;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Online handwriting recognition with connectionist temporal classification (Graves et al. 2009):
 * pen trajectories read from InkML ({@link InkmlReader}) or a strokes CSV ({@link StrokesCsv}), or
 * synthesised from the Hershey script glyphs by writers of their own slant, size, speed and jitter
 * ({@link Handwriter}; {@code data.source=generate}, training, validation and test writers apart).
 * Each point becomes a step of pen offset and pen-up flag ({@link PenFeatures}); transcripts become
 * labels 1 .. n over the alphabet ({@link Alphabet}), label 0 being the blank, and the loss is
 * {@code ctc}. Any recurrent family fits; a bidirectional LSTM is the paper's.
 *
 * <p>Metrics ({@link HandwritingMetrics}): character and word error rates, beside the most frequent
 * training transcript's and the nearest training sample's under dynamic time warping
 * ({@link Baselines}); lower is better. Checkpoints keep the alphabet and the resampling spacing
 * ({@link #payloads}); {@code engram predict} transcribes InkML or CSV files with them
 * ({@link HandwritingPredictions}). Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=handwriting")
public final class HandwritingApplication implements Application {
    /** Payload: the characters of labels 1, 2, ... */
    static final String ALPHABET = "handwriting.alphabet";
    /** Payload: the resampling spacing. */
    static final String SPACING = "handwriting.spacing";

    /** Eighty common English words that together hold every letter a-z. */
    static final String WORDS = "the,and,you,that,was,for,are,with,his,they,this,have,from,one,had,word,but,not,what,"
            + "all,were,when,your,can,said,there,use,each,which,she,how,their,will,other,about,many,then,them,these,"
            + "some,her,would,make,like,him,into,time,has,look,two,more,write,see,number,way,could,people,first,water,"
            + "call,who,oil,now,find,long,down,day,did,get,come,made,may,part,over,very,six,jump,quiz,box,zero,just";

    static final Schema SCHEMA = Schema.of(
            HyperParameter.choice("source", "generate", List.of("generate", "files"),
                    "generate: synthesise from the Hershey script glyphs; files: read train.file, validation.file, test.file."),
            HyperParameter.inputFile("train.file", "", "Files: the training samples, InkML or strokes CSV."),
            HyperParameter.inputFile("validation.file", "", "Files: the validation samples; empty: validation.fraction of the training file."),
            HyperParameter.inputFile("test.file", "", "Files: the held-apart test samples (optional)."),
            HyperParameter.choice("format", "auto", List.of("auto", "inkml", "csv"),
                    "File format; auto: .csv is a strokes CSV, anything else InkML."),
            HyperParameter.real("validation.fraction", 0.1, 0.0, 0.9,
                    "Files: fraction of a seeded shuffle of the training file kept for validation when there is no validation.file."),
            HyperParameter.text("words", WORDS, "Generate: the vocabulary, comma-separated (a-z and spaces)."),
            HyperParameter.integer("random.words", 0, 0, 1_000_000, "Generate: this many random strings of 2 to 7 letters a-z join the training words (drawn from the seed), so that the network must learn letters rather than words."),
            HyperParameter.text("test.words", "", "Generate: the test writers' vocabulary; empty: words (other words test reading beyond the training words)."),
            HyperParameter.integer("writers", 8, 1, 10_000, "Generate: training writers."),
            HyperParameter.integer("validation.writers", 2, 0, 10_000, "Generate: validation writers, none of them a training writer."),
            HyperParameter.integer("test.writers", 3, 0, 10_000, "Generate: test writers, held apart from the others."),
            HyperParameter.integer("samples.per.writer", 50, 1, 1_000_000, "Generate: words each writer writes, drawn uniformly from words."),
            HyperParameter.real("slant", 0.35, 0.0, 2.0, "Generate: writers' slants are uniform in [-slant, slant] (shear)."),
            HyperParameter.real("jitter", 0.8, 0.0, 10.0, "Generate: writers stray from the glyphs' vertices by up to this (font units, standard deviation)."),
            HyperParameter.real("speed", 1.7, 1.0, 10.0, "Generate: writers' speeds are log-uniform in [100 / speed, 100 * speed] font units per second."),
            HyperParameter.real("spacing", 0.8, 0.0, 10.0,
                    "Resample each stroke every this much arc length (in standard deviations of the sample's y); 0: the points as written."),
            HyperParameter.text("alphabet", "", "The transcripts' characters in label order; empty: those of the training transcripts."),
            HyperParameter.bool("baseline.dtw", true, "Work out the nearest-neighbour DTW baseline (its cost grows as training times test samples)."),
            HyperParameter.integer("beam", 1, 1, 1000, "Prefix beam search width of the metrics and engram predict; 1: the best path."));

    @Activate
    public HandwritingApplication() {
    }

    @Override
    public String id() {
        return "handwriting";
    }

    @Override
    public String description() {
        return "Online handwriting recognition with CTC: InkML or strokes CSV (or Hershey glyphs written by synthetic "
                + "writers), character and word error rates beside DTW nearest-neighbour and most-frequent-word baselines.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> {
            HandwritingData.HandwritingTask t = HandwritingData.load(validated(params), seed);
            return new TaskData(t.train(), t.validation(), t.test(), "ctc", t.source(), t.digest());
        });
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        return Optional.of("ctc");
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return HandwritingMetrics.of(network, ops, data, seed);
    }

    /** The alphabet and the resampling spacing, read back by {@link #predictions}. */
    @Override
    public Payloads payloads(TaskData data) {
        Map<String, List<String>> strings = new LinkedHashMap<>();
        data.train().context(HandwritingContext.class).ifPresent(c -> {
            strings.put(ALPHABET, c.alphabet().asList());
            strings.put(SPACING, List.of(Double.toString(c.features().spacing())));
        });
        return new Payloads(Map.of(), Map.of(), strings);
    }

    @Override
    public Optional<PredictionFormat> predictions(Hyperparameters params, Payloads payloads) {
        Hyperparameters h = validated(params);
        Alphabet alphabet = payloads.strings(ALPHABET).filter(s -> !s.isEmpty())
                .map(s -> new Alphabet(String.join("", s))).orElseGet(() -> new Alphabet(h.getString("alphabet")));
        double spacing = payloads.strings(SPACING).filter(s -> s.size() == 1).map(s -> Double.parseDouble(s.get(0)))
                .orElse(h.getDouble("spacing"));
        return Optional.of(new HandwritingPredictions(new PenFeatures(spacing), alphabet, h.getInt("beam"),
                h.getString("format")));
    }

    static Hyperparameters validated(Hyperparameters params) {
        return SCHEMA.validate(params.asStrings(), "data.").getOrElseGet(p -> {
            throw new IllegalArgumentException(p.mkString("; "));
        });
    }

    /** For tests: the settings in {@code raw} over the schema's defaults. */
    static Hyperparameters validated(Map<String, String> raw) {
        return SCHEMA.validate(raw, "data.").getOrElseGet(p -> {
            throw new IllegalArgumentException(p.mkString("; "));
        });
    }
}
