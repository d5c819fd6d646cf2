package io.engram.app.actionrecognition.internal;

import java.util.List;

/**
 * One recorded action: its id, the action's label, the performer (held apart for testing; the id
 * when the file names none), the joint names, and the joint positions per frame,
 * {@code [frame][joint][xyz]}, and where it was read ({@code file:line}). The first joint is the
 * root. Immutable by convention: nobody writes the arrays after reading.
 */
record Motion(String id, String label, String performer, List<String> joints, double[][][] frames, String where) {
    Motion {
        joints = List.copyOf(joints);
    }
}
