package io.engram.app.music.internal;

import io.vavr.control.Try;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * Standard MIDI files in and out through {@code javax.sound.midi}. Reading first walks the file's
 * chunks itself, so that a damaged file is refused naming the byte at fault (a header that is not
 * {@code MThd}, a chunk that runs past the end, a track count that disagrees with the header, SMPTE
 * time), then lets {@link MidiSystem} parse the events, and pairs each note-on with its note-off,
 * naming the track and event of a note-off without a note-on and of a note never released. Every
 * problem of a file is reported at once. Writing builds a format 1 file with one track per source
 * track and writes it to a temporary file that is then renamed over the target (atomic). Stateless.
 */
final class MidiFiles {
    private static final int HEADER = 14;

    private MidiFiles() {
    }

    /** The notes of a file and its time base. */
    record Contents(int resolution, List<Note> notes) {
        Contents {
            notes = List.copyOf(notes);
        }
    }

    /** Reads {@code file}; a failure's message starts with {@code name} and lists every problem. */
    static Try<Contents> read(Path file, String name) {
        return Try.of(() -> Files.readAllBytes(file)).flatMap(bytes -> parse(bytes, name));
    }

    /** Parses the bytes of a standard MIDI file; a failure's message starts with {@code name}. */
    static Try<Contents> parse(byte[] bytes, String name) {
        List<String> problems = structure(bytes);
        if (!problems.isEmpty()) {
            return Try.failure(new IllegalArgumentException(name + ": " + String.join("; ", problems)));
        }
        Sequence seq;
        try {
            seq = MidiSystem.getSequence(new ByteArrayInputStream(bytes));
        } catch (InvalidMidiDataException | IOException e) {
            return Try.failure(new IllegalArgumentException(name + ": not a readable MIDI file: " + e.getMessage(), e));
        }
        List<Note> notes = new ArrayList<>();
        Track[] tracks = seq.getTracks();
        for (int t = 0; t < tracks.length; t++) {
            notes(tracks[t], t, notes, problems);
        }
        if (!problems.isEmpty()) {
            return Try.failure(new IllegalArgumentException(name + ": " + String.join("; ", problems)));
        }
        notes.sort(Comparator.comparingLong(Note::start).thenComparingInt(Note::track).thenComparingInt(Note::event));
        return Try.success(new Contents(seq.getResolution(), notes));
    }

    /** The problems of the file's chunk structure, each naming its byte. */
    static List<String> structure(byte[] b) {
        List<String> problems = new ArrayList<>();
        if (b.length < HEADER) {
            problems.add("byte 0: " + b.length + " bytes, too short for a MIDI header (" + HEADER + ")");
            return problems;
        }
        String magic = new String(b, 0, 4, StandardCharsets.ISO_8859_1);
        if (!magic.equals("MThd")) {
            problems.add("byte 0: expected the header chunk 'MThd', found '" + printable(magic) + "'");
            return problems;
        }
        long headerLength = u32(b, 4);
        if (headerLength < 6 || 8 + headerLength > b.length) {
            problems.add("byte 4: header length " + headerLength + ", expected 6 (and within the file's "
                    + b.length + " bytes)");
            return problems;
        }
        int format = u16(b, 8);
        if (format > 2) {
            problems.add("byte 8: format " + format + ", expected 0, 1 or 2");
        }
        int announced = u16(b, 10);
        if ((b[12] & 0x80) != 0) {
            problems.add("byte 12: SMPTE time division is not supported, only ticks per quarter note");
        } else if (u16(b, 12) == 0) {
            problems.add("byte 12: zero ticks per quarter note");
        }
        long offset = 8 + headerLength;
        int tracks = 0;
        while (offset < b.length) {
            if (offset + 8 > b.length) {
                problems.add("byte " + offset + ": a chunk header of " + (b.length - offset)
                        + " bytes, expected 8 (the file is cut short)");
                break;
            }
            String type = new String(b, (int) offset, 4, StandardCharsets.ISO_8859_1);
            long length = u32(b, (int) offset + 4);
            boolean track = type.equals("MTrk");
            if (offset + 8 + length > b.length) {
                problems.add((track ? "track " + tracks + " " : "chunk '" + printable(type) + "' ") + "(byte " + offset
                        + "): length " + length + " runs past the end of the file (" + b.length + " bytes)");
                break;
            }
            tracks += track ? 1 : 0;
            offset += 8 + length;
        }
        if (problems.isEmpty() && tracks != announced) {
            problems.add("byte 10: the header announces " + announced + " tracks, the file has " + tracks);
        }
        return problems;
    }

    private static void notes(Track track, int t, List<Note> notes, List<String> problems) {
        Map<Integer, Deque<long[]>> open = new HashMap<>();
        for (int e = 0; e < track.size(); e++) {
            MidiEvent event = track.get(e);
            MidiMessage m = event.getMessage();
            if (!(m instanceof ShortMessage s)) {
                continue;
            }
            int command = s.getCommand();
            boolean on = command == ShortMessage.NOTE_ON && s.getData2() > 0;
            boolean off = command == ShortMessage.NOTE_OFF || command == ShortMessage.NOTE_ON && s.getData2() == 0;
            int key = s.getChannel() * 128 + s.getData1();
            if (on) {
                open.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(new long[] {e, event.getTick()});
            } else if (off) {
                Deque<long[]> q = open.get(key);
                if (q == null || q.isEmpty()) {
                    problems.add("track " + t + " event " + e + " (tick " + event.getTick() + "): note-off of key "
                            + s.getData1() + " on channel " + s.getChannel() + " without a note-on");
                    continue;
                }
                long[] start = q.removeFirst();
                if (event.getTick() > start[1]) {
                    notes.add(new Note(t, (int) start[0], s.getChannel(), s.getData1(), start[1], event.getTick()));
                }
            }
        }
        open.forEach((key, q) -> {
            for (long[] start : q) {
                problems.add("track " + t + " event " + start[0] + " (tick " + start[1] + "): note " + key % 128
                        + " on channel " + key / 128 + " is never released");
            }
        });
    }

    /**
     * Writes {@code notes} as a format 1 file at {@code resolution} ticks per quarter note and
     * {@code bpm} beats per minute: track 0 holds the tempo, each note goes to track
     * {@code note.track()} (at least 1). Written to a temporary file beside {@code target} and renamed
     * over it.
     */
    static void write(Path target, int resolution, double bpm, List<Note> notes) throws IOException {
        byte[] bytes;
        try {
            Sequence seq = new Sequence(Sequence.PPQ, resolution);
            Track tempo = seq.createTrack();
            int micros = (int) Math.round(60_000_000 / bpm);
            tempo.add(new MidiEvent(new MetaMessage(0x51, new byte[] {(byte) (micros >> 16), (byte) (micros >> 8),
                (byte) micros}, 3), 0));
            int max = notes.stream().mapToInt(Note::track).max().orElse(1);
            List<Track> tracks = new ArrayList<>();
            tracks.add(tempo);
            for (int t = 1; t <= Math.max(1, max); t++) {
                tracks.add(seq.createTrack());
            }
            for (Note n : notes) {
                Track tr = tracks.get(Math.max(1, n.track()));
                tr.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, n.channel(), n.pitch(), 80), n.start()));
                tr.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, n.channel(), n.pitch(), 0), n.end()));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MidiSystem.write(seq, 1, out);
            bytes = out.toByteArray();
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException("cannot encode the notes as MIDI: " + e.getMessage(), e);
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }
}
