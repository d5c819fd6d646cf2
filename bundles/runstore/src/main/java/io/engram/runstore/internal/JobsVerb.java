package io.engram.runstore.internal;

import io.engram.cli.VerbCall;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.Page;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram jobs}: the jobs of the run store, whichever process ran them.
 * <ul>
 *   <li>{@code jobs [--limit=N]}: a table of the newest jobs: id, state, name, family, submitted, final loss;</li>
 *   <li>{@code jobs show ID [--plot=FILE.png] [--csv=FILE]}: the record and the final metrics grouped by
 *       split; the curves as a PNG chart, the series as CSV ({@link MetricFiles});</li>
 *   <li>{@code jobs metrics ID [--csv=FILE]}: the metric series as CSV, to the file or standard output.</li>
 * </ul>
 * Paths arrive absolute from the launcher. Exit 0, 1 when a file cannot be written, 2 for an unknown
 * job or bad arguments. Stateless and thread-safe.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=jobs")
public final class JobsVerb implements Function<Map<String, Object>, Integer> {

    static final int DEFAULT_LIMIT = 20;
    static final String USAGE = "usage: engram jobs [--limit=N] | engram jobs show ID [--plot=FILE.png] [--csv=FILE]"
            + " | engram jobs metrics ID [--csv=FILE]";

    private final JobManager jobs;

    @Activate
    public JobsVerb(@Reference JobManager jobs) {
        this.jobs = jobs;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : call.args()) {
            if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                words.add(a);
            }
        }
        try {
            if (words.isEmpty() || words.equals(List.of("list"))) {
                return list(call, options);
            }
            if (words.size() == 2 && words.get(0).equals("show")) {
                return show(call, words.get(1), options);
            }
            if (words.size() == 2 && words.get(0).equals("metrics")) {
                return metrics(call, words.get(1), options);
            }
            call.err().println("engram jobs: unknown arguments " + String.join(" ", words) + "\n" + USAGE);
            return VerbCall.BAD_INPUT;
        } catch (IOException e) {
            call.err().println("engram jobs: " + e.getMessage());
            return VerbCall.FAILED;
        } finally {
            call.out().flush();
        }
    }

    private int list(VerbCall call, Map<String, String> options) {
        int limit = DEFAULT_LIMIT;
        if (options.containsKey("limit")) {
            try {
                limit = Integer.parseInt(options.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                call.err().println("engram jobs: --limit: '" + options.get("limit") + "' is not a whole number above 0");
                return VerbCall.BAD_INPUT;
            }
        }
        Page<JobInfo> page = jobs.jobs(0, limit);
        call.out().print(table(page.items()));
        if (page.total() > page.items().size()) {
            call.out().println("(" + page.items().size() + " of " + page.total() + " jobs; --limit=N shows more)");
        }
        return VerbCall.OK;
    }

    /** The job table: a header and a line per job, columns padded to their widest cell. */
    static String table(List<JobInfo> infos) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "STATE", "NAME", "FAMILY", "SUBMITTED", "LOSS"});
        for (JobInfo i : infos) {
            Double loss = i.metrics().get("loss");
            rows.add(new String[] {i.id(), i.state().name(), i.name(), i.family(), i.submittedAt(),
                    loss == null ? "-" : number(loss)});
        }
        int[] width = new int[6];
        rows.forEach(r -> {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                line.append(c == r.length - 1 ? r[c] : String.format("%-" + width[c] + "s  ", r[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private Optional<JobInfo> job(VerbCall call, String id) {
        Optional<JobInfo> info = jobs.job(id);
        if (info.isEmpty()) {
            call.err().println("engram jobs: no job " + id + " in the run store");
        }
        return info;
    }

    private int show(VerbCall call, String id, Map<String, String> options) throws IOException {
        Optional<JobInfo> info = job(call, id);
        if (info.isEmpty()) {
            return VerbCall.BAD_INPUT;
        }
        List<MetricPoint> points = jobs.metrics(id);
        call.out().print(record(info.get(), points));
        return files(call, info.get(), points, options);
    }

    private int metrics(VerbCall call, String id, Map<String, String> options) throws IOException {
        Optional<JobInfo> info = job(call, id);
        if (info.isEmpty()) {
            return VerbCall.BAD_INPUT;
        }
        List<MetricPoint> points = jobs.metrics(id);
        if (!options.containsKey("csv")) {
            MetricFiles.csv(points).forEach(call.out()::println);
            return VerbCall.OK;
        }
        return files(call, info.get(), points, options);
    }

    private static int files(VerbCall call, JobInfo info, List<MetricPoint> points, Map<String, String> options)
            throws IOException {
        if (options.containsKey("csv")) {
            Path csv = MetricFiles.writeCsv(Path.of(options.get("csv")), points);
            call.out().println("wrote " + csv + " (" + points.size() + " points)");
        }
        if (options.containsKey("plot")) {
            if (points.isEmpty()) {
                call.err().println("engram jobs: " + info.id() + " has no metrics yet; no plot written");
                return VerbCall.FAILED;
            }
            Path png = MetricFiles.writePng(Path.of(options.get("plot")), info.id() + "  " + info.name(), points);
            call.out().println("wrote " + png + " (" + MetricFiles.WIDTH + "x" + MetricFiles.HEIGHT + ")");
        }
        return VerbCall.OK;
    }

    /** A job's record as {@code engram jobs show} prints it, with its final metrics grouped by split. */
    static String record(JobInfo i, List<MetricPoint> points) {
        StringBuilder out = new StringBuilder();
        out.append(i.id()).append("  ").append(i.name()).append("  ").append(i.state()).append('\n');
        field(out, "family", i.family());
        field(out, "trainer", i.trainer());
        field(out, "application", i.application());
        field(out, "backend", i.backend());
        field(out, "submitted", i.submittedAt());
        field(out, "started", i.startedAt());
        field(out, "ended", i.endedAt());
        field(out, "checkpoint", i.checkpoint());
        field(out, "error", i.error());
        if (points.isEmpty()) {
            out.append("no metrics recorded\n");
            return out.toString();
        }
        Map<String, Map<String, MetricPoint>> last = new TreeMap<>((a, b) -> order(a) - order(b));
        int epoch = 0;
        for (MetricPoint p : points) {
            last.computeIfAbsent(p.split(), s -> new TreeMap<>()).put(p.name(), p);
            epoch = Math.max(epoch, p.epoch());
        }
        out.append("final metrics (epoch ").append(epoch).append("):\n");
        last.forEach((split, byName) -> {
            StringBuilder line = new StringBuilder(String.format("  %-11s", split));
            byName.forEach((name, p) -> line.append(' ').append(name).append(' ').append(number(p.value()))
                    .append(p.step() < byName.values().stream().mapToLong(MetricPoint::step).max().orElse(0)
                            ? " (step " + p.step() + ")" : ""));
            out.append(line).append('\n');
        });
        return out.toString();
    }

    private static int order(String split) {
        return switch (split) {
            case "train" -> 0;
            case "validation" -> 1;
            default -> 2;
        };
    }

    private static void field(StringBuilder out, String name, String value) {
        if (!value.isEmpty()) {
            out.append(String.format("  %-13s%s\n", name, value));
        }
    }

    /** Six significant digits, without trailing zeros: {@code 0.591919}, {@code 1}, {@code 1.25000e-07} kept as is. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        return s.contains("e") || !s.contains(".") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
