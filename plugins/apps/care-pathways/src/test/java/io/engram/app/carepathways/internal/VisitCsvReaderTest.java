package io.engram.app.carepathways.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisitCsvReaderTest {
    @TempDir
    Path dir;

    private List<Patient> read(String text, Problems problems) throws IOException {
        Path f = dir.resolve("visits.csv");
        Files.writeString(f, text);
        return VisitCsvReader.read(f, ',', "pid", "visit_date", "dx", problems);
    }

    @Test
    void readsVisitsSortsThemAndJoinsLinesOfOneDay() throws IOException {
        Problems problems = new Problems();
        List<Patient> patients = read("""
                visit_date,pid,dx,note
                2026-03-01,a,E11.9 RX:metformin,x
                2026-01-10,a,"I10;E78.5",y
                2026-01-10T15:30:00,a,LAB:bp,z

                2026-02-02,b,J06.9 ; R05,
                """, problems);
        assertTrue(problems.isEmpty(), problems.all().mkString("; "));
        assertEquals(2, patients.size());
        Patient a = patients.get(0);
        assertEquals(2, a.length());
        assertEquals(LocalDate.of(2026, 1, 10).toEpochDay(), a.visits().get(0).day());
        assertEquals(Set.of("I10", "E78.5", "LAB:bp"), a.visits().get(0).codes());
        assertEquals(Set.of("E11.9", "RX:metformin"), a.visits().get(1).codes());
        assertEquals(Set.of("J06.9", "R05"), patients.get(1).visits().get(0).codes());
    }

    @Test
    void aMissingColumnIsNamedByItsKey() throws IOException {
        Problems problems = new Problems();
        read("pid,date,dx\na,2026-01-01,I10\n", problems);
        assertEquals(1, problems.all().size());
        assertEquals("visits.csv:1", problems.all().head().where());
        assertTrue(problems.all().head().message().startsWith("data.date.column: no column 'visit_date'"),
                problems.all().head().message());
    }

    @Test
    void everyBadLineIsReportedWithItsNumberAndColumn() throws IOException {
        Problems problems = new Problems();
        List<Patient> patients = read("""
                pid,visit_date,dx
                a,2026-01-01,I10
                ,2026-01-02,I10
                a,01/02/2026,I10
                a,2026-01-03, ;
                a
                """, problems);
        assertEquals(List.of("visits.csv:3", "visits.csv:4", "visits.csv:5", "visits.csv:6"),
                problems.all().map(p -> p.where()).toJavaList());
        String all = problems.all().mkString("\n");
        assertTrue(all.contains("column 'pid': empty patient id"), all);
        assertTrue(all.contains("column 'visit_date': '01/02/2026' is not an ISO-8601 date"), all);
        assertTrue(all.contains("column 'dx': no codes"), all);
        assertTrue(all.contains("1 fields, the header names 3"), all);
        assertEquals(1, patients.get(0).length());
    }

    @Test
    void whatTheSimulatorWritesReadsBackTheSame() throws IOException {
        List<Patient> patients = CareSimulator.simulate(30, 5);
        Path f = dir.resolve("sim.csv");
        CareSimulator.write(patients, f);
        Problems problems = new Problems();
        List<Patient> back = VisitCsvReader.read(f, ',', "patient", "date", "codes", problems);
        assertTrue(problems.isEmpty(), problems.all().mkString("; "));
        assertEquals(patients, back);
    }
}
