package io.engram.app.music.internal;

import java.util.Arrays;

/**
 * A piece on a grid of equal steps (eighth notes at 8 steps per bar): at each step the melody's key
 * or {@link #REST}, and the chord as a set of pitch classes (bit {@code pc} of a 12-bit mask, 0 is
 * C). A note held over several steps repeats its key. Immutable (the arrays are copied in and out).
 *
 * @param melody      the melody's MIDI key per step, or {@link #REST}
 * @param chords      the chord's pitch-class mask per step (0: no chord)
 * @param stepsPerBar steps in one bar (4/4 time)
 */
record Score(int[] melody, int[] chords, int stepsPerBar) {
    /** The melody value of a step without a note. */
    static final int REST = -1;

    Score {
        if (melody.length != chords.length) {
            throw new IllegalArgumentException("melody and chords differ in length: " + melody.length + ", "
                    + chords.length);
        }
        if (stepsPerBar < 1) {
            throw new IllegalArgumentException("steps per bar must be positive, got " + stepsPerBar);
        }
        melody = melody.clone();
        chords = chords.clone();
    }

    int length() {
        return melody.length;
    }

    int bars() {
        return melody.length / stepsPerBar;
    }

    @Override
    public int[] melody() {
        return melody.clone();
    }

    @Override
    public int[] chords() {
        return chords.clone();
    }

    int melodyAt(int step) {
        return melody[step];
    }

    int chordAt(int step) {
        return chords[step];
    }

    /** Steps {@code [from, to)} as a score of their own. */
    Score slice(int from, int to) {
        return new Score(Arrays.copyOfRange(melody, from, to), Arrays.copyOfRange(chords, from, to), stepsPerBar);
    }
}
