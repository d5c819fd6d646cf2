package io.engram.app.music.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded 12-bar blues melodies over the {@link BluesForm} chords, the training music of the music
 * application. Each step (an eighth note at 8 steps per bar) carries the bar's chord; the melody,
 * within MIDI keys {@code [low, high]}, is a random walk drawn step by step:
 * <ul>
 *   <li>on a beat (every {@code stepsPerBar / 4} steps) a tone of the bar's chord;</li>
 *   <li>off the beat, with probability 0.25 the previous note held (repeated), with 0.1 a rest, else
 *   with probability {@code passing} a tone of the blues scale (C Eb F F# G Bb) and otherwise a
 *   chord tone;</li>
 *   <li>a new tone is drawn uniformly among the candidates within 7 semitones of the previous note
 *   (among all candidates in range after a rest or when none is that near).</li>
 * </ul>
 * Same seed, same music. Stateless.
 */
final class BluesGenerator {
    private static final double HOLD = 0.25;
    private static final double REST = 0.10;
    private static final int LEAP = 7;

    private BluesGenerator() {
    }

    /** A piece of {@code bars} bars starting at the first bar of the form. */
    static Score generate(SplittableRandom r, int bars, int stepsPerBar, int low, int high, double passing) {
        int steps = bars * stepsPerBar;
        int[] melody = new int[steps];
        int[] chords = new int[steps];
        int beat = Math.max(1, stepsPerBar / 4);
        int prev = Score.REST;
        for (int t = 0; t < steps; t++) {
            int chord = BluesForm.chord(t / stepsPerBar);
            chords[t] = chord;
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
        return new Score(melody, chords, stepsPerBar);
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
