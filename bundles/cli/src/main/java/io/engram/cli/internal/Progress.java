package io.engram.cli.internal;

import io.engram.api.TrainingEvent;
import io.engram.kernel.JobEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Renders a job's event stream: on a terminal a progress bar redrawn in place, otherwise plain lines
 * (a progress line at each quarter of an epoch's batches, one line per finished epoch).
 *
 * <p>Events may arrive on any thread; {@link #accept} and {@link #finish} are synchronized, so lines
 * never interleave. {@link #awaitEnd} lets the caller wait until the job's final state event has
 * been seen; {@link #finish} ends a bar left open, and nothing is printed after it.
 */
final class Progress implements Consumer<JobEvent> {

    static final int BAR = 24;

    private final PrintStream out;
    private final boolean tty;
    private final CountDownLatch ended = new CountDownLatch(1);
    private boolean barOpen;
    private boolean finished;

    Progress(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    @Override
    public synchronized void accept(JobEvent e) {
        if (finished) {
            return;
        }
        if (e.event() == null) {
            if (e.state().terminal()) {
                ended.countDown();
            } else {
                line(e.jobId() + " " + e.state());
            }
        } else if (e.event() instanceof TrainingEvent.Progress p) {
            progress(p);
        } else if (e.event() instanceof TrainingEvent.EpochEnd end) {
            line(epoch(end));
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

    private void progress(TrainingEvent.Progress p) {
        if (tty) {
            int filled = p.batches() <= 0 ? BAR : (int) Math.min(BAR, (long) BAR * p.batch() / p.batches());
            int percent = p.batches() <= 0 ? 100 : (int) Math.min(100, 100L * p.batch() / p.batches());
            out.print("\repoch " + p.epoch() + "/" + p.epochs() + " [" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] "
                    + percent + "%  loss " + Text.number(p.loss()) + "   ");
            barOpen = true;
        } else if (quarterMark(p.batch(), p.batches())) {
            out.println("epoch " + p.epoch() + "/" + p.epochs() + " batch " + p.batch() + "/" + p.batches()
                    + " loss " + Text.number(p.loss()));
        }
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

    /** Metrics as {@code name = value} lines, sorted by name. */
    static String metrics(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(metrics).forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(Text.number(v)).append('\n'));
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
