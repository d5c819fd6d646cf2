package io.engram.app.processprediction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLogReaderTest {
    @TempDir
    Path dir;

    private List<Trace> read(String text, Problems problems) throws IOException {
        Path f = dir.resolve("log.csv");
        Files.writeString(f, text);
        return CsvLogReader.read(f, ',', "CaseID", "Activity", "Complete Timestamp", problems);
    }

    @Test
    void readsNamedColumnsInAnyOrderAndGroupsCases() throws IOException {
        Problems problems = new Problems();
        List<Trace> traces = read("""
                Activity,Resource,CaseID,Complete Timestamp
                "Assign, first",r1,c1,2026-01-05 09:00:00
                Open,r1,c1,2026-01-05 08:00:00
                Open,r2,c2,2026-01-06T08:00:00+02:00

                Close,r2,c2,2026-01-07
                """, problems);
        assertTrue(problems.isEmpty(), problems.all().mkString("; "));
        assertEquals(2, traces.size());
        assertEquals(List.of("Open", "Assign, first"), traces.get(0).events().stream().map(Trace.Event::activity).toList());
        assertEquals(Instant.parse("2026-01-06T06:00:00Z").getEpochSecond(), traces.get(1).start());
        assertEquals(Instant.parse("2026-01-07T00:00:00Z").getEpochSecond(), traces.get(1).end());
    }

    @Test
    void aMissingColumnIsNamedByItsKey() throws IOException {
        Problems problems = new Problems();
        read("case,Activity,Complete Timestamp\nc1,Open,2026-01-05\n", problems);
        assertEquals(1, problems.all().size());
        assertEquals("log.csv:1", problems.all().head().where());
        assertTrue(problems.all().head().message().contains("data.case.column: no column 'CaseID'"),
                problems.all().head().message());
    }

    @Test
    void everyBadLineIsReportedWithItsNumberAndColumn() throws IOException {
        Problems problems = new Problems();
        List<Trace> traces = read("""
                CaseID,Activity,Complete Timestamp
                c1,Open,2026-01-05
                c1,,2026-01-06
                c2,Open,next tuesday
                c3
                c4,Open,2026-13-01
                """, problems);
        List<String> where = problems.all().map(p -> p.where()).toJavaList();
        assertEquals(List.of("log.csv:3", "log.csv:4", "log.csv:5", "log.csv:6"), where);
        String all = problems.all().mkString("\n");
        assertTrue(all.contains("column 'Activity': empty activity"), all);
        assertTrue(all.contains("column 'Complete Timestamp': 'next tuesday' is not an ISO-8601"), all);
        assertTrue(all.contains("1 fields, the header names 3"), all);
        assertEquals(1, traces.size());
    }

    @Test
    void quotesMayHoldSeparatorsAndDoubledQuotes() {
        assertEquals(List.of("a,b", "say \"hi\"", ""), io.engram.layers.text.DelimitedLine.split("\"a,b\",\"say \"\"hi\"\"\",", ','));
    }
}
