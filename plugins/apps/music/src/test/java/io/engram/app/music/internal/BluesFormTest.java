package io.engram.app.music.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chord-structure measure, and the seeded blues generator that the measure holds its training music to. */
class BluesFormTest {
    private static final int R = Score.REST;

    @Test
    void theFormIsTheTwelveBarBluesInC() {
        int[] roots = new int[12];
        for (int b = 0; b < 12; b++) {
            roots[b] = BluesForm.chord(b) == BluesForm.I7 ? 1 : BluesForm.chord(b) == BluesForm.IV7 ? 4 : 5;
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 4, 4, 1, 1, 5, 4, 1, 5}, roots);
        assertEquals(BluesForm.chord(3), BluesForm.chord(15));
        assertEquals(BluesForm.mask(0, 4, 7, 10), BluesForm.I7);
    }

    @Test
    void aBarFitsWhenMoreThanHalfOfItsSoundingStepsAreChordTones() {
        // over C7 (C E G Bb): C E G D -> 3 of 4 fit; C D F A -> 1 of 4 does not; a bar of rests does not
        assertTrue(BluesForm.fits(new int[] {60, 64, 67, 62, R, R, R, R}, 0, 8, BluesForm.I7));
        assertFalse(BluesForm.fits(new int[] {60, 62, 65, 69, R, R, R, R}, 0, 8, BluesForm.I7));
        assertFalse(BluesForm.fits(new int[] {60, 64, 62, 65, R, R, R, R}, 0, 8, BluesForm.I7), "exactly half is not more");
        assertFalse(BluesForm.fits(new int[] {R, R, R, R, R, R, R, R}, 0, 8, BluesForm.I7));
        // the same F A C Eb bar fits IV7 and not I7
        int[] f = {65, 69, 72, 63, 65, 69, 72, 63};
        assertTrue(BluesForm.fits(f, 0, 8, BluesForm.IV7));
        assertFalse(BluesForm.fits(f, 0, 8, BluesForm.I7));
    }

    @Test
    void melodyFitCountsBarsAgainstTheFormFromTheGivenBar() {
        int[] c = {60, 64, 67, 70};
        int[] f = {65, 69, 72, 63};
        int[] melody = concat(c, f, c);
        // at 4 steps per bar from bar 3: bars 3 (I7), 4 (IV7), 5 (IV7): C fits, F fits, C does not
        assertEquals(2 / 3.0, BluesForm.melodyFit(melody, 4, 3), 1e-12);
        // from bar 0 (I7 I7 I7): C fits, F does not, C fits
        assertEquals(2 / 3.0, BluesForm.melodyFit(melody, 4, 0), 1e-12);
        assertEquals(0.0, BluesForm.melodyFit(new int[3], 4, 0), "no whole bar");
        int[] chords = {BluesForm.I7, 0, BluesForm.IV7, 0, BluesForm.V7, 0};
        assertEquals(2 / 3.0, BluesForm.chordMatch(chords, 2, 3), 1e-12);
    }

    @Test
    void theGeneratorIsDeterministicForItsSeedAndDiffersAcrossSeeds() {
        Score a = BluesGenerator.generate(new SplittableRandom(3), 24, 8, 60, 79, 0.3);
        Score b = BluesGenerator.generate(new SplittableRandom(3), 24, 8, 60, 79, 0.3);
        Score c = BluesGenerator.generate(new SplittableRandom(4), 24, 8, 60, 79, 0.3);
        assertArrayEquals(a.melody(), b.melody());
        assertArrayEquals(a.chords(), b.chords());
        assertNotEquals(java.util.Arrays.toString(a.melody()), java.util.Arrays.toString(c.melody()));
        assertEquals(24 * 8, a.length());
    }

    @Test
    void generatedMusicKeepsTheFormAndItsRangeWhileRandomNotesDoNot() {
        SplittableRandom r = new SplittableRandom(11);
        double generated = 0;
        for (int i = 0; i < 20; i++) {
            Score s = BluesGenerator.generate(r, 48, 8, 60, 79, 0.3);
            for (int t = 0; t < s.length(); t++) {
                int k = s.melodyAt(t);
                assertTrue(k == R || k >= 60 && k <= 79, "key " + k);
                assertEquals(BluesForm.chord(t / 8), s.chordAt(t));
            }
            generated += BluesForm.melodyFit(s.melody(), 8, 0) / 20;
            assertEquals(1.0, BluesForm.chordMatch(s.chords(), 8, 0));
        }
        int[] random = new int[48 * 8];
        for (int t = 0; t < random.length; t++) {
            random[t] = 60 + r.nextInt(20);
        }
        double chance = BluesForm.melodyFit(random, 8, 0);
        assertTrue(generated > 0.95, "generated fit " + generated);
        assertTrue(chance < 0.3, "random fit " + chance);
    }

    @Test
    void songsAreMadeOfTheirBarsChordsSegments() {
        SplittableRandom r = new SplittableRandom(8);
        int[][][] riffs = BluesGenerator.riffs(r, 3, 8, 60, 79, 0.3);
        Score song = BluesGenerator.song(r, riffs, 24);
        for (int b = 0; b < 24; b++) {
            int chord = BluesForm.chord(b);
            int c = chord == BluesForm.I7 ? 0 : chord == BluesForm.IV7 ? 1 : 2;
            int[] bar = java.util.Arrays.copyOfRange(song.melody(), b * 8, b * 8 + 8);
            assertTrue(java.util.Arrays.stream(riffs[c]).anyMatch(riff -> java.util.Arrays.equals(riff, bar)),
                    "bar " + b + " is a segment of its chord");
            assertTrue(BluesForm.inChord(bar[0], chord), "a segment starts on a chord tone");
        }
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
