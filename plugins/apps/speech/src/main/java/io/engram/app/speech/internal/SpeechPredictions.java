package io.engram.app.speech.internal;

import io.engram.api.PredictionFormat;
import io.engram.layers.CtcDecoding;
import io.vavr.control.Try;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code engram predict CHECKPOINT FILE} for speech: {@code FILE} lists WAV files, one per line, each
 * path relative to the list's folder or absolute, optionally followed by a tab and a reference
 * transcript (so a manifest works too); blank lines and {@code #} lines are skipped. Each file is read,
 * resampled and turned into features with the settings the checkpoint stored, and printed as
 * {@code path<TAB>transcript}, decoded from the network's per-step probabilities with best path
 * (beam 1) or prefix beam search (the rows are taken as probabilities when each is a distribution,
 * else as raw outputs and put through softmax). Problems name the list's line, and the WAV file's byte. One thread.
 */
final class SpeechPredictions implements PredictionFormat {
    private final Features features;
    private final Transcriber transcriber;

    SpeechPredictions(FeatureSettings settings, int beam) {
        this.features = new Features(settings);
        this.transcriber = new Transcriber(beam);
    }

    @Override
    public Try<List<Record>> read(Path file) {
        return Try.of(() -> {
            byte[] bytes = Files.readAllBytes(file);
            List<String> problems = new ArrayList<>();
            List<Record> out = new ArrayList<>();
            for (Manifest.Entry e : Manifest.read(file, bytes, false, problems)) {
                String where = file + ":" + e.line() + ": ";
                byte[] wav = Corpus.bytes(e.path(), where + e.written(), problems);
                if (wav == null) {
                    continue;
                }
                try {
                    out.add(new Record(e.written(), e.transcript(), features.of(Corpus.audio(e.written(), wav,
                            features))));
                } catch (WavException bad) {
                    problems.add(where + bad.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(Problems.join(problems));
            }
            return out;
        });
    }

    @Override
    public String format(Record record, Prediction prediction) {
        double[][] out = prediction.outputs();
        return record.name() + "\t" + transcriber.transcribe(probabilities(out) ? CtcDecoding.log(out)
                : CtcDecoding.logSoftmax(out));
    }

    /** Whether every row is a probability distribution (the kernel applied softmax), else raw outputs. */
    static boolean probabilities(double[][] rows) {
        for (double[] row : rows) {
            double sum = 0;
            for (double v : row) {
                if (v < 0) {
                    return false;
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-6) {
                return false;
            }
        }
        return true;
    }
}
