package io.engram.http.internal;

import io.engram.kernel.JobEvent;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.MetricPoint;
import io.engram.kernel.Page;
import io.vavr.control.Either;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The job listings and one job (submitting is {@link Submission}'s): {@code GET /jobs} a page at a time, {@code GET /jobs/{id}}, its
 * events a page at a time, and {@code DELETE /jobs/{id}}. Pages are JSON arrays as before, with
 * {@code X-Total-Count} (jobs) and a {@code Link: <...>; rel="next"} header while more may follow.
 * Thread-safe: it holds only the thread-safe job manager.
 */
final class JobResource {
    private final JobManager jobs;

    JobResource(JobManager jobs) {
        this.jobs = jobs;
    }

    /** {@code ?offset=&limit=}: the newest jobs first, at most {@value Paging#JOBS_MAX} a page. */
    ApiResponse list(Map<String, String> query) {
        Either<ApiResponse, Integer> offset = Paging.integer(query, "offset", 0, 0, Integer.MAX_VALUE);
        Either<ApiResponse, Integer> limit = Paging.integer(query, "limit", Paging.JOBS_LIMIT, 1, Paging.JOBS_MAX);
        if (offset.isLeft() || limit.isLeft()) {
            return offset.isLeft() ? offset.getLeft() : limit.getLeft();
        }
        Page<JobInfo> page = jobs.jobs(offset.get(), limit.get());
        ApiResponse r = ApiResponse.of(200, Json.jobs(page.items()))
                .withHeader("X-Total-Count", Long.toString(page.total()));
        if (page.more()) {
            r = r.withHeader("Link", "</api/jobs?offset=" + (page.offset() + page.items().size())
                    + "&limit=" + page.limit() + ">; rel=\"next\"");
        }
        return r;
    }

    ApiResponse one(String id) {
        return jobs.job(id).map(j -> ApiResponse.of(200, Json.job(j))).orElseGet(() -> noJob(id));
    }

    /** {@code ?after=N&limit=M}: the kept events with seq &gt; N, at most {@value Paging#EVENTS_MAX} a page. */
    ApiResponse events(String id, Map<String, String> query) {
        Either<ApiResponse, Long> after = Paging.after(query);
        Either<ApiResponse, Integer> limit = Paging.integer(query, "limit", Paging.EVENTS_LIMIT, 1, Paging.EVENTS_MAX);
        if (after.isLeft() || limit.isLeft()) {
            return after.isLeft() ? after.getLeft() : limit.getLeft();
        }
        if (jobs.job(id).isEmpty()) {
            return noJob(id);
        }
        List<JobEvent> page = jobs.events(id, after.get(), limit.get());
        ApiResponse r = ApiResponse.of(200, Json.events(page));
        if (page.size() >= limit.get()) {
            r = r.withHeader("Link", "</api/jobs/" + encode(id) + "/events?after=" + page.get(page.size() - 1).seq()
                    + "&limit=" + limit.get() + ">; rel=\"next\"");
        }
        return r;
    }

    /**
     * {@code ?format=json} (the default): the job's metric series as a JSON array of
     * {@code {step, epoch, split, name, value}}, oldest first; {@code ?format=csv}: the same as CSV
     * with a header line {@code step,epoch,split,name,value}.
     */
    ApiResponse metrics(String id, Map<String, String> query) {
        String format = query.getOrDefault("format", "json").trim().toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("csv")) {
            return ApiResponse.error(400, "format: expected json or csv, got '" + query.get("format") + "'");
        }
        if (jobs.job(id).isEmpty()) {
            return noJob(id);
        }
        List<MetricPoint> points = jobs.metrics(id);
        if (format.equals("json")) {
            return ApiResponse.of(200, Json.metrics(points));
        }
        StringBuilder csv = new StringBuilder("step,epoch,split,name,value\n");
        for (MetricPoint p : points) {
            csv.append(p.step()).append(',').append(p.epoch()).append(',').append(csvField(p.split())).append(',')
                    .append(csvField(p.name())).append(',').append(p.value()).append('\n');
        }
        return ApiResponse.text(200, "text/csv;charset=UTF-8", csv.toString())
                .withHeader("Content-Disposition", "attachment; filename=\"" + id.replaceAll("[^A-Za-z0-9._-]", "_")
                        + "-metrics.csv\"");
    }

    /** A field quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String csvField(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    /**
     * The job's events as server-sent events ({@link JobStream}), from the one after
     * {@code Last-Event-ID} (or {@code ?after=N}) when given; 400 when that is not a whole number.
     */
    ApiResponse stream(String id, Map<String, String> query, Optional<String> lastEventId) {
        long after = -1;
        String given = lastEventId.filter(s -> !s.isBlank()).orElse(query.get("after"));
        if (given != null) {
            try {
                after = Math.max(-1, Long.parseLong(given.trim()));
            } catch (NumberFormatException e) {
                return ApiResponse.error(400, (lastEventId.isPresent() ? "Last-Event-ID" : "after")
                        + ": expected an event seq (a whole number), got '" + given + "'");
            }
        }
        if (jobs.job(id).isEmpty()) {
            return noJob(id);
        }
        return ApiResponse.events(new JobStream(jobs, id, after));
    }

    /** 202 once asked to stop; 404 when unknown; 409 when it has already ended. */
    ApiResponse cancel(String id) {
        Optional<JobInfo> job = jobs.job(id);
        if (job.isEmpty()) {
            return noJob(id);
        }
        if (job.get().state().terminal() || !jobs.cancel(id)) {
            JobInfo now = jobs.job(id).orElse(job.get());
            return ApiResponse.error(409, "job " + id + " already ended ("
                    + now.state().name().toLowerCase(Locale.ROOT) + ")");
        }
        return ApiResponse.of(202, Json.job(jobs.job(id).orElse(job.get())));
    }

    private static ApiResponse noJob(String id) {
        return ApiResponse.error(404, "no job '" + id + "'");
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
