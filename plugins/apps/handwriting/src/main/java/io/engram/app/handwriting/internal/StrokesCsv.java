package io.engram.app.handwriting.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Labelled pen trajectories as a CSV file, one row per pen point. The first line is a header naming
 * the columns, in any order:
 * <ul>
 * <li>{@code sample}: the sample's identifier; a sample's rows are consecutive;</li>
 * <li>{@code stroke}: the stroke's number within the sample (any integers); a new number starts a new
 * stroke (pen lifted, put down again), and a stroke's rows are consecutive;</li>
 * <li>{@code x}, {@code y}: the pen's position (any unit; y may grow up or down, but one way in a
 * file);</li>
 * <li>{@code t}: optional, the time of the point (any unit);</li>
 * <li>{@code label}: the sample's transcript, on its first row at least; its other rows leave it
 * empty or repeat it;</li>
 * <li>{@code writer}: optional, who wrote the sample.</li>
 * </ul>
 * Fields holding a comma or a quote are quoted with {@code "} (a quote inside doubled), as RFC 4180
 * has it; blank lines are skipped. Problems name {@code file:line:column} and are reported all at
 * once. {@link #write} writes the same format. Stateless and thread-safe.
 */
final class StrokesCsv {
    static final List<String> REQUIRED = List.of("sample", "stroke", "x", "y", "label");

    private StrokesCsv() {
    }

    /** The samples of {@code bytes} (the file {@code name}), in order; problems go to {@code problems}. */
    static List<Ink> read(String name, byte[] bytes, List<String> problems) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
        int before = problems.size();
        int headerLine = 0;
        while (headerLine < lines.length && lines[headerLine].isBlank()) {
            headerLine++;
        }
        if (headerLine == lines.length) {
            problems.add(name + ":1: empty: a header line (" + String.join(",", REQUIRED) + "[,t][,writer]) is needed");
            return List.of();
        }
        List<String> header = fields(lines[headerLine]);
        for (int i = 0; i < header.size(); i++) {
            header.set(i, header.get(i).strip().toLowerCase(Locale.ROOT));
        }
        for (String c : REQUIRED) {
            if (!header.contains(c)) {
                problems.add(name + ":" + (headerLine + 1) + ": the header lacks the column '" + c + "' (it has "
                        + header + "; needed: " + String.join(", ", REQUIRED) + "; optional: t, writer)");
            }
        }
        if (problems.size() > before) {
            return List.of();
        }
        int cSample = header.indexOf("sample");
        int cStroke = header.indexOf("stroke");
        int cx = header.indexOf("x");
        int cy = header.indexOf("y");
        int ct = header.indexOf("t");
        int cLabel = header.indexOf("label");
        int cWriter = header.indexOf("writer");
        List<Ink> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String sample = null;
        String label = "";
        String writer = "";
        int sampleLine = 0;
        String stroke = null;
        Set<String> strokesSeen = new HashSet<>();
        List<double[][]> strokes = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (int n = headerLine + 1; n <= lines.length; n++) {
            boolean end = n == lines.length;
            if (!end && lines[n].isBlank()) {
                continue;
            }
            List<String> f = end ? null : fields(lines[n]);
            String where = name + ":" + (n + 1);
            if (f != null && f.size() != header.size()) {
                problems.add(where + ": " + f.size() + " fields, the header has " + header.size());
                continue;
            }
            String id = f == null ? null : f.get(cSample).strip();
            if (sample != null && (f == null || !id.equals(sample))) {
                if (!points.isEmpty()) {
                    strokes.add(points.toArray(double[][]::new));
                }
                if (label.isEmpty()) {
                    problems.add(name + ":" + sampleLine + ": sample " + sample + " has no label");
                }
                out.add(new Ink(sample, writer, label, strokes, name + ":" + sampleLine));
                strokes = new ArrayList<>();
                points = new ArrayList<>();
                strokesSeen.clear();
                stroke = null;
            }
            if (f == null) {
                break;
            }
            if (id.isEmpty()) {
                problems.add(where + ":" + (cSample + 1) + ": the sample column is empty");
                continue;
            }
            if (!id.equals(sample)) {
                if (!seen.add(id)) {
                    problems.add(where + ":" + (cSample + 1) + ": sample " + id + " appears again after other samples "
                            + "(a sample's rows must be consecutive)");
                }
                sample = id;
                sampleLine = n + 1;
                label = f.get(cLabel).strip();
                writer = cWriter < 0 ? "" : f.get(cWriter).strip();
            } else {
                String l = f.get(cLabel).strip();
                if (!l.isEmpty() && !l.equals(label)) {
                    problems.add(where + ":" + (cLabel + 1) + ": label '" + l + "' differs from sample " + id
                            + "'s label '" + label + "' on line " + sampleLine);
                }
            }
            String s = f.get(cStroke).strip();
            try {
                Long.parseLong(s);
            } catch (NumberFormatException e) {
                problems.add(where + ":" + (cStroke + 1) + ": stroke '" + s + "' is not an integer");
                continue;
            }
            if (!s.equals(stroke)) {
                if (!strokesSeen.add(s)) {
                    problems.add(where + ":" + (cStroke + 1) + ": stroke " + s + " of sample " + id
                            + " appears again after another stroke (a stroke's rows must be consecutive)");
                }
                if (!points.isEmpty()) {
                    strokes.add(points.toArray(double[][]::new));
                    points = new ArrayList<>();
                }
                stroke = s;
            }
            double x = number(f, cx, "x", where, problems);
            double y = number(f, cy, "y", where, problems);
            double t = ct < 0 || f.get(ct).isBlank() ? Double.NaN : number(f, ct, "t", where, problems);
            points.add(new double[] {x, y, t});
        }
        return problems.size() > before ? List.of() : out;
    }

    private static double number(List<String> f, int column, String what, String where, List<String> problems) {
        String s = f.get(column).strip();
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(where + ":" + (column + 1) + ": " + what + " '" + s + "' is not a finite number");
        return 0;
    }

    /** The fields of one line, RFC 4180 quoting undone. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    /** Writes {@code inks} in this format: {@code sample,writer,stroke,x,y,t,label}. */
    static void write(List<Ink> inks, Writer out) throws IOException {
        out.write("sample,writer,stroke,x,y,t,label\n");
        for (Ink ink : inks) {
            for (int s = 0; s < ink.strokes().size(); s++) {
                for (double[] p : ink.strokes().get(s)) {
                    out.write(quote(ink.id()) + "," + quote(ink.writer()) + "," + s + "," + format(p[0]) + ","
                            + format(p[1]) + "," + (Double.isNaN(p[2]) ? "" : format(p[2])) + ","
                            + (s == 0 && p == ink.strokes().get(0)[0] ? quote(ink.label()) : "") + "\n");
                }
            }
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
