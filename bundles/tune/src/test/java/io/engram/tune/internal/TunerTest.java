package io.engram.tune.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Problem;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobState;
import io.engram.kernel.MetricPoint;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The search against a job manager whose jobs follow a known curve, one epoch per poll. */
class TunerTest {

    /**
     * Jobs whose validation loss after e epochs is |hidden - 40| / 100 + 1 / e; the first
     * {@code concurrency} unfinished jobs advance one epoch each time their metrics are read.
     */
    static final class CurveJobs implements JobManager {
        final int concurrency;
        final List<String> order = new ArrayList<>();
        final Map<String, Map<String, String>> specs = new LinkedHashMap<>();
        final Map<String, Integer> epochs = new LinkedHashMap<>();
        final Map<String, JobState> states = new LinkedHashMap<>();

        CurveJobs(int concurrency) {
            this.concurrency = concurrency;
        }

        static double loss(Map<String, String> spec, int epoch) {
            return Math.abs(Integer.parseInt(spec.get("model.hidden")) - 40) / 100.0 + 1.0 / epoch;
        }

        @Override
        public Validation<Seq<Problem>, JobInfo> submit(Map<String, String> spec) {
            String id = String.format("job-%06d", order.size() + 1);
            order.add(id);
            specs.put(id, spec);
            epochs.put(id, 0);
            states.put(id, JobState.QUEUED);
            return Validation.valid(job(id).orElseThrow());
        }

        @Override
        public List<JobInfo> jobs() {
            return order.stream().map(id -> job(id).orElseThrow()).toList();
        }

        @Override
        public Optional<JobInfo> job(String id) {
            if (!specs.containsKey(id)) {
                return Optional.empty();
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            int e = epochs.get(id);
            if (e > 0) {
                metrics.put("validation.loss", loss(specs.get(id), e));
            }
            return Optional.of(new JobInfo(id, specs.get(id).get("job.name"), states.get(id), "f", "t", "a", "cpu",
                    "", "", "", metrics, "", "", specs.get(id)));
        }

        @Override
        public boolean cancel(String id) {
            if (states.get(id).terminal()) {
                return false;
            }
            states.put(id, JobState.CANCELLED);
            return true;
        }

        @Override
        public List<JobEvent> events(String id) {
            return List.of();
        }

        @Override
        public List<MetricPoint> metrics(String id) {
            List<String> running = order.stream().filter(j -> !states.get(j).terminal()).limit(concurrency).toList();
            if (running.contains(id)) {
                states.put(id, JobState.RUNNING);
                int e = epochs.merge(id, 1, Integer::sum);
                if (e >= Integer.parseInt(specs.get(id).get("trainer.epochs"))) {
                    states.put(id, JobState.SUCCEEDED);
                }
            }
            List<MetricPoint> points = new ArrayList<>();
            for (int e = 1; e <= epochs.get(id); e++) {
                points.add(new MetricPoint(e, e, "train", "loss", 2 * loss(specs.get(id), e)));
                points.add(new MetricPoint(e, e, "validation", "loss", loss(specs.get(id), e)));
            }
            return points;
        }

        @Override
        public AutoCloseable subscribe(String id, Consumer<JobEvent> listener) {
            return () -> { };
        }

        @Override
        public Optional<JobInfo> await(String id, Duration timeout) {
            return job(id);
        }
    }

    static List<Trial> trials(int... hidden) {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < hidden.length; i++) {
            Map<String, String> values = Map.of("model.hidden", Integer.toString(hidden[i]));
            Map<String, String> spec = new LinkedHashMap<>(values);
            spec.put("trainer.epochs", "9");
            spec.put("job.name", "t-trial-" + (i + 1));
            trials.add(new Trial(i + 1, values, spec));
        }
        return trials;
    }

    static final TuneOptions ASHA = TuneOptions.parse(Map.of("strategy", "asha", "eta", "3", "min.epochs", "1",
            "max.epochs", "9")).get();

    /**
     * Rungs at 1 and 3 epochs of 9, eta 3. Values at epoch 1 are 1 + |h - 40| / 100: trial 1 1.00
     * goes on (alone), 2 (1.30), 3 (1.05), 4 (1.02) and 5 (1.30) stop (n below 6: only the best
     * goes on), 6 (1.01) goes on as second of six (index 6 / 3 - 1 = 1). At 3 epochs trial 1 has
     * 0.3333 and goes on, trial 6 has 0.3433 and stops (n = 2, only the best). Trial 1 ends at 9
     * epochs with 1 / 9.
     */
    @Test
    void stopsTheTrialsTheRuleStopsAndRanksTheFinishedOneFirst() {
        List<Trial> trials = trials(40, 10, 45, 38, 70, 41);
        List<String> notes = new ArrayList<>();
        CurveJobs jobs = new CurveJobs(1);
        assertTrue(new Tuner(jobs, ASHA, Asha.rungs(1, 9, 3), notes::add, Duration.ZERO).run(trials));
        List<Trial> rows = ResultsTable.sorted(trials, TuneOptions.Direction.MIN);
        assertEquals(List.of(1, 6, 4, 3, 2, 5), rows.stream().map(t -> t.number).toList());
        assertEquals(List.of("done", "pruned", "pruned", "pruned", "pruned", "pruned"),
                rows.stream().map(t -> t.status.label()).toList());
        assertEquals(List.of(0, 3, 1, 1, 1, 1), rows.stream().map(t -> t.stoppedAt).toList());
        assertEquals(1.0 / 9, rows.get(0).metric, 1e-12);
        assertEquals(0.01 + 1.0 / 3, rows.get(1).metric, 1e-12);
        assertEquals(1.02, rows.get(2).metric, 1e-12);
        // one job at a time: each stop lands before the next epoch
        assertEquals(List.of(9, 3, 1, 1, 1, 1), rows.stream().map(t -> t.epochs).toList());
        assertEquals(List.of(JobState.SUCCEEDED, JobState.CANCELLED, JobState.CANCELLED, JobState.CANCELLED,
                JobState.CANCELLED, JobState.CANCELLED), List.copyOf(jobs.states.values()));
        assertTrue(notes.contains("trial 6 stopped at 3 epochs: validation.loss 0.343333, not in the best 1/3 of 2"), notes.toString());
    }

    @Test
    void theDecisionsDoNotDependOnHowManyTrialsRunAtOnce() {
        int[] hidden = {40, 10, 45, 38, 70, 41, 39, 60, 42, 20, 35, 44};
        List<Trial> one = trials(hidden);
        List<Trial> four = trials(hidden);
        assertTrue(new Tuner(new CurveJobs(1), ASHA, Asha.rungs(1, 9, 3), n -> { }, Duration.ZERO).run(one));
        assertTrue(new Tuner(new CurveJobs(4), ASHA, Asha.rungs(1, 9, 3), n -> { }, Duration.ZERO).run(four));
        assertEquals(one.stream().map(t -> t.status + "@" + t.stoppedAt + "=" + t.metric).toList(),
                four.stream().map(t -> t.status + "@" + t.stoppedAt + "=" + t.metric).toList());
        int used = four.stream().mapToInt(t -> t.epochs).sum();
        assertTrue(used < 9 * hidden.length, used + " epochs");
        assertTrue(four.stream().allMatch(t -> t.epochs >= (t.stoppedAt == 0 ? 9 : t.stoppedAt)), "epochs are counted as run");
    }

    @Test
    void randomSearchRunsEveryTrialToItsEnd() {
        List<Trial> trials = trials(40, 10, 45);
        TuneOptions random = TuneOptions.parse(Map.of()).get();
        assertTrue(new Tuner(new CurveJobs(2), random, List.of(), n -> { }, Duration.ZERO).run(trials));
        List<Trial> rows = ResultsTable.sorted(trials, TuneOptions.Direction.MIN);
        assertEquals(List.of(1, 3, 2), rows.stream().map(t -> t.number).toList());
        assertTrue(rows.stream().allMatch(t -> t.status == Trial.Status.DONE && t.epochs == 9));
        assertEquals(0.05 + 1.0 / 9, rows.get(1).metric, 1e-12);
    }
}
