package io.engram.app.forecast.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a series from a CSV file: UTF-8, comma-separated, fields optionally double-quoted (without
 * commas inside); blank lines and lines starting with {@code #} are skipped; the first other line is
 * the header naming the columns. Each row is one step: its time (a number, strictly increasing down
 * the file), its values in the named value columns, and, when an anomaly column is named, its label
 * (a number: 0 normal, anything else anomalous).
 *
 * <p>A value cell that is empty or {@code NA}/{@code NaN} is missing. With the policy
 * {@link Missing#REFUSE} each missing value is an error; with {@link Missing#INTERPOLATE} it is
 * filled by linear interpolation in time between the nearest present values of its column above and
 * below (a missing value before the first or after the last present one stays an error). Times and
 * labels are never interpolated.
 *
 * <p>Every problem is reported as {@code file:line:column: what} (column numbered from 1, with its
 * name), all at once up to {@value #CAP}, in an {@link IllegalArgumentException}; a file that
 * cannot be read gives its {@link IOException}. Stateless.
 */
final class SeriesCsv {
    static final int CAP = 20;

    /** What to do with a missing value. */
    enum Missing { REFUSE, INTERPOLATE }

    private SeriesCsv() {
    }

    static TimeSeries read(Path file, String timeColumn, List<String> valueColumns, String anomalyColumn,
                           Missing missing) throws IOException {
        List<String> lines = lines(file);
        String name = file.toString();
        List<String> problems = new ArrayList<>();
        int headerLine = 0;
        while (headerLine < lines.size() && skipped(lines.get(headerLine))) {
            headerLine++;
        }
        if (headerLine == lines.size()) {
            throw new IllegalArgumentException(name + ":1: no header line");
        }
        List<String> header = fields(lines.get(headerLine));
        int timeAt = column(header, timeColumn, name, headerLine, "data.time.column", problems);
        int[] valueAt = new int[valueColumns.size()];
        for (int c = 0; c < valueAt.length; c++) {
            valueAt[c] = column(header, valueColumns.get(c), name, headerLine, "data.columns", problems);
        }
        int labelAt = anomalyColumn.isEmpty() ? -1
                : column(header, anomalyColumn, name, headerLine, "data.anomaly.column", problems);
        fail(problems);
        Rows rows = new Rows(valueAt.length, labelAt >= 0);
        for (int i = headerLine + 1; i < lines.size(); i++) {
            if (skipped(lines.get(i))) {
                continue;
            }
            List<String> f = fields(lines.get(i));
            String line = name + ":" + (i + 1);
            if (f.size() != header.size()) {
                add(problems, line + ": " + f.size() + " fields where the header has " + header.size());
                continue;
            }
            double time = number(f, timeAt, header, line, false, problems);
            if (rows.size() > 0 && Double.isFinite(time) && Double.isFinite(rows.lastTime()) && time <= rows.lastTime()) {
                add(problems, line + ":" + (timeAt + 1) + " (" + header.get(timeAt) + "): time " + f.get(timeAt)
                        + " does not increase (the row before has " + rows.lastTime() + ")");
            }
            double[] v = new double[valueAt.length];
            for (int c = 0; c < v.length; c++) {
                v[c] = number(f, valueAt[c], header, line, missing == Missing.INTERPOLATE, problems);
            }
            double label = labelAt < 0 ? 0 : number(f, labelAt, header, line, false, problems);
            rows.add(time, v, label != 0, i + 1);
        }
        if (rows.size() == 0) {
            add(problems, name + ":" + (headerLine + 1) + ": no rows after the header");
        }
        fail(problems);
        rows.interpolate(name, valueAt, header, problems);
        fail(problems);
        return new TimeSeries(valueColumns, rows.times(), rows.values(),
                labelAt < 0 ? new boolean[0] : rows.labels(), name);
    }

    private static List<String> lines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return Arrays.asList(text.split("\r?\n", -1));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        }
    }

    private static boolean skipped(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split(",", -1)) {
            String t = f.strip();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1).strip();
            }
            out.add(t);
        }
        return out;
    }

    private static int column(List<String> header, String wanted, String file, int headerLine, String key,
                              List<String> problems) {
        int at = header.indexOf(wanted);
        if (at < 0) {
            add(problems, file + ":" + (headerLine + 1) + ": no column '" + wanted + "' (" + key + ") in the header");
        }
        return at;
    }

    /** The number in field {@code at}, NaN when missing and allowed, else a problem and NaN. */
    private static double number(List<String> f, int at, List<String> header, String line, boolean missingAllowed,
                                 List<String> problems) {
        String cell = f.get(at);
        String where = line + ":" + (at + 1) + " (" + header.get(at) + ")";
        if (cell.isEmpty() || cell.equalsIgnoreCase("NA") || cell.equalsIgnoreCase("NaN")) {
            if (!missingAllowed) {
                add(problems, where + ": missing value (refused; data.missing=interpolate fills values, never times or labels)");
            }
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(cell);
            if (!Double.isFinite(v)) {
                add(problems, where + ": not a finite number");
                return Double.NaN;
            }
            return v;
        } catch (NumberFormatException e) {
            add(problems, where + ": not a number");
            return Double.NaN;
        }
    }

    private static void add(List<String> problems, String problem) {
        problems.add(problem);
    }

    private static void fail(List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        List<String> kept = new ArrayList<>(problems.subList(0, Math.min(CAP, problems.size())));
        if (problems.size() > CAP) {
            kept.add("and " + (problems.size() - CAP) + " more");
        }
        throw new IllegalArgumentException(String.join("; ", kept));
    }
}
