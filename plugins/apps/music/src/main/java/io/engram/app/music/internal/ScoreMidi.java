package io.engram.app.music.internal;

import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Score} as MIDI notes and back, in 4/4 time: a step lasts {@code 4 * resolution /
 * stepsPerBar} ticks. The melody is channel 0 (track 1), the chords channel 1 (track 2), each chord
 * voiced as its pitch classes in the octave from C3 (key 48). Steps that repeat the melody's key or
 * the chord merge into one held note. Reading samples the notes sounding at the middle of each step:
 * the highest key of channel 0 is the melody, the pitch classes of channel 1 the chord; other
 * channels are ignored. Stateless.
 */
final class ScoreMidi {
    /** Ticks per quarter note of the files written. */
    static final int RESOLUTION = 480;
    /** The melody's channel. */
    static final int MELODY = 0;
    /** The chords' channel. */
    static final int CHORDS = 1;
    private static final int CHORD_OCTAVE = 48;

    private ScoreMidi() {
    }

    /** The notes of {@code score} at {@link #RESOLUTION} ticks per quarter note. */
    static List<Note> notes(Score score) {
        long step = 4L * RESOLUTION / score.stepsPerBar();
        List<Note> notes = new ArrayList<>();
        int[] melody = score.melody();
        int[] chords = score.chords();
        int event = 0;
        for (int t = 0; t < melody.length; t++) {
            if (melody[t] != Score.REST && (t == 0 || melody[t - 1] != melody[t])) {
                int end = t + 1;
                while (end < melody.length && melody[end] == melody[t]) {
                    end++;
                }
                notes.add(new Note(1, event++, MELODY, melody[t], t * step, end * step));
            }
        }
        event = 0;
        for (int t = 0; t < chords.length; t++) {
            if (chords[t] != 0 && (t == 0 || chords[t - 1] != chords[t])) {
                int end = t + 1;
                while (end < chords.length && chords[end] == chords[t]) {
                    end++;
                }
                for (int pc = 0; pc < 12; pc++) {
                    if ((chords[t] >> pc & 1) == 1) {
                        notes.add(new Note(2, event++, CHORDS, CHORD_OCTAVE + pc, t * step, end * step));
                    }
                }
            }
        }
        return notes;
    }

    /**
     * The score of a file's notes at {@code stepsPerBar} steps per bar, its length the whole bars up
     * to the last note's end; every melody note outside {@code [low, high]} is a problem naming its
     * track and event.
     */
    static Validation<List<String>, Score> score(MidiFiles.Contents contents, int stepsPerBar, int low, int high) {
        long ticksPerBar = 4L * contents.resolution();
        if (ticksPerBar % stepsPerBar != 0) {
            return Validation.invalid(List.of("a bar of " + ticksPerBar + " ticks does not divide into "
                    + stepsPerBar + " steps (data.steps.per.bar)"));
        }
        long step = ticksPerBar / stepsPerBar;
        List<String> problems = new ArrayList<>();
        long last = 0;
        for (Note n : contents.notes()) {
            last = Math.max(last, n.end());
            if (n.channel() == MELODY && (n.pitch() < low || n.pitch() > high)) {
                problems.add("track " + n.track() + " event " + n.event() + " (tick " + n.start() + "): melody note "
                        + n.pitch() + " outside data.low..data.high (" + low + ".." + high + ")");
            }
        }
        if (!problems.isEmpty()) {
            return Validation.invalid(problems);
        }
        int steps = (int) ((last + step - 1) / step);
        steps -= steps % stepsPerBar;
        int[] melody = new int[steps];
        int[] chords = new int[steps];
        java.util.Arrays.fill(melody, Score.REST);
        for (Note n : contents.notes()) {
            int from = (int) Math.max(0, (n.start() - step / 2 + step - 1) / step);
            for (int t = from; t < steps && n.soundsAt(t * step + step / 2); t++) {
                if (n.channel() == MELODY) {
                    melody[t] = Math.max(melody[t], n.pitch());
                } else if (n.channel() == CHORDS) {
                    chords[t] |= 1 << (n.pitch() % 12);
                }
            }
        }
        return Validation.valid(new Score(melody, chords, stepsPerBar));
    }
}
