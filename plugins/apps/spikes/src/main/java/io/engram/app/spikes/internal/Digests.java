package io.engram.app.spikes.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over generated datasets, in a fixed byte layout: for each dataset its sizes, then for each
 * sequence its length and, step by step, the inputs, the targets (big-endian IEEE 754 doubles) and
 * the target flag (one byte).
 */
final class Digests {

    private Digests() {
    }

    static String sha256(Dataset... datasets) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        for (Dataset d : datasets) {
            md.update(ByteBuffer.allocate(12).putInt(d.size()).putInt(d.inputSize()).putInt(d.outputSize()).array());
            for (Sequence s : d.sequences()) {
                int width = 8 * (d.inputSize() + d.outputSize()) + 1;
                ByteBuffer buf = ByteBuffer.allocate(4 + s.length() * width);
                buf.putInt(s.length());
                for (int t = 0; t < s.length(); t++) {
                    for (int f = 0; f < d.inputSize(); f++) {
                        buf.putDouble(s.input(t, f));
                    }
                    for (int o = 0; o < d.outputSize(); o++) {
                        buf.putDouble(s.target(t, o));
                    }
                    buf.put((byte) (s.hasTarget(t) ? 1 : 0));
                }
                md.update(buf.array());
            }
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : md.digest()) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
