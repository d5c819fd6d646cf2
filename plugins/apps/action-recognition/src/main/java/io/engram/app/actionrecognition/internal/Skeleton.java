package io.engram.app.actionrecognition.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A skeleton as BVH describes one: a tree of joints, each with an offset from its parent (in the
 * parent's frame) and the channels a frame of motion gives it, in order. The root's channels usually
 * hold {@code Xposition Yposition Zposition}; every joint's rotation channels ({@code Xrotation},
 * {@code Yrotation}, {@code Zrotation}, in degrees) compose in the order listed: the joint's local
 * rotation is {@code R = R1 R2 R3} for channels {@code 1, 2, 3}. End sites are joints with no
 * channels. Forward kinematics: a joint's world transform is its parent's times the translation by
 * its offset (plus its position channels) times its rotation; its position is that transform's
 * origin. Joints are listed parents first. Immutable and thread-safe.
 *
 * @param joints the joints, each parent before its children
 */
record Skeleton(List<Joint> joints) {

    /** The channel kinds, as BVH spells them. */
    static final List<String> CHANNELS = List.of("Xposition", "Yposition", "Zposition", "Xrotation", "Yrotation",
            "Zrotation");

    /**
     * @param name     the joint's name ({@code <parent>_end} for an end site)
     * @param parent   the index of its parent, -1 for the root
     * @param offset   its offset from the parent, in the parent's frame
     * @param channels indices into {@link #CHANNELS}, in the order the frames give them
     */
    record Joint(String name, int parent, double[] offset, int[] channels) {
    }

    Skeleton {
        joints = List.copyOf(joints);
    }

    int channelCount() {
        int n = 0;
        for (Joint j : joints) {
            n += j.channels().length;
        }
        return n;
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        for (Joint j : joints) {
            names.add(j.name());
        }
        return names;
    }

    /** The world position of every joint, {@code [joint][xyz]}, for one frame's channel values. */
    double[][] positions(double[] frame) {
        double[][][] world = new double[joints.size()][][];
        double[][] out = new double[joints.size()][];
        int c = 0;
        for (int i = 0; i < joints.size(); i++) {
            Joint j = joints.get(i);
            double[] t = j.offset().clone();
            double[][] r = identity();
            for (int k : j.channels()) {
                double v = frame[c++];
                if (k < 3) {
                    t[k] += v;
                } else {
                    r = multiply(r, rotation(k - 3, Math.toRadians(v)));
                }
            }
            double[][] local = new double[4][4];
            for (int a = 0; a < 3; a++) {
                System.arraycopy(r[a], 0, local[a], 0, 3);
                local[a][3] = t[a];
            }
            local[3][3] = 1;
            world[i] = j.parent() < 0 ? local : multiply(world[j.parent()], local);
            out[i] = new double[] {world[i][0][3], world[i][1][3], world[i][2][3]};
        }
        return out;
    }

    private static double[][] identity() {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /** The rotation by {@code angle} radians about axis 0 (x), 1 (y) or 2 (z). */
    static double[][] rotation(int axis, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return switch (axis) {
            case 0 -> new double[][] {{1, 0, 0}, {0, c, -s}, {0, s, c}};
            case 1 -> new double[][] {{c, 0, s}, {0, 1, 0}, {-s, 0, c}};
            default -> new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
        };
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double v = a[i][k];
                for (int j = 0; j < n; j++) {
                    m[i][j] += v * b[k][j];
                }
            }
        }
        return m;
    }
}
