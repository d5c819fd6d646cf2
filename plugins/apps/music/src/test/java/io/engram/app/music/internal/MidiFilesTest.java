package io.engram.app.music.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Try;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard MIDI files written and read back, and damaged files refused naming the byte, track and event. */
class MidiFilesTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedScoreSurvivesTheRoundTripThroughAMidiFile() throws IOException {
        Score score = BluesGenerator.generate(new SplittableRandom(7), 24, 8, 60, 79, 0.3);
        Path file = dir.resolve("blues.mid");
        MidiFiles.write(file, ScoreMidi.RESOLUTION, 120, ScoreMidi.notes(score));
        MidiFiles.Contents read = MidiFiles.read(file, "blues.mid").get();
        assertEquals(ScoreMidi.RESOLUTION, read.resolution());
        Score back = ScoreMidi.score(read, 8, 60, 79).get();
        assertArrayEquals(score.melody(), trimmedTo(back.melody(), score.length(), Score.REST));
        assertArrayEquals(score.chords(), trimmedTo(back.chords(), score.length(), 0));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left beside the output");
        }
    }

    /** A trailing rest is no note, so the file read back may end early; pad to the written length. */
    private static int[] trimmedTo(int[] a, int length, int fill) {
        int[] b = Arrays.copyOf(a, length);
        Arrays.fill(b, Math.min(a.length, length), length, fill);
        return b;
    }

    @Test
    void writingReplacesAnExistingFileWhole() throws IOException {
        Path file = dir.resolve("out.mid");
        Files.writeString(file, "old contents that are not MIDI at all");
        Score score = BluesGenerator.generate(new SplittableRandom(1), 12, 8, 60, 79, 0.3);
        MidiFiles.write(file, ScoreMidi.RESOLUTION, 120, ScoreMidi.notes(score));
        assertTrue(MidiFiles.read(file, "out.mid").isSuccess());
    }

    @Test
    void aFileThatIsNotMidiIsRefusedAtByteZero() {
        Try<MidiFiles.Contents> r = MidiFiles.parse("RIFF....WAVEfmt ".getBytes(), "x.mid");
        assertTrue(r.isFailure());
        assertEquals("x.mid: byte 0: expected the header chunk 'MThd', found 'RIFF'", r.getCause().getMessage());
        assertEquals("x.mid: byte 0: 3 bytes, too short for a MIDI header (14)",
                MidiFiles.parse(new byte[3], "x.mid").getCause().getMessage());
    }

    @Test
    void aTrackThatRunsPastTheEndIsNamedWithItsByte() throws Exception {
        byte[] good = bytes(simple());
        byte[] cut = Arrays.copyOf(good, good.length - 5);
        String message = MidiFiles.parse(cut, "cut.mid").getCause().getMessage();
        assertTrue(message.startsWith("cut.mid: track 0 (byte "), message);
        assertTrue(message.contains("runs past the end of the file (" + cut.length + " bytes)"), message);
    }

    @Test
    void headerProblemsAreReportedTogether() throws Exception {
        byte[] b = bytes(simple());
        b[9] = 7; // format 7
        b[12] = (byte) 0xE7; // SMPTE division
        String message = MidiFiles.parse(b, "h.mid").getCause().getMessage();
        assertTrue(message.contains("byte 8: format 7, expected 0, 1 or 2"), message);
        assertTrue(message.contains("byte 12: SMPTE time division is not supported"), message);
    }

    @Test
    void aWrongTrackCountIsNamedAtByteTen() throws Exception {
        byte[] b = bytes(simple());
        b[11] = 5;
        assertEquals("n.mid: byte 10: the header announces 5 tracks, the file has 1",
                MidiFiles.parse(b, "n.mid").getCause().getMessage());
    }

    @Test
    void unpairedNotesAreNamedByTrackAndEventAllAtOnce() throws Exception {
        Sequence seq = new Sequence(Sequence.PPQ, 480);
        seq.createTrack();
        Track t = seq.createTrack();
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 80), 0));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, 60, 0), 480));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, 62, 0), 960));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 64, 80), 960));
        String message = MidiFiles.parse(bytes(seq), "u.mid").getCause().getMessage();
        assertEquals("u.mid: track 1 event 2 (tick 960): note-off of key 62 on channel 0 without a note-on; "
                + "track 1 event 3 (tick 960): note 64 on channel 0 is never released", message);
    }

    @Test
    void aMelodyNoteOutOfRangeIsNamedByTrackAndEvent() throws Exception {
        MidiFiles.Contents c = MidiFiles.parse(bytes(simple()), "s.mid").get();
        List<String> problems = ScoreMidi.score(c, 8, 62, 79).getError();
        assertEquals(List.of("track 0 event 0 (tick 0): melody note 60 outside data.low..data.high (62..79)"), problems);
    }

    @Test
    void notesAreSampledAtTheMiddleOfEachStep() throws Exception {
        MidiFiles.Contents c = MidiFiles.parse(bytes(simple()), "s.mid").get();
        Score s = ScoreMidi.score(c, 8, 60, 79).get();
        // C4 for a quarter note (two eighths), then E4 for a dotted quarter, rest to the end of the bar
        assertArrayEquals(new int[] {60, 60, 64, 64, 64, Score.REST, Score.REST, Score.REST}, s.melody());
        assertEquals(BluesForm.mask(0, 4, 7), s.chordAt(0));
        assertEquals(BluesForm.mask(0, 4, 7), s.chordAt(7));
    }

    /** One bar: C4 for a quarter and E4 for a dotted quarter on channel 0, a C major triad all bar on channel 1. */
    private static Sequence simple() throws Exception {
        Sequence seq = new Sequence(Sequence.PPQ, 480);
        Track t = seq.createTrack();
        add(t, 0, 60, 0, 480);
        add(t, 0, 64, 480, 1200);
        for (int k : new int[] {48, 52, 55}) {
            add(t, 1, k, 0, 1920);
        }
        return seq;
    }

    private static void add(Track t, int channel, int key, long on, long off) throws Exception {
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, channel, key, 80), on));
        t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, channel, key, 0), off));
    }

    private static byte[] bytes(Sequence seq) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MidiSystem.write(seq, 1, out);
        return out.toByteArray();
    }
}
