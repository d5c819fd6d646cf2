package io.engram.app.handwriting.internal;

import io.engram.api.PredictionFormat;
import io.engram.layers.CtcDecoding;
import io.vavr.control.Try;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code engram predict CHECKPOINT FILE} for handwriting: {@code FILE} is InkML or a strokes CSV as
 * for training (labelled; the label is kept as the record's text), its samples encoded with the
 * feature settings the checkpoint stored, each printed as {@code id<TAB>transcript}, decoded from the
 * network's per-step outputs by best path (beam 1) or prefix beam search (the rows are taken as
 * probabilities when each is a distribution, else as raw outputs and put through softmax). Problems
 * name the file's line. One thread.
 */
final class HandwritingPredictions implements PredictionFormat {
    private final PenFeatures features;
    private final Transcriber transcriber;
    private final String format;

    HandwritingPredictions(PenFeatures features, Alphabet alphabet, int beam, String format) {
        this.features = features;
        this.transcriber = new Transcriber(alphabet, beam);
        this.format = format;
    }

    @Override
    public Try<List<Record>> read(Path file) {
        return Try.of(() -> {
            byte[] bytes = Files.readAllBytes(file);
            List<String> problems = new ArrayList<>();
            List<Ink> inks = InkFiles.read(file, bytes, format, problems);
            Problems.check(problems);
            List<Record> out = new ArrayList<>();
            for (Ink ink : inks) {
                out.add(new Record(ink.id(), ink.label(), features.of(ink)));
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
