package io.engram.app.speechsynthesis.internal;

import io.engram.api.Application;
import io.engram.api.Dataset;
import io.engram.api.HyperParameter;
import io.engram.api.Hyperparameters;
import io.engram.api.Network;
import io.engram.api.PluginProperties;
import io.engram.api.Schema;
import io.engram.api.TaskData;
import io.engram.tensor.Ops;
import io.vavr.control.Try;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Speech synthesis: from phoneme or character sequences to log-mel frames, as the sequence-to-sequence
 * model with attention of Tacotron (Wang et al. 2017) writes them, and from frames to audio by the
 * Griffin-Lim vocoder. Utterances are WAV files listed in manifests ({@link Manifest}:
 * {@code path<TAB>text<TAB>phonemes}), read by {@link WavFile} at {@code sample.rate}, and turned into
 * log-mel frames ({@link Features}) normalised per band; each utterance is one sequence
 * ({@link SynthesisData}) whose targets are {@code frames.per.step} frames and a stop flag per step,
 * scored by {@code mse}. The model meant for it is the {@code seq2seq} family with
 * {@code model.output=frames} and attention; any family fits. Metrics ({@link SynthesisMetrics}):
 * mel-cepstral distortion against the held-apart utterances ({@code mcd}, dB) beside the mean frame's
 * and the nearest training utterance's, and the error of the spoken length; lower is better. With
 * {@code audio.dir}, evaluation writes WAV files. Stateless and thread-safe.
 */
@Component(service = Application.class, property = PluginProperties.APPLICATION + "=speech-synthesis")
public final class SpeechSynthesisApplication implements Application {
    static final Schema SCHEMA = Schema.of(
            HyperParameter.inputFile("manifest", null, "Training manifest: path<TAB>text<TAB>phonemes per line, paths relative to it.").required(),
            HyperParameter.inputFile("validation.manifest", "", "Validation manifest; empty: split validation.fraction off the training set."),
            HyperParameter.inputFile("test.manifest", "", "Held-apart test manifest (optional)."),
            HyperParameter.real("validation.fraction", 0.1, 0.0, 0.9, "Fraction of the training set kept for validation when there is no validation.manifest."),
            HyperParameter.choice("input", "phonemes", List.of("phonemes", "characters"), "The input symbols: the manifest's phonemes, or the characters of its text, lower-cased."),
            HyperParameter.integer("sample.rate", 8000, 4000, 96000, "Sample rate in Hz every WAV file must have; written audio has it too."),
            HyperParameter.integer("fft", 256, 16, 16384, "FFT and Hann window length in samples, a power of two."),
            HyperParameter.real("hop.ms", 10.0, 0.5, 100.0, "Hop between frames in milliseconds."),
            HyperParameter.integer("mels", 32, 2, 256, "Mel bands (HTK mel scale, 0 Hz to Nyquist)."),
            HyperParameter.integer("frames.per.step", 2, 1, 16, "Frames the network writes per step (Tacotron's reduction factor r)."),
            HyperParameter.integer("ceps", 13, 1, 255, "Mel-cepstral coefficients c1..cN of the MCD, fewer than the mel bands."),
            HyperParameter.integer("griffin.lim.iterations", 32, 0, 1000, "Griffin-Lim iterations of the vocoder."),
            HyperParameter.outputPath("audio.dir", "", "Folder, inside the output folder (data/outputs/), where evaluating the test set writes NAME.wav and NAME.reference.wav of its first audio.count utterances (empty: none)."),
            HyperParameter.integer("audio.count", 4, 0, 100_000, "Test utterances written to audio.dir."));

    @Activate
    public SpeechSynthesisApplication() {
    }

    @Override
    public String id() {
        return "speech-synthesis";
    }

    @Override
    public String description() {
        return "Speech synthesis: phonemes or characters to log-mel frames with attention, WAV through Griffin-Lim, "
                + "mel-cepstral distortion.";
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public Try<TaskData> load(Hyperparameters params, long seed) {
        return Try.of(() -> SynthesisData.load(validated(params), seed));
    }

    @Override
    public Optional<String> loss(Hyperparameters params) {
        return Optional.of("mse");
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data) {
        return evaluate(network, ops, data, 0L);
    }

    @Override
    public Map<String, Double> evaluate(Network network, Ops ops, Dataset data, long seed) {
        return SynthesisMetrics.of(network, ops, data, seed);
    }

    private static Hyperparameters validated(Hyperparameters params) {
        return SCHEMA.validate(params.asStrings(), "data.").getOrElseGet(p -> {
            throw new IllegalArgumentException(p.mkString("; "));
        });
    }
}
