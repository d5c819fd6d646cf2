package io.engram.app.carepathways.internal;

import io.engram.api.Dataset;
import io.engram.api.Problem;
import io.engram.api.TaskData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Loads a job's patients (read from the CSV, or simulated by {@link CareSimulator}) and splits them
 * by patient: a seeded shuffle ({@code split.seed}, or the job's seed), the last {@code test.fraction}
 * held out for testing, the last {@code validation.fraction} of the rest for validation. The
 * vocabulary, the scale and the baselines come from the training patients. A file's problems are
 * reported all at once and nothing is loaded. One per load; not thread-safe.
 */
final class CareLoader {
    private final CareSettings settings;

    CareLoader(CareSettings settings) {
        this.settings = settings;
    }

    TaskData load(long seed) {
        List<Patient> patients = new ArrayList<>(patients(seed));
        long splitSeed = settings.splitSeed() >= 0 ? settings.splitSeed() : seed;
        SplittableRandom r = new SplittableRandom(splitSeed);
        for (int i = patients.size() - 1; i > 0; i--) {
            Collections.swap(patients, i, r.nextInt(i + 1));
        }
        int n = patients.size();
        int nTest = (int) Math.round(n * settings.testFraction());
        int nRest = n - nTest;
        int nVal = (int) Math.round(nRest * settings.validationFraction());
        List<Patient> train = patients.subList(0, nRest - nVal);
        CareInfo info = CareEncoder.info(settings.target(), train, settings.minCount());
        if (train.stream().noneMatch(p -> p.length() >= 2) || info.codes().isEmpty()) {
            throw new InvalidData(io.vavr.collection.List.of(Problem.of(source(seed), n + " patients leave no "
                    + "training patient with two visits and a code seen " + settings.minCount() + " times or more "
                    + "(test.fraction " + settings.testFraction() + ", validation.fraction "
                    + settings.validationFraction() + ", min.count " + settings.minCount() + ")")));
        }
        CareEncoder enc = new CareEncoder(info, settings.maxVisits());
        Dataset tr = dataset(enc, train, info);
        Dataset va = dataset(enc, patients.subList(nRest - nVal, nRest), info);
        Dataset te = dataset(enc, patients.subList(nRest, n), info);
        return new TaskData(tr, va, te, settings.target().loss, source(seed), Dataset.sha256(tr, va, te));
    }

    List<Patient> patients(long seed) {
        if (settings.file() == null) {
            return CareSimulator.simulate(settings.patients(), seed);
        }
        Problems problems = new Problems();
        List<Patient> patients = VisitCsvReader.read(settings.file(), settings.separator(), settings.patientColumn(),
                settings.dateColumn(), settings.codesColumn(), problems);
        if (problems.isEmpty() && patients.isEmpty()) {
            problems.add(settings.file().getFileName().toString(), "no visits");
        }
        problems.check();
        return patients;
    }

    private String source(long seed) {
        return settings.file() == null ? "care simulation, " + settings.patients() + " patients, seed " + seed
                : settings.file().toString();
    }

    private static Dataset dataset(CareEncoder enc, List<Patient> patients, CareInfo info) {
        return new Dataset(enc.encode(patients), enc.inputSize(), enc.outputSize()).withContext(info);
    }
}
