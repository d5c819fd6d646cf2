package io.engram.app.processprediction.internal;

import io.engram.layers.text.DelimitedLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads an event log from CSV: a header line naming the columns, then one event a line. The case id,
 * activity and timestamp columns are named by the job ({@code data.case.column},
 * {@code data.activity.column}, {@code data.timestamp.column}); other columns are ignored. Fields are
 * separated by {@code separator}; a field in double quotes may hold the separator and doubled quotes.
 * A case's events may be spread over the file; they are sorted by time. Blank lines are skipped. A
 * name ending in {@code .gz} is decompressed.
 *
 * <p>Every problem is collected as {@code file:line} with the column named: a column missing from
 * the header (named by its spec key), a line with too few fields, an empty case or activity, a
 * timestamp that does not parse ({@link Timestamps}). Stateless.
 */
final class CsvLogReader {
    private CsvLogReader() {
    }

    static List<Trace> read(Path file, char separator, String caseColumn, String activityColumn, String timeColumn,
                            Problems problems) {
        String name = file.getFileName().toString();
        Map<String, List<Trace.Event>> cases = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null) {
                problems.add(name + ":1", "empty file: a header line naming the columns is expected");
                return List.of();
            }
            List<String> columns = DelimitedLine.split(header.replace("\uFEFF", ""), separator);
            int c = column(columns, caseColumn, "data.case.column", name, problems);
            int a = column(columns, activityColumn, "data.activity.column", name, problems);
            int t = column(columns, timeColumn, "data.timestamp.column", name, problems);
            if (c < 0 || a < 0 || t < 0) {
                return List.of();
            }
            int needed = Math.max(c, Math.max(a, t)) + 1;
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String where = name + ":" + n;
                List<String> f = DelimitedLine.split(line, separator);
                if (f.size() < needed) {
                    problems.add(where, f.size() + " fields, the header names " + columns.size());
                    continue;
                }
                String id = f.get(c).strip();
                String activity = f.get(a).strip();
                OptionalLong time = Timestamps.parse(f.get(t));
                if (id.isEmpty()) {
                    problems.add(where, "column '" + caseColumn + "': empty case id");
                }
                if (activity.isEmpty()) {
                    problems.add(where, "column '" + activityColumn + "': empty activity");
                }
                if (time.isEmpty()) {
                    problems.add(where, "column '" + timeColumn + "': '" + f.get(t).strip()
                            + "' is not an ISO-8601 date or date-time");
                }
                if (!id.isEmpty() && !activity.isEmpty() && time.isPresent()) {
                    cases.computeIfAbsent(id, k -> new ArrayList<>()).add(new Trace.Event(activity, time.getAsLong()));
                }
            }
        } catch (IOException e) {
            problems.add(name, "cannot be read: " + e.getMessage());
        }
        List<Trace> traces = new ArrayList<>();
        cases.forEach((id, events) -> traces.add(new Trace(id, events)));
        return traces;
    }

    private static int column(List<String> columns, String wanted, String key, String file, Problems problems) {
        int i = DelimitedLine.column(columns, wanted);
        if (i < 0) {
            problems.add(file + ":1", key + ": no column '" + wanted + "' in the header " + columns);
        }
        return i;
    }
}
