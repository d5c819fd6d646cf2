package io.engram.app.actionrecognition.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of parametrised movements of a 15-joint skeleton (hips as root, chest, head,
 * shoulders, elbows, hands, hips, knees, feet; Y up, the performer facing +Z), made as BVH channels
 * and turned into joint positions by the same forward kinematics that reads BVH files
 * ({@link Skeleton}). Seven actions: {@value #ACTIONS_TEXT}. {@code wave} raises the right arm and
 * swings the forearm; {@code walk} swings legs and arms in counter-phase and moves forward;
 * {@code jump} crouches and leaves the ground; {@code punch} throws the right fist from a guard;
 * {@code kick} swings the right leg forward; {@code sit-down} and {@code stand-up} pass between
 * standing and a squat, one the other reversed in time, so that the poses they go through are the
 * same and only their order tells them apart.
 *
 * <p>Each performer has a body of their own (height 0.85 to 1.15 of 1.8 m units, arm and leg
 * proportions within 5 %), a posture (lean, how far the arms hang out) and a style (amplitude and
 * tempo within 15 %). Each sequence draws its speed ({@code 1 +- speedVariation}), amplitude
 * ({@code 1 +- amplitudeVariation}), phase, facing (within 20 degrees of +Z) and, for the two
 * transitions, when they happen; then every coordinate of every frame gets Gaussian noise of
 * standard deviation {@code noise}. 30 frames a second. Performers are numbered from 0 and their
 * sequences are drawn in order, performer by performer and action by action, from one
 * {@link Random} seeded with the seed: the same arguments give the same motions. Stateless.
 */
final class Movements {
    static final List<String> ACTIONS = List.of("wave", "walk", "jump", "punch", "kick", "sit-down", "stand-up");
    static final String ACTIONS_TEXT = "wave, walk, jump, punch, kick, sit-down, stand-up";
    static final double FPS = 30;
    static final double BASE_HZ = 0.9;

    // joint indices
    private static final int HIPS = 0;
    private static final int CHEST = 1;
    private static final int L_SHOULDER = 3;
    private static final int L_ELBOW = 4;
    private static final int R_SHOULDER = 6;
    private static final int R_ELBOW = 7;
    private static final int L_HIP = 9;
    private static final int L_KNEE = 10;
    private static final int R_HIP = 12;
    private static final int R_KNEE = 13;

    private Movements() {
    }

    /** What the generator is asked for. */
    record Spec(int performers, int perAction, int frames, double noise, double speedVariation,
                double amplitudeVariation) {
    }

    /** Every performer's sequences, {@code perAction} of each action, performer by performer. */
    static List<Motion> generate(Spec spec, long seed) {
        Random random = new Random(seed);
        List<Motion> out = new ArrayList<>();
        for (int p = 0; p < spec.performers(); p++) {
            Body body = Body.draw(random);
            Skeleton skeleton = skeleton(body);
            for (int a = 0; a < ACTIONS.size(); a++) {
                for (int k = 0; k < spec.perAction(); k++) {
                    String id = "p" + p + "-" + ACTIONS.get(a) + "-" + k;
                    out.add(new Motion(id, ACTIONS.get(a), "p" + p, skeleton.names(),
                            motion(skeleton, body, a, spec, random), "generator:" + id));
                }
            }
        }
        return out;
    }

    /** A performer's body, posture and style. */
    record Body(double scale, double arm, double leg, double lean, double hang, double amplitude, double tempo) {
        static Body draw(Random r) {
            return new Body(0.85 + 0.3 * r.nextDouble(), 0.95 + 0.1 * r.nextDouble(), 0.95 + 0.1 * r.nextDouble(),
                    -5 + 10 * r.nextDouble(), 8 * r.nextDouble(), 0.85 + 0.3 * r.nextDouble(), 0.85 + 0.3 * r.nextDouble());
        }
    }

    static Skeleton skeleton(Body b) {
        double s = b.scale();
        double arm = 0.3 * s * b.arm();
        double fore = 0.27 * s * b.arm();
        double thigh = 0.45 * s * b.leg();
        int[] rot = {5, 3, 4}; // Zrotation Xrotation Yrotation
        int[] none = {};
        List<Skeleton.Joint> j = new ArrayList<>();
        j.add(new Skeleton.Joint("hips", -1, new double[] {0, 0, 0}, new int[] {0, 1, 2, 5, 3, 4}));
        j.add(new Skeleton.Joint("chest", HIPS, new double[] {0, 0.5 * s, 0}, rot));
        j.add(new Skeleton.Joint("head", CHEST, new double[] {0, 0.25 * s, 0}, none));
        j.add(new Skeleton.Joint("l_shoulder", CHEST, new double[] {0.2 * s, 0, 0}, rot));
        j.add(new Skeleton.Joint("l_elbow", L_SHOULDER, new double[] {0, -arm, 0}, rot));
        j.add(new Skeleton.Joint("l_hand", L_ELBOW, new double[] {0, -fore, 0}, none));
        j.add(new Skeleton.Joint("r_shoulder", CHEST, new double[] {-0.2 * s, 0, 0}, rot));
        j.add(new Skeleton.Joint("r_elbow", R_SHOULDER, new double[] {0, -arm, 0}, rot));
        j.add(new Skeleton.Joint("r_hand", R_ELBOW, new double[] {0, -fore, 0}, none));
        j.add(new Skeleton.Joint("l_hip", HIPS, new double[] {0.1 * s, 0, 0}, rot));
        j.add(new Skeleton.Joint("l_knee", L_HIP, new double[] {0, -thigh, 0}, rot));
        j.add(new Skeleton.Joint("l_foot", L_KNEE, new double[] {0, -thigh, 0}, none));
        j.add(new Skeleton.Joint("r_hip", HIPS, new double[] {-0.1 * s, 0, 0}, rot));
        j.add(new Skeleton.Joint("r_knee", R_HIP, new double[] {0, -thigh, 0}, rot));
        j.add(new Skeleton.Joint("r_foot", R_KNEE, new double[] {0, -thigh, 0}, none));
        return new Skeleton(j);
    }

    private static double[][][] motion(Skeleton skeleton, Body b, int action, Spec spec, Random r) {
        double speed = b.tempo() * (1 + spec.speedVariation() * (2 * r.nextDouble() - 1));
        double amp = b.amplitude() * (1 + spec.amplitudeVariation() * (2 * r.nextDouble() - 1));
        double phase0 = 2 * Math.PI * r.nextDouble();
        double yaw = -20 + 40 * r.nextDouble();
        double sway = 2 * Math.PI * r.nextDouble();
        double legLength = 0.9 * b.scale() * b.leg();
        double duration = spec.frames() / FPS;
        // the transitions: centred between 30 % and 70 % of the sequence, lasting 0.8 s at speed 1
        double centre = duration * (0.3 + 0.4 * r.nextDouble());
        double span = 0.8 / speed;
        double[][][] out = new double[spec.frames()][][];
        for (int f = 0; f < spec.frames(); f++) {
            double t = f / FPS;
            double phi = 2 * Math.PI * BASE_HZ * speed * t + phase0;
            double[][] rot = new double[skeleton.joints().size()][3]; // Z, X, Y in degrees
            double[] root = {0, legLength, 0};
            rot[CHEST][1] = b.lean() + 3 * Math.sin(2 * Math.PI * 0.5 * t + sway);
            rot[L_SHOULDER][0] = b.hang();
            rot[R_SHOULDER][0] = -b.hang();
            switch (ACTIONS.get(action)) {
                case "wave" -> {
                    rot[R_SHOULDER][0] = -(140 + 10 * amp);
                    rot[R_ELBOW][0] = -20 + 35 * amp * Math.sin(phi);
                }
                case "walk" -> {
                    double sw = Math.sin(phi);
                    rot[L_HIP][1] = -25 * amp * sw;
                    rot[R_HIP][1] = 25 * amp * sw;
                    rot[L_KNEE][1] = 30 * amp * Math.max(0, Math.cos(phi));
                    rot[R_KNEE][1] = 30 * amp * Math.max(0, -Math.cos(phi));
                    rot[L_SHOULDER][1] = 20 * amp * sw;
                    rot[R_SHOULDER][1] = -20 * amp * sw;
                    root[2] += 1.2 * speed * b.scale() * t;
                    root[1] += 0.02 * Math.sin(2 * phi);
                }
                case "jump" -> {
                    double up = Math.max(0, Math.sin(phi));
                    double crouch = Math.max(0, -Math.sin(phi));
                    root[1] += 0.35 * amp * up - 0.15 * amp * crouch;
                    rot[L_HIP][1] = -40 * amp * crouch;
                    rot[R_HIP][1] = -40 * amp * crouch;
                    rot[L_KNEE][1] = 80 * amp * crouch;
                    rot[R_KNEE][1] = 80 * amp * crouch;
                    rot[L_SHOULDER][0] += 60 * amp * up;
                    rot[R_SHOULDER][0] -= 60 * amp * up;
                }
                case "punch", "kick" -> {
                    double p = Math.pow(Math.max(0, Math.sin(phi)), 3);
                    rot[L_SHOULDER][1] = -50;
                    rot[L_ELBOW][1] = -100;
                    rot[R_SHOULDER][1] = -50;
                    rot[R_ELBOW][1] = -100;
                    if (action == ACTIONS.indexOf("punch")) {
                        rot[R_SHOULDER][1] -= 40 * amp * p;
                        rot[R_ELBOW][1] += 100 * amp * p;
                        rot[CHEST][2] = 15 * amp * p;
                    } else {
                        rot[R_HIP][1] = -70 * amp * p;
                        rot[R_KNEE][1] = 60 * amp * (1 - p) * Math.max(0, Math.sin(phi));
                    }
                }
                default -> {
                    double u = smoothstep((t - centre) / span + 0.5);
                    if (action == ACTIONS.indexOf("stand-up")) {
                        u = 1 - u;
                    }
                    root[1] -= 0.4 * amp * b.scale() * u;
                    rot[L_HIP][1] = -90 * amp * u;
                    rot[R_HIP][1] = -90 * amp * u;
                    rot[L_KNEE][1] = 100 * amp * u;
                    rot[R_KNEE][1] = 100 * amp * u;
                    rot[CHEST][1] += 20 * amp * u;
                }
            }
            out[f] = skeleton.positions(channels(skeleton, root, yaw, rot));
            for (double[] joint : out[f]) {
                for (int a = 0; a < 3; a++) {
                    joint[a] += spec.noise() * r.nextGaussian();
                }
            }
        }
        return out;
    }

    private static double[] channels(Skeleton skeleton, double[] root, double yaw, double[][] rot) {
        double[] c = new double[skeleton.channelCount()];
        double y = Math.toRadians(yaw);
        // the root's translation turns with the performer's facing
        c[0] = Math.cos(y) * root[0] + Math.sin(y) * root[2];
        c[1] = root[1];
        c[2] = -Math.sin(y) * root[0] + Math.cos(y) * root[2];
        c[3] = rot[HIPS][0];
        c[4] = rot[HIPS][1];
        c[5] = yaw;
        int k = 6;
        for (int j = 1; j < skeleton.joints().size(); j++) {
            if (skeleton.joints().get(j).channels().length > 0) {
                c[k++] = rot[j][0];
                c[k++] = rot[j][1];
                c[k++] = rot[j][2];
            }
        }
        return c;
    }

    static double smoothstep(double x) {
        double v = Math.max(0, Math.min(1, x));
        return v * v * (3 - 2 * v);
    }
}
