package io.engram.app.speech.internal;

import io.engram.api.Sequence;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The utterances of one manifest as labelled sequences: each WAV file is read ({@link WavReader}),
 * resampled to the feature rate ({@link Resampler}) and turned into features ({@link Features}); its
 * transcript becomes the sequence's labels ({@link Alphabet}), with {@link Alphabet#CLASSES} outputs.
 * The manifest's bytes and every WAV file's bytes, each preceded by its length, go into the digest.
 * With {@code strict}, an utterance with fewer steps than its transcript needs under CTC (one per
 * character and one more between two equal characters) is a problem naming its line. Problems are
 * collected as {@code file:line: ...}. Stateless; one call per thread.
 */
final class Corpus {
    private Corpus() {
    }

    /** The sequences of {@code manifest}, in its order; problems go to {@code problems}. */
    static List<Sequence> read(Path manifest, Features features, boolean strict, MessageDigest digest,
                               List<String> problems) {
        byte[] bytes = bytes(manifest, manifest.toString(), problems);
        if (bytes == null) {
            return List.of();
        }
        update(digest, bytes);
        List<Sequence> out = new ArrayList<>();
        for (Manifest.Entry e : Manifest.read(manifest, bytes, true, problems)) {
            String where = manifest + ":" + e.line() + ": ";
            byte[] wav = bytes(e.path(), where + e.written(), problems);
            if (wav == null) {
                continue;
            }
            update(digest, wav);
            double[][] steps;
            try {
                steps = features.of(audio(e.written(), wav, features));
            } catch (WavException bad) {
                problems.add(where + bad.getMessage());
                continue;
            }
            int[] labels = Alphabet.encode(e.transcript());
            int needed = needed(labels);
            if (strict && steps.length < needed) {
                problems.add(where + e.written() + " gives " + steps.length + " steps, too few for its " + labels.length
                        + " characters (" + needed + " needed under CTC); use a smaller data.stack or data.hop.ms, or "
                        + "data.loss=ctc-zero-infinity to skip such utterances");
                continue;
            }
            out.add(Sequence.labelled(steps, Alphabet.CLASSES, labels));
        }
        return out;
    }

    /** The audio of WAV {@code bytes} (named {@code name} in errors) at the feature rate. */
    static Audio audio(String name, byte[] bytes, Features features) {
        return Resampler.to(WavReader.read(name, bytes), features.rate());
    }

    /** Steps CTC needs for {@code labels}: one each, plus one blank between two equal neighbours. */
    static int needed(int[] labels) {
        int n = labels.length;
        for (int i = 1; i < labels.length; i++) {
            n += labels[i] == labels[i - 1] ? 1 : 0;
        }
        return n;
    }

    /** The bytes of {@code file}, or null with a problem naming {@code name}. */
    static byte[] bytes(Path file, String name, List<String> problems) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(name + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static void update(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
        digest.update(bytes);
    }
}
