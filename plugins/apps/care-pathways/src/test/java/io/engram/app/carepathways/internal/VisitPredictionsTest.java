package io.engram.app.carepathways.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Hyperparameters;
import io.engram.api.Payloads;
import io.engram.api.PredictionFormat;
import io.engram.api.PredictionFormat.Prediction;
import io.engram.api.PredictionFormat.Record;
import io.engram.api.TaskData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisitPredictionsTest {
    private final CarePathwaysApplication app = new CarePathwaysApplication();

    @TempDir
    Path dir;

    private PredictionFormat format(Map<String, String> raw, Payloads payloads) {
        Hyperparameters p = app.schema().validate(raw, "data.").get();
        return app.predictions(p, payloads).orElseThrow();
    }

    @Test
    void patientsAreEncodedAsTheTrainingPatientsWere() throws IOException {
        Map<String, String> raw = Map.of("patients", "100");
        TaskData data = app.load(app.schema().validate(raw, "data.").get(), 1).get();
        List<Patient> patients = CareSimulator.simulate(100, 1).subList(0, 2);
        Path f = dir.resolve("visits.csv");
        CareSimulator.write(patients, f);
        List<Record> records = format(raw, app.payloads(data)).read(f).get();
        assertEquals(List.of("p1", "p2"), records.stream().map(Record::name).toList());
        CareInfo info = CareInfo.of(data.train()).orElseThrow();
        assertArrayEquals(new CareEncoder(info, 200).encode(patients.get(1)).inputs(), records.get(1).inputs());
    }

    @Test
    void badLinesAreNamed() throws IOException {
        Payloads p = new Payloads(Map.of(), Map.of(CarePathwaysApplication.UNIT, List.of(30.0)),
                Map.of(CarePathwaysApplication.CODES, List.of("A", "B"), CarePathwaysApplication.TARGET, List.of("codes")));
        Path f = dir.resolve("v.csv");
        Files.writeString(f, "patient,date,codes\np1,2026-01-01,A\np1,tomorrow,B\n");
        assertTrue(format(Map.of(), p).read(f).getCause().getMessage().startsWith("v.csv:3: column 'date'"));
    }

    @Test
    void printsTheMostLikelyCodesOrTheDays() {
        Payloads p = new Payloads(Map.of(), Map.of(CarePathwaysApplication.UNIT, List.of(30.0)),
                Map.of(CarePathwaysApplication.CODES, List.of("A", "B", "C"), CarePathwaysApplication.TARGET, List.of("codes")));
        Record r = new Record("p1", "2", new double[2][4]);
        assertEquals("p1\tC=0.8808\tA=0.5000\tB=0.1192", format(Map.of(), p).format(r,
                new Prediction(new double[][] {{0, 0, 0}, {0, -2, 2}}, new int[0], new double[0][])));
        Payloads interval = new Payloads(Map.of(), p.numbers(), Map.of(CarePathwaysApplication.CODES, List.of("A", "B", "C"),
                CarePathwaysApplication.TARGET, List.of("interval")));
        assertEquals("p1\tnext.visit.days=30.0", format(Map.of(), interval).format(r,
                new Prediction(new double[][] {{0}, {Math.log(2)}}, new int[0], new double[0][])));
    }
}
