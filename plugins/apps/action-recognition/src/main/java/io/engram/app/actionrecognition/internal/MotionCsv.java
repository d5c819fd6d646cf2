package io.engram.app.actionrecognition.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads skeleton sequences from CSV in long form, one row per joint per frame: a header naming the
 * columns {@code sequence,frame,joint,x,y,z,label} in any order, and optionally {@code performer};
 * other columns are ignored. Fields are separated by commas, without quoting. A sequence's rows may
 * come in any order; its frames are taken in increasing {@code frame} number, and every frame must
 * hold the same joints as the file's first frame (the first of those joints is the root). Every row
 * of a sequence gives the same label (and performer). Problems name {@code file:line} and the field:
 * a missing column, a row with the wrong number of fields, a frame number or coordinate that is not a
 * number, a joint given twice in a frame, a frame lacking joints, a label that changes. Stateless.
 */
final class MotionCsv {
    static final List<String> REQUIRED = List.of("sequence", "frame", "joint", "x", "y", "z", "label");
    static final String PERFORMER = "performer";

    private MotionCsv() {
    }

    /** The sequences of the file, in the order of their first rows. */
    static List<Motion> read(String file, List<String> lines, Problems problems) {
        int headerLine = 0;
        while (headerLine < lines.size() && (lines.get(headerLine).isBlank() || lines.get(headerLine).startsWith("#"))) {
            headerLine++;
        }
        if (headerLine == lines.size()) {
            problems.add(file, "holds no header line and no rows");
            return List.of();
        }
        List<String> header = fields(lines.get(headerLine));
        Map<String, Integer> column = new HashMap<>();
        for (String name : REQUIRED) {
            column.put(name, header.indexOf(name));
            if (header.indexOf(name) < 0) {
                problems.add(file + ":" + (headerLine + 1), "the header lacks the column '" + name + "' (expected "
                        + String.join(",", REQUIRED) + "[,performer])");
            }
        }
        if (column.containsValue(-1)) {
            return List.of();
        }
        int performer = header.indexOf(PERFORMER);
        Map<String, Builder> sequences = new LinkedHashMap<>();
        for (int n = headerLine + 1; n < lines.size(); n++) {
            String line = lines.get(n);
            String where = file + ":" + (n + 1);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() != header.size()) {
                problems.add(where, "expected " + header.size() + " fields as the header has, found " + f.size());
                continue;
            }
            String id = f.get(column.get("sequence"));
            String joint = f.get(column.get("joint"));
            String label = f.get(column.get("label"));
            if (id.isEmpty() || joint.isEmpty() || label.isEmpty()) {
                problems.add(where, "field '" + (id.isEmpty() ? "sequence" : joint.isEmpty() ? "joint" : "label") + "' is empty");
                continue;
            }
            Integer frame = frame(f.get(column.get("frame")), where, problems);
            double[] xyz = new double[3];
            boolean ok = frame != null;
            for (int a = 0; a < 3; a++) {
                String name = "xyz".substring(a, a + 1);
                String text = f.get(column.get(name));
                try {
                    xyz[a] = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    xyz[a] = Double.NaN;
                }
                if (!Double.isFinite(xyz[a])) {
                    problems.add(where, "field '" + name + "' is not a finite number: '" + text + "'");
                    ok = false;
                }
            }
            String who = performer >= 0 && !f.get(performer).isEmpty() ? f.get(performer) : id;
            Builder b = sequences.computeIfAbsent(id, k -> new Builder(id, label, who, where));
            if (!b.label.equals(label)) {
                problems.add(where, "field 'label' of sequence '" + id + "' is '" + label + "', but '" + b.label
                        + "' at " + b.where);
            } else if (!b.performer.equals(who)) {
                problems.add(where, "field 'performer' of sequence '" + id + "' is '" + who + "', but '" + b.performer
                        + "' at " + b.where);
            } else if (ok) {
                Map<String, double[]> joints = b.frames.computeIfAbsent(frame, k -> new LinkedHashMap<>());
                b.frameWhere.putIfAbsent(frame, where);
                if (joints.putIfAbsent(joint, xyz) != null) {
                    problems.add(where, "joint '" + joint + "' is given twice in frame " + frame + " of sequence '" + id + "'");
                }
            }
        }
        if (sequences.isEmpty() && problems.isEmpty()) {
            problems.add(file, "holds no rows");
        }
        List<Motion> out = new ArrayList<>();
        List<String> skeleton = null;
        for (Builder b : sequences.values()) {
            if (b.frames.isEmpty()) {
                continue;
            }
            if (skeleton == null) {
                skeleton = List.copyOf(b.frames.firstEntry().getValue().keySet());
            }
            Motion m = b.build(skeleton, problems);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private static Integer frame(String text, String where, Problems problems) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(where, "field 'frame' is not a whole number from 0: '" + text + "'");
        return null;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split(",", -1)) {
            out.add(f.strip());
        }
        return out;
    }

    /** One sequence's rows as they are read. */
    private static final class Builder {
        final String id;
        final String label;
        final String performer;
        final String where;
        final TreeMap<Integer, Map<String, double[]>> frames = new TreeMap<>();
        final Map<Integer, String> frameWhere = new HashMap<>();

        Builder(String id, String label, String performer, String where) {
            this.id = id;
            this.label = label;
            this.performer = performer;
            this.where = where;
        }

        Motion build(List<String> skeleton, Problems problems) {
            double[][][] p = new double[frames.size()][][];
            int f = 0;
            boolean ok = true;
            for (Map.Entry<Integer, Map<String, double[]>> e : frames.entrySet()) {
                Map<String, double[]> joints = e.getValue();
                if (!joints.keySet().equals(new java.util.HashSet<>(skeleton))) {
                    List<String> missing = skeleton.stream().filter(j -> !joints.containsKey(j)).toList();
                    List<String> extra = joints.keySet().stream().filter(j -> !skeleton.contains(j)).toList();
                    problems.add(frameWhere.get(e.getKey()), "frame " + e.getKey() + " of sequence '" + id + "'"
                            + (missing.isEmpty() ? "" : " lacks joints " + missing)
                            + (extra.isEmpty() ? "" : " has joints " + extra + " that the file's first frame has not"));
                    ok = false;
                    continue;
                }
                p[f] = new double[skeleton.size()][];
                for (int j = 0; j < skeleton.size(); j++) {
                    p[f][j] = joints.get(skeleton.get(j));
                }
                f++;
            }
            return ok ? new Motion(id, label, performer, skeleton, p, where) : null;
        }
    }
}
