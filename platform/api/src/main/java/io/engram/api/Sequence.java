package io.engram.api;

import java.util.Objects;

/**
 * One training sequence, on the host. Immutable (the arrays are copied in and out).
 *
 * @param inputs       {@code [time][inputSize]}
 * @param targets      {@code [time][outputSize]}
 * @param targetMask   {@code [time]}: true where the step has a target and contributes to the loss
 *                     (all steps for per-step tasks, the last for sequence classification)
 * @param labels       integer labels of the whole sequence with a length of their own (a CTC
 *                     transcript, a target sentence); empty for tasks with per-step targets only
 */
public record Sequence(double[][] inputs, double[][] targets, boolean[] targetMask, int[] labels) {

    public Sequence {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(targetMask, "targetMask");
        Objects.requireNonNull(labels, "labels");
        if (targets.length != inputs.length || targetMask.length != inputs.length) {
            throw new IllegalArgumentException("inputs, targets and mask differ in length: "
                    + inputs.length + ", " + targets.length + ", " + targetMask.length);
        }
        inputs = deepCopy(inputs);
        targets = deepCopy(targets);
        targetMask = targetMask.clone();
        labels = labels.clone();
    }

    /** A sequence without labels of its own length. */
    public Sequence(double[][] inputs, double[][] targets, boolean[] targetMask) {
        this(inputs, targets, targetMask, new int[0]);
    }

    /**
     * A sequence whose only targets are {@code labels} (a transcript): per-step targets are zeros of
     * width {@code outputSize} and no step carries one.
     */
    public static Sequence labelled(double[][] inputs, int outputSize, int[] labels) {
        return new Sequence(inputs, new double[inputs.length][outputSize], new boolean[inputs.length], labels);
    }

    /** A sequence with a target at every step. */
    public static Sequence perStep(double[][] inputs, double[][] targets) {
        boolean[] mask = new boolean[inputs.length];
        java.util.Arrays.fill(mask, true);
        return new Sequence(inputs, targets, mask);
    }

    public int length() {
        return inputs.length;
    }

    @Override
    public double[][] inputs() {
        return deepCopy(inputs);
    }

    @Override
    public double[][] targets() {
        return deepCopy(targets);
    }

    @Override
    public boolean[] targetMask() {
        return targetMask.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** Number of labels. */
    public int labelCount() {
        return labels.length;
    }

    /** Label {@code i}, without copying. */
    public int label(int i) {
        return labels[i];
    }

    /** Input feature {@code f} at step {@code t}, without copying. */
    public double input(int t, int f) {
        return inputs[t][f];
    }

    /** Target {@code o} at step {@code t}, without copying. */
    public double target(int t, int o) {
        return targets[t][o];
    }

    /** Number of input features at step {@code t}. */
    public int inputWidth(int t) {
        return inputs[t].length;
    }

    /** Number of targets at step {@code t}. */
    public int targetWidth(int t) {
        return targets[t].length;
    }

    /** Whether step {@code t} has a target, without copying. */
    public boolean hasTarget(int t) {
        return targetMask[t];
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
