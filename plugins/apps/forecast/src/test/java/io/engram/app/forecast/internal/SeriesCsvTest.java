package io.engram.app.forecast.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesCsvTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path p = dir.resolve("s.csv");
        Files.writeString(p, text);
        return p;
    }

    private String problem(String text, SeriesCsv.Missing missing) throws IOException {
        Path p = file(text);
        return assertThrows(IllegalArgumentException.class,
                () -> SeriesCsv.read(p, "time", List.of("a", "b"), "", missing)).getMessage();
    }

    @Test
    void readsTimesValuesAndLabelsSkippingCommentsAndBlankLines() throws IOException {
        Path p = file("# a comment\n\ntime,b,a,flag\n1,10,\"0.5\",0\n2,20,1.5,1\n\n3.5,30,2.5,0\n");
        TimeSeries s = SeriesCsv.read(p, "time", List.of("a", "b"), "flag", SeriesCsv.Missing.REFUSE);
        assertArrayEquals(new double[] {1, 2, 3.5}, s.times(), 0.0);
        assertArrayEquals(new double[] {0.5, 10}, s.values()[0], 0.0, "channels in the order data.columns names them");
        assertArrayEquals(new double[] {2.5, 30}, s.values()[2], 0.0);
        assertArrayEquals(new boolean[] {false, true, false}, s.anomalies());
        assertEquals(List.of("a", "b"), s.names());
        assertFalse(SeriesCsv.read(p, "time", List.of("a"), "", SeriesCsv.Missing.REFUSE).labelled());
    }

    @Test
    void aNonNumberIsNamedByFileLineAndColumn() throws IOException {
        String m = problem("time,a,b\n1,1,2\n2,x,3\n3,4,1e999\n", SeriesCsv.Missing.REFUSE);
        String f = dir.resolve("s.csv").toString();
        assertTrue(m.contains(f + ":3:2 (a): not a number"), m);
        assertTrue(m.contains(f + ":4:3 (b): not a finite number"), m);
    }

    @Test
    void missingValuesAreRefusedByDefaultAndInterpolatedInTimeWhenAsked() throws IOException {
        String text = "time,a,b\n0,1,5\n1,,NA\n3,4,8\n";
        String m = problem(text, SeriesCsv.Missing.REFUSE);
        String f = dir.resolve("s.csv").toString();
        assertTrue(m.contains(f + ":3:2 (a): missing value"), m);
        assertTrue(m.contains(f + ":3:3 (b): missing value"), m);
        TimeSeries s = SeriesCsv.read(file(text), "time", List.of("a", "b"), "", SeriesCsv.Missing.INTERPOLATE);
        assertArrayEquals(new double[] {1 + (4 - 1) / 3.0, 5 + (8 - 5) / 3.0}, s.values()[1], 1e-12,
                "linear in time: a third of the way from t=0 to t=3");
        String edge = problem("time,a,b\n0,,5\n1,2,6\n", SeriesCsv.Missing.INTERPOLATE);
        assertTrue(edge.contains(f + ":2:2 (a): missing value with no value above"), edge);
    }

    @Test
    void timesMustIncreaseAndRowsMatchTheHeader() throws IOException {
        String m = problem("time,a,b\n1,1,1\n2,1,1\n2,1,1\n1.5,1,1\n3,1\n", SeriesCsv.Missing.REFUSE);
        String f = dir.resolve("s.csv").toString();
        assertTrue(m.contains(f + ":4:1 (time): time 2 does not increase"), m);
        assertTrue(m.contains(f + ":5:1 (time): time 1.5 does not increase"), m);
        assertTrue(m.contains(f + ":6: 2 fields where the header has 3"), m);
        String times = problem("time,a,b\nNA,1,1\n", SeriesCsv.Missing.INTERPOLATE);
        assertTrue(times.contains(f + ":2:1 (time): missing value"), "times are never interpolated: " + times);
    }

    @Test
    void unknownColumnsAreNamedWithTheirKey() throws IOException {
        String m = problem("t,a,c\n1,1,1\n", SeriesCsv.Missing.REFUSE);
        assertTrue(m.contains(":1: no column 'time' (data.time.column)"), m);
        assertTrue(m.contains(":1: no column 'b' (data.columns)"), m);
    }
}
