package io.engram.app.speech.internal;

/** A WAV file that cannot be read, with a message naming the file and the byte offset at fault. */
final class WavException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    WavException(String file, long offset, String what) {
        super(file + ": byte " + offset + ": " + what);
    }
}
