package io.engram.app.music.internal;

/**
 * One note of a MIDI file: where it came from (track and index of its note-on event, for error
 * messages), its channel and key, and when it sounds, in ticks. Immutable.
 *
 * @param track   the track index in the file, from 0
 * @param event   the index of the note-on event within its track, from 0
 * @param channel the MIDI channel, 0 to 15
 * @param pitch   the MIDI key, 0 to 127 (60 is middle C)
 * @param start   the tick of the note-on
 * @param end     the tick of the note-off, after {@code start}
 */
record Note(int track, int event, int channel, int pitch, long start, long end) {
    Note {
        if (end <= start) {
            throw new IllegalArgumentException("track " + track + " event " + event + ": note " + pitch
                    + " ends at tick " + end + ", not after its start " + start);
        }
    }

    /** Whether the note sounds at {@code tick}: {@code start <= tick < end}. */
    boolean soundsAt(long tick) {
        return start <= tick && tick < end;
    }
}
