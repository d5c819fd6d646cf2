package io.engram.app.processprediction.internal;

import io.engram.api.Dataset;
import io.engram.api.TaskData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Loads a job's cases (read from the log, or simulated by {@link OrderToCash}) and splits them in
 * time as Tax et al. 2017 do: the cases sorted by their first event, the latest-starting
 * {@code test.fraction} held out for testing, the latest {@code validation.fraction} of the rest for
 * validation, the earliest for training. The activities (sorted) are those of the whole log; the
 * scales and baselines come from the training cases. A log's problems are reported all at once and
 * nothing is loaded. One per load; not thread-safe.
 */
final class ProcessLoader {
    private final ProcessSettings settings;

    ProcessLoader(ProcessSettings settings) {
        this.settings = settings;
    }

    TaskData load(long seed) {
        List<Trace> traces = new ArrayList<>(traces(seed));
        traces.sort(Comparator.comparingLong(Trace::start));
        int n = traces.size();
        int nTest = (int) Math.round(n * settings.testFraction());
        int nRest = n - nTest;
        int nVal = (int) Math.round(nRest * settings.validationFraction());
        List<Trace> train = traces.subList(0, nRest - nVal);
        if (train.isEmpty()) {
            throw new InvalidData(io.vavr.collection.List.of(io.engram.api.Problem.of(source(seed),
                    n + " cases leave none for training (test.fraction " + settings.testFraction()
                            + ", validation.fraction " + settings.validationFraction() + ")")));
        }
        TreeSet<String> activities = new TreeSet<>();
        traces.forEach(t -> t.events().forEach(e -> activities.add(e.activity())));
        ProcessInfo info = ProcessEncoder.info(List.copyOf(activities), settings.target(), train);
        ProcessEncoder enc = new ProcessEncoder(info, settings.maxLength());
        Dataset tr = dataset(enc, train, info);
        Dataset va = dataset(enc, traces.subList(nRest - nVal, nRest), info);
        Dataset te = dataset(enc, traces.subList(nRest, n), info);
        return new TaskData(tr, va, te, settings.target().loss, source(seed), Dataset.sha256(tr, va, te));
    }

    List<Trace> traces(long seed) {
        if (settings.file() == null) {
            return OrderToCash.simulate(settings.cases(), seed);
        }
        Problems problems = new Problems();
        List<Trace> traces = isXes(settings.file())
                ? XesReader.read(settings.file(), settings.completeOnly(), problems)
                : CsvLogReader.read(settings.file(), settings.separator(), settings.caseColumn(),
                        settings.activityColumn(), settings.timeColumn(), problems);
        if (problems.isEmpty() && traces.isEmpty()) {
            problems.add(settings.file().getFileName().toString(), "no events");
        }
        problems.check();
        return traces;
    }

    private String source(long seed) {
        return settings.file() == null ? "order-to-cash simulation, " + settings.cases() + " cases, seed " + seed
                : settings.file().toString();
    }

    private static Dataset dataset(ProcessEncoder enc, List<Trace> traces, ProcessInfo info) {
        return new Dataset(enc.encode(traces), enc.inputSize(), enc.outputSize()).withContext(info);
    }

    /** Whether the file's first non-blank character opens an XML element (else it is read as CSV). */
    static boolean isXes(Path file) {
        try (InputStream in = Inputs.open(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
            return c == '<';
        } catch (IOException e) {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return name.endsWith(".xes") || name.endsWith(".xes.gz");
        }
    }
}
