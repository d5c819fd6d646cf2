package io.engram.app.processprediction.internal;

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

class LogPredictionsTest {
    private final ProcessPredictionApplication app = new ProcessPredictionApplication();

    @TempDir
    Path dir;

    private PredictionFormat format(Map<String, String> raw, Payloads payloads) {
        Hyperparameters p = app.schema().validate(raw, "data.").get();
        return app.predictions(p, payloads).orElseThrow();
    }

    @Test
    void runningCasesAreEncodedAsTheTrainingCasesWere() throws IOException {
        Map<String, String> raw = Map.of("cases", "200");
        TaskData data = app.load(app.schema().validate(raw, "data.").get(), 1).get();
        List<Trace> traces = OrderToCash.simulate(200, 1).subList(0, 3);
        Path f = dir.resolve("running.xes");
        XesWriter.write(traces, f);
        List<Record> records = format(raw, app.payloads(data)).read(f).get();
        assertEquals(List.of("case-1", "case-2", "case-3"), records.stream().map(Record::name).toList());
        assertEquals(traces.get(0).events().get(traces.get(0).length() - 1).activity(), records.get(0).text());
        // the same inputs as the loaded data gives the same case
        ProcessInfo info = ProcessInfo.of(data.train()).orElseThrow();
        assertArrayEquals(new ProcessEncoder(info, 200).encode(traces.get(1)).inputs(), records.get(1).inputs());
    }

    @Test
    void anActivityTheModelNeverSawIsNamedWithItsCase() throws IOException {
        Payloads p = new Payloads(Map.of(), Map.of(ProcessPredictionApplication.SCALES, List.of(1.0, 2.0)),
                Map.of(ProcessPredictionApplication.ACTIVITIES, List.of("Open", "Close"),
                        ProcessPredictionApplication.TARGET, List.of("next-activity")));
        Path f = dir.resolve("log.csv");
        Files.writeString(f, "case,activity,timestamp\nc9,Open,2026-01-05\nc9,Escalate,2026-01-06\n");
        String m = format(Map.of(), p).read(f).getCause().getMessage();
        assertEquals("case c9: activity 'Escalate' is not one the model was trained on", m);
        Files.writeString(f, "case,activity,timestamp\nc9,Open,later\n");
        assertTrue(format(Map.of(), p).read(f).getCause().getMessage().startsWith("log.csv:2: column 'timestamp'"));
    }

    @Test
    void printsTheCaseItsLastActivityAndThePrediction() {
        Payloads p = new Payloads(Map.of(), Map.of(ProcessPredictionApplication.SCALES, List.of(0.5, 4.0)),
                Map.of(ProcessPredictionApplication.ACTIVITIES, List.of("Close", "Open"),
                        ProcessPredictionApplication.TARGET, List.of("next-activity")));
        Record r = new Record("c1", "Open", new double[1][6]);
        assertEquals("c1\tafter=Open\tnext=[end]\tp=0.7000",
                format(Map.of(), p).format(r, new Prediction(new double[][] {{0.2, 0.1, 0.7}}, new int[0], new double[0][])));
        Payloads remaining = new Payloads(Map.of(), p.numbers(), Map.of(ProcessPredictionApplication.ACTIVITIES,
                List.of("Close", "Open"), ProcessPredictionApplication.TARGET, List.of("remaining-time")));
        // log(1 + days / 4) = log(2): 4 days
        assertEquals("c1\tafter=Open\tremaining.days=4.00", format(Map.of(), remaining).format(r,
                new Prediction(new double[][] {{Math.log(2)}}, new int[0], new double[0][])));
    }
}
