package io.engram.cli.internal;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import io.engram.kernel.MetricPoint;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Renders a job's event stream: on a terminal a progress bar redrawn in place, otherwise plain lines
 * (a progress line at each quarter of an epoch's batches, one line per finished epoch). Progress
 * shows the estimated time left ({@code eta}: the time so far scaled by the share of batches still
 * to run, an upper bound when a trainer stops early), and each finished epoch the time it took.
 * Times come from the clock given (nanoseconds), the first event starting it.
 *
 * <p>Events may arrive on any thread; {@link #accept} and {@link #finish} are synchronized, so lines
 * never interleave. {@link #awaitEnd} lets the caller wait until the job's final state event has
 * been seen; {@link #finish} ends a bar left open, and nothing is printed after it.
 */
final class Progress implements Consumer<JobEvent> {

    static final int BAR = 24;

    private final PrintStream out;
    private final boolean tty;
    private final LongSupplier clock;
    private final CountDownLatch ended = new CountDownLatch(1);
    private boolean barOpen;
    private boolean finished;
    private long start = -1;
    private long epochStart = -1;

    Progress(PrintStream out, boolean tty) {
        this(out, tty, System::nanoTime);
    }

    Progress(PrintStream out, boolean tty, LongSupplier clock) {
        this.out = out;
        this.tty = tty;
        this.clock = clock;
    }

    @Override
    public synchronized void accept(JobEvent e) {
        if (finished) {
            return;
        }
        long now = clock.getAsLong();
        if (start < 0) {
            start = now;
            epochStart = now;
        }
        if (e.event() == null) {
            if (e.state().terminal()) {
                ended.countDown();
            } else {
                line(e.jobId() + " " + e.state());
            }
        } else if (e.event() instanceof TrainingEvent.Progress p) {
            progress(p, eta(p, now - start));
        } else if (e.event() instanceof TrainingEvent.EpochEnd end) {
            line(epoch(end) + " (" + duration(now - epochStart) + ")");
            epochStart = now;
        } else if (e.event() instanceof TrainingEvent.Message m) {
            line("[" + m.level() + "] " + m.text());
        } else if (e.event() instanceof TrainingEvent.Stopped s) {
            line((s.failure() ? "stopped (failure): " : "stopped: ") + s.reason());
        }
        out.flush();
    }

    /**
     * Waits, at most {@code limit}, for the event that records the job's end; events are delivered
     * in order, so every earlier one has been rendered when it returns true.
     */
    boolean awaitEnd(Duration limit) throws InterruptedException {
        return ended.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void finish() {
        if (barOpen) {
            out.println();
            barOpen = false;
        }
        finished = true;
        out.flush();
    }

    private void progress(TrainingEvent.Progress p, String eta) {
        String left = eta.isEmpty() ? "" : " eta " + eta;
        if (tty) {
            int filled = p.batches() <= 0 ? BAR : (int) Math.min(BAR, (long) BAR * p.batch() / p.batches());
            int percent = p.batches() <= 0 ? 100 : (int) Math.min(100, 100L * p.batch() / p.batches());
            out.print("\repoch " + p.epoch() + "/" + p.epochs() + " [" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] "
                    + percent + "%  loss " + Text.number(p.loss()) + left + "   ");
            barOpen = true;
        } else if (quarterMark(p.batch(), p.batches())) {
            out.println("epoch " + p.epoch() + "/" + p.epochs() + " batch " + p.batch() + "/" + p.batches()
                    + " loss " + Text.number(p.loss()) + left);
        }
    }

    /**
     * The time left when {@code elapsed} nanoseconds ran the share of the job that {@code p} has
     * reached (epochs counted from 1): empty before any batch has finished or when the totals are unknown.
     */
    static String eta(TrainingEvent.Progress p, long elapsed) {
        if (p.epochs() <= 0 || p.batches() <= 0 || p.epoch() <= 0 || p.batch() <= 0 || elapsed <= 0) {
            return "";
        }
        double done = ((p.epoch() - 1) + Math.min(1.0, (double) p.batch() / p.batches())) / p.epochs();
        if (done <= 0 || done > 1) {
            return "";
        }
        return duration((long) (elapsed * (1 - done) / done));
    }

    /** A duration for people: {@code 0.4 s}, {@code 12 s}, {@code 3 min 5 s}, {@code 1 h 2 min}. */
    static String duration(long nanos) {
        double s = Math.max(0, nanos) / 1e9;
        if (s < 10) {
            return String.format(java.util.Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        if (whole < 60) {
            return whole + " s";
        }
        if (whole < 3600) {
            return (whole / 60) + " min " + (whole % 60) + " s";
        }
        return (whole / 3600) + " h " + (whole % 3600 / 60) + " min";
    }

    /** True when batch {@code b} of {@code n} (counted from 1) is the first to reach a new quarter. */
    static boolean quarterMark(int b, int n) {
        if (n <= 0 || b <= 0) {
            return false;
        }
        return (4L * b) / n > (4L * (b - 1)) / n;
    }

    static String epoch(TrainingEvent.EpochEnd end) {
        StringBuilder sb = new StringBuilder("epoch ").append(end.epoch())
                .append(" train loss ").append(Text.number(end.trainLoss()));
        if (!Double.isNaN(end.validationLoss())) {
            sb.append(" validation loss ").append(Text.number(end.validationLoss()));
        }
        new TreeMap<>(end.metrics()).forEach((k, v) -> sb.append(' ').append(k).append(' ').append(Text.number(v)));
        return sb.toString();
    }

    /** The order of the groups of {@link #metrics}. */
    static final List<String> GROUPS = List.of("train", "validation", "test", "backend", "cluster");

    /**
     * A job's final metrics as one line per split, {@code train}, {@code validation}, {@code test}
     * (the split of each key as {@link MetricPoint#splitKey} reads it; the job's {@code loss} is the
     * train loss), then {@code backend} for the backend's meters ({@code backend.*}) and
     * {@code cluster} for what a job on a cluster sent and received ({@code cluster.*}); in each line
     * {@code loss} first, then the rest by name, as {@code name = value}. The {@code epoch} key is left
     * out (the caller names it), and so is a validation loss that is NaN (no validation split).
     */
    static String metrics(Map<String, Double> metrics) {
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        GROUPS.forEach(g -> groups.put(g, new TreeMap<>(Comparator.comparing((String n) -> !n.equals("loss"))
                .thenComparing(Comparator.naturalOrder()))));
        metrics.forEach((key, value) -> {
            if (key.equals("epoch") || key.equals("validation.loss") && Double.isNaN(value)) {
                return;
            }
            if (key.equals("loss")) {
                groups.get("train").put("loss", value);
            } else if (key.startsWith("backend.") || key.startsWith("cluster.")) {
                String group = key.substring(0, key.indexOf('.'));
                groups.get(group).put(key.substring(group.length() + 1), value);
            } else {
                String[] sn = MetricPoint.splitKey(key);
                groups.get(sn[0]).put(sn[1], value);
            }
        });
        int width = GROUPS.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        groups.forEach((group, values) -> {
            if (!values.isEmpty()) {
                sb.append("  ").append(group).append(" ".repeat(width - group.length() + 2));
                sb.append(values.entrySet().stream().map(e -> e.getKey() + " = " + Text.number(e.getValue()))
                        .collect(Collectors.joining(", "))).append('\n');
            }
        });
        return sb.toString();
    }

    private void line(String text) {
        if (barOpen) {
            out.print("\r" + " ".repeat(BAR + 48) + "\r");
            barOpen = false;
        }
        out.println(text);
    }
}
