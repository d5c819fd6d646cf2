package io.engram.api;

/**
 * What an application's data will look like once loaded, known before loading it: upper bounds that
 * let the kernel estimate a job's memory at validation ({@link Application#shape}). Immutable.
 *
 * @param key        the spec key that sets the data's size most (such as {@code data.length} or
 *                   {@code data.file}), named when the job is refused
 * @param sequences  sequences in all sets together (training, validation and test)
 * @param steps      steps of all sequences together
 * @param maxLength  steps of the longest sequence; 0 when unknown without reading the data, which leaves
 *                   activations out of the kernel's estimate
 * @param inputs     inputs per step
 * @param outputs    outputs (targets) per step
 * @param bytes      heap that loading the data takes at its peak, all sets together
 */
public record DataShape(String key, long sequences, long steps, long maxLength, int inputs, int outputs,
                        long bytes) {

    public DataShape {
        java.util.Objects.requireNonNull(key, "key");
        if (sequences < 0 || steps < 0 || maxLength < 0 || inputs < 0 || outputs < 0 || bytes < 0) {
            throw new IllegalArgumentException("negative data shape: " + sequences + " sequences, " + steps
                    + " steps, " + maxLength + " longest, " + inputs + " inputs, " + outputs + " outputs, "
                    + bytes + " bytes");
        }
    }

    /**
     * Heap of {@code sequences} sequences of {@code steps} steps in all as {@link Sequence} holds them:
     * per step an input row and a target row of doubles (16 bytes of array header each, and a reference
     * in the outer array) and a mask byte, per sequence three array headers; saturates at
     * {@link Long#MAX_VALUE}.
     */
    public static long sequenceBytes(long sequences, long steps, int inputs, int outputs) {
        double perStep = 8.0 * inputs + 8.0 * outputs + 2 * (16 + 8) + 1;
        double total = steps * perStep + sequences * 3.0 * 16;
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }
}
