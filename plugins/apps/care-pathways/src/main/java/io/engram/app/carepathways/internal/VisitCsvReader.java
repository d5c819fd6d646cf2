package io.engram.app.carepathways.internal;

import io.engram.layers.text.DelimitedLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads visit records from CSV: a header line naming the columns, then one visit a line. The patient,
 * date and codes columns are named by the job ({@code data.patient.column}, {@code data.date.column},
 * {@code data.codes.column}); other columns are ignored. Fields are separated by {@code separator}; a
 * field in double quotes may hold the separator. The codes of a visit are separated by spaces or
 * semicolons ({@code E11.9 RX:metformin}, {@code "E11.9;I10"}). A date is ISO-8601 ({@code 2026-01-05},
 * or a date-time, whose day counts). Lines of one patient and day are one visit (their codes joined);
 * a patient's lines may be spread over the file. Blank lines are skipped. A name ending in {@code .gz}
 * is decompressed.
 *
 * <p>Every problem is collected as {@code file:line} with the column named: a column missing from the
 * header (named by its spec key), a line with too few fields, an empty patient id, a date that does
 * not parse, a visit without codes. Stateless.
 */
final class VisitCsvReader {
    private VisitCsvReader() {
    }

    static List<Patient> read(Path file, char separator, String patientColumn, String dateColumn, String codesColumn,
                              Problems problems) {
        String name = file.getFileName().toString();
        Map<String, TreeMap<Long, TreeSet<String>>> patients = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null) {
                problems.add(name + ":1", "empty file: a header line naming the columns is expected");
                return List.of();
            }
            List<String> columns = DelimitedLine.split(header.replace("\uFEFF", ""), separator);
            int p = column(columns, patientColumn, "data.patient.column", name, problems);
            int d = column(columns, dateColumn, "data.date.column", name, problems);
            int c = column(columns, codesColumn, "data.codes.column", name, problems);
            if (p < 0 || d < 0 || c < 0) {
                return List.of();
            }
            int needed = Math.max(p, Math.max(d, c)) + 1;
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
                String id = f.get(p).strip();
                OptionalLong day = day(f.get(d));
                List<String> codes = codes(f.get(c));
                if (id.isEmpty()) {
                    problems.add(where, "column '" + patientColumn + "': empty patient id");
                }
                if (day.isEmpty()) {
                    problems.add(where, "column '" + dateColumn + "': '" + f.get(d).strip()
                            + "' is not an ISO-8601 date");
                }
                if (codes.isEmpty()) {
                    problems.add(where, "column '" + codesColumn + "': no codes");
                }
                if (!id.isEmpty() && day.isPresent() && !codes.isEmpty()) {
                    patients.computeIfAbsent(id, k -> new TreeMap<>())
                            .computeIfAbsent(day.getAsLong(), k -> new TreeSet<>()).addAll(codes);
                }
            }
        } catch (IOException e) {
            problems.add(name, "cannot be read: " + e.getMessage());
        }
        List<Patient> out = new ArrayList<>();
        patients.forEach((id, visits) -> {
            List<Patient.Visit> v = new ArrayList<>();
            visits.forEach((day, codes) -> v.add(new Patient.Visit(day, codes)));
            out.add(new Patient(id, v));
        });
        return out;
    }

    /** The codes of a field, split at spaces and semicolons. */
    static List<String> codes(String field) {
        List<String> out = new ArrayList<>();
        for (String code : field.split("[\\s;]+")) {
            if (!code.isEmpty()) {
                out.add(code);
            }
        }
        return out;
    }

    /** The day of an ISO-8601 date or date-time (with or without an offset), or empty. */
    static OptionalLong day(String text) {
        String s = text.strip().replace(' ', 'T');
        try {
            return OptionalLong.of(LocalDate.parse(s).toEpochDay());
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return OptionalLong.of(LocalDateTime.parse(s).toLocalDate().toEpochDay());
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return OptionalLong.of(OffsetDateTime.parse(s).toLocalDate().toEpochDay());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    private static int column(List<String> columns, String wanted, String key, String file, Problems problems) {
        int i = DelimitedLine.column(columns, wanted);
        if (i < 0) {
            problems.add(file + ":1", key + ": no column '" + wanted + "' in the header " + columns);
        }
        return i;
    }
}
