package io.engram.app.speech.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.Payloads;
import io.engram.api.PluginProperties;
import io.engram.api.PredictionFormat;
import io.engram.api.Problem;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.tensor.Ops;
import io.vavr.collection.Seq;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Speech recognition with connectionist temporal classification: utterances are WAV files listed in
 * manifests ({@link Manifest}: {@code path<TAB>transcript}), read by {@link WavReader} (PCM 8/16-bit,
 * mu-law, any rate and channel count), resampled to {@code sample.rate} ({@link Resampler}) and turned
 * into log-mel or MFCC features with deltas, normalised per utterance ({@link Features}); transcripts
 * are characters a-z, space and apostrophe, labels 1 to 28 with the blank 0 ({@link Alphabet}), so
 * the network has 29 outputs and is trained with the loss {@code data.loss} (CTC: {@code ctc}, or
 * {@code ctc-infinite} / {@code ctc-zero-infinity} for transcripts too long for their audio). Any
 * recurrent family fits; a bidirectional one reads each utterance both ways.
 *
 * <p>Sets: {@code manifest} (training), {@code validation.manifest} (else {@code validation.fraction}
 * of a seeded shuffle of the training set), {@code test.manifest} (optional), all input files the
 * kernel confines to its data roots; the WAV files must lie in their manifest's folder. The digest
 * covers every manifest and WAV file read. Metrics ({@link SpeechMetrics}): character and word error
 * rates with best-path decoding and with prefix beam search (width 8); lower is better. Checkpoints
 * keep the feature settings and the alphabet ({@link #payloads}); {@code engram predict} transcribes a
 * list of WAV files with them ({@link SpeechPredictions}), decoding with beam width {@code beam}.
 * Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=speech")
public final class SpeechApplication implements Application {
    /** Payload: the feature settings as {@code key=value}. */
    static final String FEATURES = "speech.features";
    /** Payload: the characters of labels 1, 2, ... */
    static final String ALPHABET = "speech.alphabet";

    static final Schema SCHEMA = Schema.of(
            HyperParameter.inputFile("manifest", null, "Training manifest: path<TAB>transcript per line, paths relative to it.").required(),
            HyperParameter.inputFile("validation.manifest", "", "Validation manifest; empty: split validation.fraction off the training set."),
            HyperParameter.inputFile("test.manifest", "", "Held-apart test manifest (optional)."),
            HyperParameter.real("validation.fraction", 0.1, 0.0, 0.9, "Fraction of the training set kept for validation when there is no validation.manifest."),
            HyperParameter.integer("sample.rate", 16000, 4000, 96000, "Feature sample rate in Hz; audio at other rates is resampled (windowed sinc)."),
            HyperParameter.real("window.ms", 25.0, 2.0, 200.0, "Analysis window in milliseconds."),
            HyperParameter.real("hop.ms", 10.0, 1.0, 100.0, "Hop between windows in milliseconds."),
            HyperParameter.choice("window", "hann", List.of("hann", "hamming"), "Periodic window function."),
            HyperParameter.integer("nfft", 0, 0, 16384, "FFT length, a power of two at least the window; 0: the least such."),
            HyperParameter.integer("mels", 40, 2, 256, "Mel bands (HTK mel scale, 0 Hz to Nyquist)."),
            HyperParameter.choice("features", "mfcc", List.of("mfcc", "logmel"), "mfcc: DCT-II of the log-mel energies; logmel: the log-mel energies."),
            HyperParameter.integer("ceps", 13, 1, 256, "MFCCs kept, c0 included (features=mfcc)."),
            HyperParameter.integer("deltas", 2, 0, 2, "0: features alone; 1: with deltas; 2: with deltas and delta-deltas."),
            HyperParameter.integer("stack", 1, 1, 16, "Frames stacked into one step; the step rate is divided by it."),
            HyperParameter.choice("loss", "ctc", List.of("ctc", "ctc-infinite", "ctc-zero-infinity"),
                    "ctc: a transcript too long for its audio is an error; ctc-infinite / ctc-zero-infinity score it +inf / 0."),
            HyperParameter.integer("beam", 1, 1, 1000, "Prefix beam search width of engram predict (1: the best path) and of the beam.* metrics (when 1: width 8)."));

    @Activate
    public SpeechApplication() {
    }

    @Override
    public String id() {
        return "speech";
    }

    @Override
    public String description() {
        return "Speech recognition with CTC: WAV files and manifests, MFCC or log-mel features, character and word "
                + "error rates.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> SpeechData.load(validated(params), seed));
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        Validation<Seq<Problem>, Hyperparameters> v = SCHEMA.validate(params.asStrings(), "data.");
        return v.isInvalid() ? Optional.empty() : Optional.of(v.get().getString("loss"));
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return SpeechMetrics.of(network, ops, data, seed);
    }

    /**
     * The feature settings the data was encoded with (carried by its datasets: {@link SpeechContext})
     * and the alphabet, read back by {@link #predictions}.
     */
    @Override
    public Payloads payloads(TaskData data) {
        List<String> settings = data.train().context(SpeechContext.class).map(c -> c.features().asStrings())
                .orElse(List.of());
        Map<String, List<String>> strings = new java.util.LinkedHashMap<>();
        strings.put(FEATURES, settings);
        strings.put(ALPHABET, Alphabet.asList());
        return new Payloads(Map.of(), Map.of(), strings);
    }

    @Override
    public Optional<PredictionFormat> predictions(Hyperparameters params, Payloads payloads) {
        Hyperparameters h = validated(params);
        FeatureSettings settings = payloads.strings(FEATURES).filter(s -> !s.isEmpty())
                .map(SpeechApplication::settings).orElseGet(() -> FeatureSettings.of(h));
        return Optional.of(new SpeechPredictions(settings, h.getInt("beam")));
    }

    /** The feature settings stored as {@code key=value} strings, over the schema's defaults. */
    static FeatureSettings settings(List<String> stored) {
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        for (String kv : stored) {
            int eq = kv.indexOf('=');
            raw.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        raw.put("manifest", "stored");
        return FeatureSettings.of(SCHEMA.validate(raw, "data.").getOrElseGet(p -> fail(
                "the checkpoint's " + FEATURES + " payload is not valid: " + p.mkString("; "))));
    }

    private static Hyperparameters validated(Hyperparameters params) {
        return SCHEMA.validate(params.asStrings(), "data.").getOrElseGet(p -> fail(
                p.mkString("; ")));
    }

    static Hyperparameters fail(String message) {
        throw new IllegalArgumentException(message);
    }
}
