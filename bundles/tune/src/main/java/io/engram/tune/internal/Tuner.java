package io.engram.tune.internal;

import io.engram.api.Problem;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobState;
import io.engram.kernel.MetricPoint;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the trials of a search as jobs of the {@link JobManager} and, with asha, stops those that
 * fall behind at a rung.
 *
 * <p>Every trial is submitted in order as soon as the job queue takes it, so {@code jobs.concurrency}
 * decides how many train at once, and the trials are ordinary jobs (listed, cancellable, kept in the
 * job store). The search reads each running trial's metric series ({@link JobManager#metrics}) at
 * each of its epoch ends (a subscription wakes it) and at least every {@link #POLL}. With asha a trial runs with the full budget and is compared at each rung
 * ({@link Asha}) as soon as its series reaches the rung's epoch; one that is not promoted is
 * cancelled there and keeps the rung's value as its result (its epochs count what it really ran,
 * including any part-epoch past the rung before the cancellation landed). A trial is compared only
 * with the trials drawn before it, and only once each of those has reached the rung or ended short
 * of it, so the decisions do not depend on timing or on {@code jobs.concurrency}.
 *
 * <p>Interrupting the calling thread cancels every trial still queued or running. Not thread-safe:
 * one search per instance, on one thread.
 */
final class Tuner {

    static final Duration POLL = Duration.ofMillis(100);
    static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

    private final JobManager jobs;
    private final TuneOptions options;
    private final List<Integer> rungs;
    private final Consumer<String> notes;
    private final String[] metric;
    private final Duration poll;
    /** Signalled by the trials' subscriptions at each epoch end, so a rung is judged as soon as it is reached. */
    private final java.util.concurrent.BlockingQueue<String> wake = new java.util.concurrent.LinkedBlockingQueue<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    /** A search whose trials stop at {@code rungs} (empty: none stops early), polling every {@link #POLL}. */
    Tuner(JobManager jobs, TuneOptions options, List<Integer> rungs, Consumer<String> notes) {
        this(jobs, options, rungs, notes, POLL);
    }

    /** A search that polls its trials every {@code poll}. */
    Tuner(JobManager jobs, TuneOptions options, List<Integer> rungs, Consumer<String> notes, Duration poll) {
        this.poll = poll;
        this.jobs = jobs;
        this.options = options;
        this.rungs = List.copyOf(rungs);
        this.notes = notes;
        this.metric = seriesKey(options.metric());
    }

    /** The split and name of a final-metrics key in the metric series: {@code loss} is the train loss. */
    static String[] seriesKey(String metric) {
        return metric.equals("loss") ? new String[] {"train", "loss"} : MetricPoint.splitKey(metric);
    }

    /** Runs every trial to its end; true when all ended, false when interrupted (the rest cancelled). */
    boolean run(List<Trial> trials) {
        try {
            return search(trials);
        } finally {
            for (AutoCloseable s : subscriptions) {
                try {
                    s.close();
                } catch (Exception e) {
                    notes.accept("closing a trial's subscription: " + e);
                }
            }
        }
    }

    private boolean search(List<Trial> trials) {
        int next = 0;
        try {
            while (true) {
                next = submit(trials, next);
                for (Trial t : trials) {
                    if (t.status == Trial.Status.RUNNING) {
                        observe(t);
                    }
                }
                if (!rungs.isEmpty()) {
                    decide(trials);
                }
                for (Trial t : trials) {
                    if (t.status == Trial.Status.RUNNING) {
                        finish(t);
                    }
                }
                if (next == trials.size() && trials.stream().allMatch(t -> t.ended)) {
                    return true;
                }
                wake.poll(poll.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                wake.clear();
            }
        } catch (InterruptedException e) {
            cancelAll(trials);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Submits trials from {@code next} on until the queue is full; returns the next one to submit. */
    private int submit(List<Trial> trials, int next) {
        while (next < trials.size()) {
            Trial t = trials.get(next);
            Validation<Seq<Problem>, JobInfo> submitted = jobs.submit(t.spec);
            if (submitted.isInvalid()) {
                Seq<Problem> problems = submitted.getError();
                if (problems.size() == 1 && problems.head().where().equals(JobManager.QUEUE_FULL)) {
                    return next;
                }
                t.status = Trial.Status.FAILED;
                t.error = "rejected: " + problems.mkString("; ");
                t.ended = true;
                notes.accept("trial " + t.number + " " + t.error);
            } else {
                t.job = submitted.get().id();
                t.status = Trial.Status.RUNNING;
                String id = t.job;
                subscriptions.add(jobs.subscribe(id, e -> {
                    if (e.event() instanceof io.engram.api.TrainingEvent.EpochEnd || e.state().terminal()) {
                        wake.offer(id);
                    }
                }));
                notes.accept("trial " + t.number + " " + t.job + ": " + values(t.values));
            }
            next++;
        }
        return next;
    }

    /**
     * Records the trial's epochs so far (the epoch ends in its metric series) and its values at the
     * rungs it reached: at rung r, the metric at the r-th epoch end.
     */
    private void observe(Trial t) {
        List<MetricPoint> points = jobs.metrics(t.job);
        List<Long> steps = points.stream().map(MetricPoint::step).distinct().sorted().toList();
        t.epochs = steps.size();
        while (t.rungValues.size() < rungs.size() && steps.size() >= rungs.get(t.rungValues.size())) {
            long step = steps.get(rungs.get(t.rungValues.size()) - 1);
            double v = points.stream().filter(p -> p.step() == step && p.split().equals(metric[0])
                    && p.name().equals(metric[1])).mapToDouble(MetricPoint::value).findFirst().orElse(Double.NaN);
            t.rungValues.add(v);
        }
    }

    /**
     * Makes every decision that can be made, trial by trial in order: trial i at rung k once it has a
     * value there and every earlier trial has one too, was stopped before k, or ended short of k.
     */
    private void decide(List<Trial> trials) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < trials.size(); i++) {
                Trial t = trials.get(i);
                int k = t.promoted;
                if (t.stoppedAt != 0 || k >= rungs.size() || t.rungValues.size() <= k) {
                    continue;
                }
                List<Double> competing = new ArrayList<>();
                boolean known = true;
                for (int j = 0; j <= i && known; j++) {
                    Trial u = trials.get(j);
                    if (u.promoted >= k && u.rungValues.size() > k) {
                        competing.add(u.rungValues.get(k));
                    } else if (!(u.stoppedAt != 0 && u.promoted < k) && !neverReaches(u, k)) {
                        known = false;
                    }
                }
                if (!known) {
                    continue;
                }
                double value = t.rungValues.get(k);
                int rung = rungs.get(k);
                if (Asha.promotable(value, competing, options.eta(), options.direction())) {
                    t.promoted++;
                } else {
                    t.stoppedAt = rung;
                    t.metric = value;
                    if (!terminal(t)) {
                        jobs.cancel(t.job);
                    }
                    notes.accept(String.format(Locale.ROOT, "trial %d stopped at %d epochs: %s %s, not in the best 1/%d of %d",
                            t.number, rung, options.metric(), number(value), options.eta(), competing.size()));
                }
                changed = true;
            }
        }
    }

    /** Whether a trial has ended without a value at rung {@code k}. */
    private boolean neverReaches(Trial u, int k) {
        if (u.rungValues.size() > k) {
            return false;
        }
        if (u.ended) {
            return true;
        }
        if (!u.job.isEmpty() && terminal(u)) {
            observe(u);
            return u.rungValues.size() <= k;
        }
        return false;
    }

    private boolean terminal(Trial t) {
        if (t.job.isEmpty()) {
            return t.ended;
        }
        return jobs.job(t.job).map(j -> j.state().terminal()).orElse(true);
    }

    /** Records a trial whose job has ended, unless a rung decision about it is still open. */
    private void finish(Trial t) {
        Optional<JobInfo> info = jobs.job(t.job);
        if (info.isPresent() && !info.get().state().terminal()) {
            return;
        }
        observe(t);
        if (t.stoppedAt == 0 && t.promoted < Math.min(rungs.size(), t.rungValues.size())) {
            return;
        }
        t.ended = true;
        JobInfo job = info.orElse(null);
        if (t.stoppedAt != 0) {
            t.status = Trial.Status.PRUNED;
            return;
        }
        JobState state = job == null ? JobState.FAILED : job.state();
        t.error = job == null ? "the job vanished" : job.error() == null ? "" : job.error();
        switch (state) {
            case SUCCEEDED -> {
                t.status = Trial.Status.DONE;
                t.metric = job.metrics().getOrDefault(options.metric(), Double.NaN);
                notes.accept("trial " + t.number + " done: " + options.metric() + " " + number(t.metric) + " after "
                        + t.epochs + (t.epochs == 1 ? " epoch" : " epochs"));
            }
            case CANCELLED -> {
                t.status = Trial.Status.CANCELLED;
                notes.accept("trial " + t.number + " " + t.job + " was cancelled");
            }
            default -> {
                t.status = Trial.Status.FAILED;
                notes.accept("trial " + t.number + " " + t.job + " failed: " + t.error);
            }
        }
    }

    private void cancelAll(List<Trial> trials) {
        List<Trial> running = trials.stream().filter(t -> t.status == Trial.Status.RUNNING && !t.ended).toList();
        running.forEach(t -> jobs.cancel(t.job));
        notes.accept("interrupted: cancelling " + running.size() + (running.size() == 1 ? " trial" : " trials"));
        long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
        for (Trial t : running) {
            try {
                jobs.await(t.job, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException again) {
                break;
            }
            observe(t);
            t.ended = true;
            t.status = t.stoppedAt != 0 ? Trial.Status.PRUNED : Trial.Status.CANCELLED;
        }
        for (Trial t : trials) {
            if (t.status == Trial.Status.WAITING) {
                t.ended = true;
                t.status = Trial.Status.CANCELLED;
                t.error = "never submitted";
            }
        }
    }

    static String values(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    /** A metric as the table shows it: six significant digits. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
