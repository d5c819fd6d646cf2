package io.engram.app.music.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded 12-bar blues over the {@link BluesForm} chords, the training music of the music
 * application, made as Eck and Schmidhuber (2002, section 3.2) made theirs: by concatenating bar-long
 * melody segments chosen at random among a small set of segments that fit each chord. Here the
 * segments ({@link #riffs}) are themselves drawn from the seed, {@code count} per chord, each a random
 * walk within MIDI keys {@code [low, high]}, step by step (an eighth note at 8 steps per bar):
 * <ul>
 *   <li>on a beat (every {@code stepsPerBar / 4} steps) a tone of the chord;</li>
 *   <li>off the beat, with probability 0.25 the previous note held (repeated), with 0.1 a rest, else
 *   with probability {@code passing} a tone of the blues scale (C Eb F F# G Bb) and otherwise a
 *   chord tone;</li>
 *   <li>a new tone is drawn uniformly among the candidates within 7 semitones of the previous note
 *   (among all candidates in range at the start, after a rest, or when none is that near).</li>
 * </ul>
 * A song ({@link #song}) carries the form's chord at every step and, in each bar, one of that chord's
 * segments. Same seed, same music. Stateless.
 */
final class BluesGenerator {
    private static final double HOLD = 0.25;
    private static final double REST = 0.10;
    private static final int LEAP = 7;
    private static final int[] CHORDS = {BluesForm.I7, BluesForm.IV7, BluesForm.V7};

    private BluesGenerator() {
    }

    /**
     * The segments: {@code [chord][segment][step]} for the chords I7, IV7 and V7, {@code count} each,
     * a bar long.
     */
    static int[][][] riffs(SplittableRandom r, int count, int stepsPerBar, int low, int high, double passing) {
        int[][][] riffs = new int[CHORDS.length][count][];
        for (int c = 0; c < CHORDS.length; c++) {
            for (int i = 0; i < count; i++) {
                riffs[c][i] = walk(r, CHORDS[c], stepsPerBar, low, high, passing);
            }
        }
        return riffs;
    }

    /** A song of {@code bars} bars from the first bar of the form, each bar one of its chord's segments. */
    static Score song(SplittableRandom r, int[][][] riffs, int bars) {
        int spb = riffs[0][0].length;
        int[] melody = new int[bars * spb];
        int[] chords = new int[bars * spb];
        for (int b = 0; b < bars; b++) {
            int chord = BluesForm.chord(b);
            int c = chord == BluesForm.I7 ? 0 : chord == BluesForm.IV7 ? 1 : 2;
            int[] riff = riffs[c][r.nextInt(riffs[c].length)];
            System.arraycopy(riff, 0, melody, b * spb, spb);
            java.util.Arrays.fill(chords, b * spb, (b + 1) * spb, chord);
        }
        return new Score(melody, chords, spb);
    }

    /** A song over four fresh segments per chord, both drawn from {@code r}. */
    static Score generate(SplittableRandom r, int bars, int stepsPerBar, int low, int high, double passing) {
        return song(r, riffs(r, 4, stepsPerBar, low, high, passing), bars);
    }

    private static int[] walk(SplittableRandom r, int chord, int steps, int low, int high, double passing) {
        int[] melody = new int[steps];
        int beat = Math.max(1, steps / 4);
        int prev = Score.REST;
        for (int t = 0; t < steps; t++) {
            int note;
            if (t % beat == 0) {
                note = near(r, prev, low, high, chord);
            } else {
                double u = r.nextDouble();
                if (u < HOLD && prev != Score.REST) {
                    note = prev;
                } else if (u < HOLD + REST) {
                    note = Score.REST;
                } else {
                    note = near(r, prev, low, high, r.nextDouble() < passing ? BluesForm.BLUES_SCALE : chord);
                }
            }
            melody[t] = note;
            prev = note;
        }
        return melody;
    }

    private static int near(SplittableRandom r, int prev, int low, int high, int pitchClasses) {
        List<Integer> all = new ArrayList<>();
        List<Integer> near = new ArrayList<>();
        for (int k = low; k <= high; k++) {
            if (BluesForm.inChord(k, pitchClasses)) {
                all.add(k);
                if (prev != Score.REST && Math.abs(k - prev) <= LEAP) {
                    near.add(k);
                }
            }
        }
        List<Integer> from = near.isEmpty() ? all : near;
        return from.isEmpty() ? Score.REST : from.get(r.nextInt(from.size()));
    }
}
