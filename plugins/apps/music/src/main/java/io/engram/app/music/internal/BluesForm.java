package io.engram.app.music.internal;

/**
 * The 12-bar blues in C that the training music follows and the composed music is judged against
 * (Eck and Schmidhuber 2002, section 3): one dominant seventh chord per bar, I7 I7 I7 I7 | IV7 IV7 I7
 * I7 | V7 IV7 I7 V7, with I7 = C E G Bb, IV7 = F A C Eb, V7 = G B D F. Chords are pitch-class masks
 * (bit {@code pc}, 0 is C). Stateless.
 *
 * <p>The chord-structure measure: a bar of melody <em>fits</em> its chord when more than half of its
 * sounding steps (rests excluded) are tones of the chord the form prescribes for that bar; a bar
 * without a sounding step does not fit. {@link #melodyFit} is the fraction of bars that fit;
 * {@link #chordMatch} the fraction of bars whose own chord (at the bar's first step) is the form's.
 */
final class BluesForm {
    /** Bars in one chorus of the form. */
    static final int BARS = 12;
    static final int I7 = mask(0, 4, 7, 10);
    static final int IV7 = mask(5, 9, 0, 3);
    static final int V7 = mask(7, 11, 2, 5);
    /** The blues scale on C: C Eb F F# G Bb, the source of passing tones. */
    static final int BLUES_SCALE = mask(0, 3, 5, 6, 7, 10);
    private static final int[] FORM = {I7, I7, I7, I7, IV7, IV7, I7, I7, V7, IV7, I7, V7};

    private BluesForm() {
    }

    /** The pitch-class mask of these pitch classes. */
    static int mask(int... pitchClasses) {
        int m = 0;
        for (int pc : pitchClasses) {
            m |= 1 << Math.floorMod(pc, 12);
        }
        return m;
    }

    /** The form's chord in bar {@code bar} (from 0, repeating every 12 bars). */
    static int chord(int bar) {
        return FORM[Math.floorMod(bar, BARS)];
    }

    /** Whether MIDI key {@code pitch} is a tone of {@code chord}. */
    static boolean inChord(int pitch, int chord) {
        return (chord >> Math.floorMod(pitch, 12) & 1) == 1;
    }

    /** Whether steps {@code [from, from + steps)} of {@code melody} fit {@code chord}. */
    static boolean fits(int[] melody, int from, int steps, int chord) {
        int sounding = 0;
        int tones = 0;
        for (int s = from; s < from + steps; s++) {
            if (melody[s] != Score.REST) {
                sounding++;
                tones += inChord(melody[s], chord) ? 1 : 0;
            }
        }
        return sounding > 0 && 2 * tones > sounding;
    }

    /**
     * The fraction of the whole bars of {@code melody} that fit the form's chord, its first step
     * being the start of bar {@code firstBar} of the form.
     */
    static double melodyFit(int[] melody, int stepsPerBar, int firstBar) {
        int bars = melody.length / stepsPerBar;
        int fit = 0;
        for (int b = 0; b < bars; b++) {
            fit += fits(melody, b * stepsPerBar, stepsPerBar, chord(firstBar + b)) ? 1 : 0;
        }
        return bars == 0 ? 0.0 : fit / (double) bars;
    }

    /** The fraction of the whole bars of {@code chords} whose chord at the bar's first step is the form's. */
    static double chordMatch(int[] chords, int stepsPerBar, int firstBar) {
        int bars = chords.length / stepsPerBar;
        int match = 0;
        for (int b = 0; b < bars; b++) {
            match += chords[b * stepsPerBar] == chord(firstBar + b) ? 1 : 0;
        }
        return bars == 0 ? 0.0 : match / (double) bars;
    }
}
