package io.engram.app.music.internal;

import io.engram.api.PredictionFormat;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code engram predict} on a standard MIDI file (melody on channel 0, chords on channel 1, as the
 * application reads them): the whole file, on the job's grid and key range, is one record; the
 * network predicts each next step, and the result is printed one line per bar, with the bar's chord,
 * the melody the file has and the melody the network predicted for each step of the bar (keys as
 * MIDI numbers, {@code -} for a rest), then the next-note accuracy over the file. A file that cannot
 * be read is refused naming the byte, or the track and event, as in training. Stateless.
 */
final class MidiPredictions implements PredictionFormat {
    private static final String[] PITCH = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    private final Encoding encoding;
    private final int stepsPerBar;

    MidiPredictions(Encoding encoding, int stepsPerBar) {
        this.encoding = encoding;
        this.stepsPerBar = stepsPerBar;
    }

    @Override
    public Try<List<Record>> read(Path file) {
        String name = file.getFileName().toString();
        return MidiFiles.read(file, file.toString()).flatMap(contents -> {
            Validation<List<String>, Score> score = ScoreMidi.score(contents, stepsPerBar, encoding.low(),
                    encoding.high());
            if (score.isInvalid()) {
                return Try.failure(new IllegalArgumentException(file + ": " + String.join("; ", score.getError())));
            }
            Score s = score.get();
            if (s.length() < 2) {
                return Try.failure(new IllegalArgumentException(file + ": no whole bar of notes to predict from"));
            }
            double[][] inputs = encoding.sequence(s).inputs();
            return Try.success(List.of(new Record(name, s.bars() + " bars of " + name, inputs)));
        });
    }

    @Override
    public String format(Record record, Prediction prediction) {
        double[][] x = record.inputs();
        double[][] y = prediction.outputs();
        StringBuilder b = new StringBuilder("bar\tchord\tmelody\tpredicted");
        long hits = 0;
        for (int bar = 0; bar * stepsPerBar < x.length; bar++) {
            StringBuilder actual = new StringBuilder();
            StringBuilder predicted = new StringBuilder();
            for (int t = bar * stepsPerBar; t < Math.min(x.length, (bar + 1) * stepsPerBar); t++) {
                int truth = t + 1 < x.length ? encoding.melodyUnit(x[t + 1]) : -1;
                int guess = encoding.melodyUnit(y[t]);
                hits += guess == truth ? 1 : 0;
                actual.append(actual.length() == 0 ? "" : " ").append(key(encoding.melodyUnit(x[t])));
                predicted.append(predicted.length() == 0 ? "" : " ").append(t == 0 ? "." : key(encoding.melodyUnit(y[t - 1])));
            }
            b.append('\n').append(bar + 1).append('\t').append(chord(encoding.chord(x[bar * stepsPerBar])))
                    .append('\t').append(actual).append('\t').append(predicted);
        }
        b.append(String.format(Locale.ROOT, "%nnext-note accuracy %.4f over %d steps", hits / (double) Math.max(1,
                x.length - 1), x.length - 1));
        return b.toString();
    }

    private String key(int unit) {
        int k = encoding.key(unit);
        return k == Score.REST ? "-" : Integer.toString(k);
    }

    private static String chord(int mask) {
        StringBuilder c = new StringBuilder();
        for (int pc = 0; pc < 12; pc++) {
            if ((mask >> pc & 1) == 1) {
                c.append(c.length() == 0 ? "" : "-").append(PITCH[pc]);
            }
        }
        return c.length() == 0 ? "none" : c.toString();
    }
}
