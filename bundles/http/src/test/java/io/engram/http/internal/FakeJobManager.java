package io.engram.http.internal;

import io.engram.api.Problem;
import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobState;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Jobs kept in memory. A spec is valid when it names {@code model.family} and {@code data.app}, and
 * {@code model.hidden}, when given, is a positive integer. Submitted jobs stay queued until a test
 * moves them on with {@link #end}. Ids are {@code job-1}, {@code job-2}, ... A test can make it
 * refuse submissions with one problem ({@link #refuseWith}) or throw ({@link #failWith}); so does a
 * spec whose {@code job.name} is {@code refuse:WHERE} (a problem at WHERE) or {@code throw}. Paging
 * comes from the interface's defaults. Thread-safe (synchronized).
 */
final class FakeJobManager implements JobManager {
    private final Map<String, JobInfo> jobs = new LinkedHashMap<>();
    private final Map<String, java.util.List<JobEvent>> events = new LinkedHashMap<>();
    private final Map<String, java.util.List<Consumer<JobEvent>>> listeners = new LinkedHashMap<>();
    private int submissions;
    private Problem refusal;
    private RuntimeException failure;

    int submissions() {
        return submissions;
    }

    /** Makes every later submission of a valid spec answer this one problem (null: accept again). */
    synchronized void refuseWith(Problem problem) {
        this.refusal = problem;
    }

    /** Makes every later submission, listing and lookup throw this (null: work again). */
    synchronized void failWith(RuntimeException e) {
        this.failure = e;
    }

    private void failIfAsked() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public synchronized Validation<Seq<Problem>, JobInfo> submit(Map<String, String> spec) {
        submissions++;
        failIfAsked();
        List<Problem> problems = List.empty();
        if (!spec.containsKey("model.family")) {
            problems = problems.append(Problem.of("model.family", "required: a family id"));
        }
        if (!spec.containsKey("data.app")) {
            problems = problems.append(Problem.of("data.app", "required: an application id"));
        }
        String hidden = spec.get("model.hidden");
        if (hidden != null && !hidden.matches("[1-9][0-9]*")) {
            problems = problems.append(Problem.of("model.hidden", "expected an integer in [1, 4096], got '" + hidden + "'"));
        }
        if (!problems.isEmpty()) {
            return Validation.invalid(problems);
        }
        if (refusal != null) {
            return Validation.invalid(List.of(refusal));
        }
        String name = spec.getOrDefault("job.name", "");
        if (name.startsWith("refuse:")) {
            return Validation.invalid(List.of(Problem.of(name.substring("refuse:".length()), "refused as asked")));
        }
        if (name.equals("throw")) {
            throw new java.io.UncheckedIOException("writing the record", new java.io.IOException("disk full"));
        }
        String id = "job-" + (jobs.size() + 1);
        JobInfo info = info(id, JobState.QUEUED, spec);
        jobs.put(id, info);
        java.util.List<JobEvent> list = new ArrayList<>();
        list.add(new JobEvent(id, 0, "2026-01-01T00:00:00Z", JobState.QUEUED, null));
        events.put(id, list);
        return Validation.valid(info);
    }

    /** Adds {@code n} events of progress to a job. */
    synchronized void progress(String id, int n) {
        java.util.List<JobEvent> list = events.get(id);
        for (int i = 0; i < n; i++) {
            record(id, new JobEvent(id, list.size(), "2026-01-01T00:00:01Z", JobState.RUNNING,
                    new TrainingEvent.Progress(0, 1, i, n, 1.0 / (i + 1))));
        }
    }

    /** Adds the end of an epoch, as a running job's trainer reports it. */
    synchronized void epoch(String id, TrainingEvent.EpochEnd end) {
        record(id, new JobEvent(id, events.get(id).size(), "2026-01-01T00:00:01Z", JobState.RUNNING, end));
    }

    /** Keeps the event and hands it to the job's subscribers, on the caller's thread. */
    private void record(String id, JobEvent e) {
        events.get(id).add(e);
        for (Consumer<JobEvent> l : java.util.List.copyOf(listeners.getOrDefault(id, java.util.List.of()))) {
            l.accept(e);
        }
    }

    /** The subscriptions not closed yet, over all jobs. */
    synchronized int subscribers() {
        return listeners.values().stream().mapToInt(java.util.List::size).sum();
    }

    /** Moves a job to {@code state}, recording a state event and, when given, a trainer event before it. */
    synchronized void end(String id, JobState state, TrainingEvent event) {
        java.util.List<JobEvent> list = events.get(id);
        if (event != null) {
            record(id, new JobEvent(id, list.size(), "2026-01-01T00:00:01Z", JobState.RUNNING, event));
        }
        jobs.put(id, info(id, state, jobs.get(id).spec()));
        record(id, new JobEvent(id, list.size(), "2026-01-01T00:00:02Z", state, null));
    }

    private static JobInfo info(String id, JobState state, Map<String, String> spec) {
        return new JobInfo(id, spec.getOrDefault("job.name", id), state, spec.getOrDefault("model.family", "") + "@1.0.0",
                "bptt@1.0.0", spec.getOrDefault("data.app", "") + "@1.0.0", "cpu", "2026-01-01T00:00:00Z",
                "", state.terminal() ? "2026-01-01T00:00:02Z" : "", Map.of("loss", 0.25), "", "", spec);
    }

    @Override
    public synchronized java.util.List<JobInfo> jobs() {
        failIfAsked();
        java.util.List<JobInfo> all = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(all);
        return all;
    }

    @Override
    public synchronized Optional<JobInfo> job(String id) {
        failIfAsked();
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized boolean cancel(String id) {
        JobInfo j = jobs.get(id);
        if (j == null || j.state().terminal()) {
            return false;
        }
        end(id, JobState.CANCELLED, null);
        return true;
    }

    @Override
    public synchronized java.util.List<JobEvent> events(String id) {
        return java.util.List.copyOf(events.getOrDefault(id, java.util.List.of()));
    }

    /**
     * Delivers the past events on the caller's thread, then each new one on the thread that records
     * it, until the job ends or the handle is closed.
     */
    @Override
    public synchronized AutoCloseable subscribe(String id, Consumer<JobEvent> listener) {
        if (!jobs.containsKey(id)) {
            return () -> { };
        }
        events(id).forEach(listener);
        if (jobs.get(id).state().terminal()) {
            return () -> { };
        }
        Consumer<JobEvent> once = new Consumer<>() {
            @Override
            public void accept(JobEvent e) {
                listener.accept(e);
                if (e.event() == null && e.state().terminal()) {
                    unsubscribe(id, this);
                }
            }
        };
        listeners.computeIfAbsent(id, k -> new ArrayList<>()).add(once);
        return () -> unsubscribe(id, once);
    }

    private synchronized void unsubscribe(String id, Consumer<JobEvent> l) {
        java.util.List<Consumer<JobEvent>> list = listeners.get(id);
        if (list != null) {
            list.remove(l);
        }
    }

    @Override
    public Optional<JobInfo> await(String id, Duration timeout) {
        return job(id);
    }
}
