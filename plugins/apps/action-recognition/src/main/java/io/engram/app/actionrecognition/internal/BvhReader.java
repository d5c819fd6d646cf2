package io.engram.app.actionrecognition.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Biovision Hierarchy (BVH) motion capture file: the {@code HIERARCHY} section (a
 * {@code ROOT} joint and nested {@code JOINT}s and {@code End Site}s, each with {@code OFFSET x y z},
 * every joint with {@code CHANNELS n name...}) makes a {@link Skeleton}; the {@code MOTION} section
 * ({@code Frames: n}, {@code Frame Time: seconds}, then one line of channel values per frame) gives
 * the frames, and forward kinematics the joint positions. Problems name {@code file:line} and the
 * field: a keyword where another was expected, a number that is not one, an unknown channel, a frame
 * with the wrong count of values (and which value is not a number), fewer or more frames than
 * declared. After a problem in the hierarchy the rest of the file is not read. Stateless.
 */
final class BvhReader {
    private BvhReader() {
    }

    /** The parsed file: its skeleton, its frames of channel values and the seconds between frames. */
    record Bvh(Skeleton skeleton, List<double[]> frames, double frameTime) {
        /** The joint positions of every frame, {@code [frame][joint][xyz]}. */
        double[][][] positions() {
            double[][][] p = new double[frames.size()][][];
            for (int f = 0; f < p.length; f++) {
                p[f] = skeleton.positions(frames.get(f));
            }
            return p;
        }
    }

    /** The file read, or null when there were problems (each added to {@code problems}). */
    static Bvh read(String file, List<String> lines, Problems problems) {
        Tokens in = new Tokens(file, lines);
        List<Skeleton.Joint> joints = new ArrayList<>();
        try {
            in.expect("HIERARCHY");
            in.expect("ROOT");
            joint(in, in.next("a joint name"), -1, joints);
            in.expect("MOTION");
        } catch (Bad e) {
            problems.add(e.where, e.getMessage());
            return null;
        }
        Skeleton skeleton = new Skeleton(joints);
        int n = in.line;
        int frames = -1;
        double frameTime = Double.NaN;
        List<double[]> values = new ArrayList<>();
        int declaredAt = 0;
        for (; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            String where = file + ":" + (n + 1);
            if (line.isEmpty()) {
                continue;
            }
            if (frames < 0) {
                frames = (int) header(line, "Frames:", where, problems, true);
                declaredAt = n + 1;
                if (frames < 0) {
                    return null;
                }
            } else if (Double.isNaN(frameTime)) {
                frameTime = header(line, "Frame Time:", where, problems, false);
                if (Double.isNaN(frameTime)) {
                    return null;
                }
            } else {
                values.add(frame(line, skeleton.channelCount(), values.size(), where, problems));
            }
        }
        if (frames < 0 || Double.isNaN(frameTime)) {
            problems.add(file + ":" + lines.size(), "the MOTION section lacks its 'Frames: n' and 'Frame Time: seconds' lines");
            return null;
        }
        if (values.size() != frames) {
            problems.add(file + ":" + declaredAt, "'Frames: " + frames + "' but " + values.size() + " frame lines follow");
        }
        if (frames == 0) {
            problems.add(file + ":" + declaredAt, "no frames");
        }
        return values.contains(null) ? null : new Bvh(skeleton, values, frameTime);
    }

    private static void joint(Tokens in, String name, int parent, List<Skeleton.Joint> joints) throws Bad {
        in.expect("{");
        in.expect("OFFSET");
        double[] offset = {in.number("OFFSET x"), in.number("OFFSET y"), in.number("OFFSET z")};
        in.expect("CHANNELS");
        double declared = in.number("the CHANNELS count");
        if (declared < 0 || declared > Skeleton.CHANNELS.size() || declared != Math.rint(declared)) {
            throw new Bad(in.where(), "the CHANNELS count of joint '" + name + "' must be a whole number from 0 to "
                    + Skeleton.CHANNELS.size() + ", found " + declared);
        }
        int count = (int) declared;
        int[] channels = new int[count];
        for (int c = 0; c < count; c++) {
            String channel = in.next("a channel name");
            channels[c] = Skeleton.CHANNELS.indexOf(channel);
            if (channels[c] < 0) {
                throw new Bad(in.where(), "unknown channel '" + channel + "' of joint '" + name + "' (expected one of "
                        + String.join(", ", Skeleton.CHANNELS) + ")");
            }
        }
        int self = joints.size();
        joints.add(new Skeleton.Joint(name, parent, offset, channels));
        while (true) {
            String word = in.next("JOINT, End Site or }");
            if (word.equals("}")) {
                return;
            } else if (word.equals("JOINT")) {
                joint(in, in.next("a joint name"), self, joints);
            } else if (word.equals("End")) {
                in.expect("Site");
                in.expect("{");
                in.expect("OFFSET");
                double[] end = {in.number("OFFSET x"), in.number("OFFSET y"), in.number("OFFSET z")};
                in.expect("}");
                joints.add(new Skeleton.Joint(name + "_end", self, end, new int[0]));
            } else {
                throw new Bad(in.where(), "expected JOINT, End Site or } in joint '" + name + "', found '" + word + "'");
            }
        }
    }

    private static double header(String line, String key, String where, Problems problems, boolean integer) {
        if (!line.startsWith(key)) {
            problems.add(where, "expected '" + key + " ...', found '" + line + "'");
            return integer ? -1 : Double.NaN;
        }
        String value = line.substring(key.length()).strip();
        try {
            double v = integer ? Integer.parseInt(value) : Double.parseDouble(value);
            if (v < 0 || !integer && v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(where, "'" + key + "' needs a positive " + (integer ? "whole number" : "number")
                    + ", found '" + value + "'");
            return integer ? -1 : Double.NaN;
        }
    }

    private static double[] frame(String line, int channels, int index, String where, Problems problems) {
        String[] fields = line.split("\\s+");
        if (fields.length != channels) {
            problems.add(where, "frame " + index + " has " + fields.length + " values; the hierarchy has " + channels
                    + " channels");
            return null;
        }
        double[] v = new double[channels];
        for (int i = 0; i < channels; i++) {
            try {
                v[i] = Double.parseDouble(fields[i]);
            } catch (NumberFormatException e) {
                v[i] = Double.NaN;
            }
            if (!Double.isFinite(v[i])) {
                problems.add(where, "value " + (i + 1) + " of frame " + index + " is not a finite number: '" + fields[i] + "'");
                return null;
            }
        }
        return v;
    }

    /** The failure of the hierarchy's parse, naming {@code file:line}. */
    private static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;
        final String where;

        Bad(String where, String message) {
            super(message, null, false, false);
            this.where = where;
        }
    }

    /** The white-space separated words of the hierarchy, with their line numbers. */
    private static final class Tokens {
        final String file;
        final List<String> lines;
        int line;
        String[] words = new String[0];
        int word;

        Tokens(String file, List<String> lines) {
            this.file = file;
            this.lines = lines;
        }

        String where() {
            return file + ":" + Math.max(line, 1);
        }

        String next(String what) throws Bad {
            while (word >= words.length) {
                if (line >= lines.size()) {
                    throw new Bad(file + ":" + lines.size(), "the file ends where " + what + " was expected");
                }
                String text = lines.get(line++).strip();
                words = text.isEmpty() ? new String[0] : text.split("\\s+");
                word = 0;
            }
            return words[word++];
        }

        void expect(String keyword) throws Bad {
            String w = next("'" + keyword + "'");
            if (!w.equals(keyword)) {
                throw new Bad(where(), "expected '" + keyword + "', found '" + w + "'");
            }
        }

        double number(String what) throws Bad {
            String w = next(what);
            try {
                double v = Double.parseDouble(w);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new Bad(where(), what + " is not a number: '" + w + "'");
        }
    }
}
