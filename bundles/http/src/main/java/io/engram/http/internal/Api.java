package io.engram.http.internal;

import io.engram.api.Problem;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The REST API below {@code /api}, free of the servlet API so it can be exercised directly.
 *
 * <pre>
 * GET    /                        links to the collections
 * GET    /plugins                 every registered plugin
 * GET    /plugins/{id}[?kind=k]   one plugin with its hyperparameter schema
 * POST   /jobs                    submit a job spec (JSON, properties or YAML)    token
 * GET    /jobs                    every job, newest first
 * GET    /jobs/{id}               one job
 * GET    /jobs/{id}/events        the job's events so far; ?after=N: those with seq &gt; N
 * DELETE /jobs/{id}               cancel a queued or running job                  token
 * </pre>
 * HEAD is answered wherever GET is, with the same status and headers.
 *
 * <p>Order of checks for each request: the path (404), the method (405 with {@code Allow}), the
 * bearer token for POST and DELETE (401 with {@code WWW-Authenticate: Bearer}, before the body is
 * read), then the body's size (413) and content. Thread-safe: it holds only immutable state and
 * thread-safe services.
 */
final class Api {
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String SPEC_ORIGIN = "request body";

    private final PluginRegistry plugins;
    private final JobManager jobs;
    private final JobSpecs specs;
    private final BearerToken token;
    private final long maxBodyBytes;
    private final Router router;

    Api(PluginRegistry plugins, JobManager jobs, JobSpecs specs, BearerToken token, long maxBodyBytes) {
        this.plugins = plugins;
        this.jobs = jobs;
        this.specs = specs;
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
        this.router = new Router()
                .add("GET", "/", (r, p) -> index())
                .add("GET", "/plugins", (r, p) -> listPlugins())
                .add("GET", "/plugins/{id}", (r, p) -> plugin(p.get(0), r.query().get("kind")))
                .add("GET", "/jobs", (r, p) -> ApiResponse.of(200, Json.jobs(jobs.jobs())))
                .add("POST", "/jobs", (r, p) -> submit(r))
                .add("GET", "/jobs/{id}", (r, p) -> job(p.get(0)))
                .add("DELETE", "/jobs/{id}", (r, p) -> cancel(p.get(0)))
                .add("GET", "/jobs/{id}/events", (r, p) -> events(p.get(0), r.query().get("after")));
    }

    /** Answers one request; exceptions from the services propagate (they are bugs). */
    ApiResponse handle(ApiRequest request) {
        Optional<Router.Resolved> resolved = router.resolve(request.path());
        if (resolved.isEmpty()) {
            return ApiResponse.error(404, "no such resource: /api" + request.path());
        }
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        Router.Handler handler = resolved.get().handlers().get(method);
        if (handler == null) {
            return ApiResponse.error(405, request.method() + " not allowed on /api" + request.path()
                            + " (allowed: " + resolved.get().allow() + ")")
                    .withHeader("Allow", resolved.get().allow());
        }
        if (MUTATING.contains(request.method()) && !token.accepts(request.header("Authorization"))) {
            boolean sent = request.header("Authorization").isPresent();
            return ApiResponse.error(401, sent ? "invalid bearer token" : "bearer token required")
                    .withHeader("WWW-Authenticate", sent
                            ? "Bearer realm=\"engram\", error=\"invalid_token\""
                            : "Bearer realm=\"engram\"");
        }
        return handler.handle(request, resolved.get().params());
    }

    private static ApiResponse index() {
        return ApiResponse.of(200, Json.index());
    }

    private ApiResponse listPlugins() {
        return ApiResponse.of(200, Json.plugins(plugins.plugins()));
    }

    private ApiResponse plugin(String id, String kindLabel) {
        Optional<PluginKind> kind = Optional.empty();
        if (kindLabel != null && !kindLabel.isEmpty()) {
            kind = Arrays.stream(PluginKind.values()).filter(k -> k.label().equals(kindLabel.toLowerCase(Locale.ROOT)))
                    .findFirst();
            if (kind.isEmpty()) {
                return ApiResponse.error(400, "unknown kind '" + kindLabel + "': expected one of "
                        + Arrays.stream(PluginKind.values()).map(PluginKind::label).collect(Collectors.joining(", ")));
            }
        }
        Optional<PluginKind> wanted = kind;
        java.util.List<PluginKind> kinds = plugins.plugins().stream()
                .filter(p -> p.id().equals(id) && wanted.map(k -> k == p.kind()).orElse(true))
                .map(PluginInfo::kind).distinct().sorted().collect(Collectors.toList());
        if (kinds.isEmpty()) {
            return ApiResponse.error(404, wanted.map(k -> "no " + k.label() + " '" + id + "'")
                    .orElse("no plugin '" + id + "'"));
        }
        if (kinds.size() > 1) {
            return ApiResponse.error(400, "'" + id + "' names several plugins (" + kinds.stream()
                    .map(PluginKind::label).collect(Collectors.joining(", ")) + "): add ?kind="
                    + kinds.get(0).label() + " or another");
        }
        Optional<PluginInfo> found = plugins.find(kinds.get(0), id, null);
        return found.map(p -> ApiResponse.of(200, Json.pluginWithSchema(p)))
                .orElseGet(() -> ApiResponse.error(404, "no " + kinds.get(0).label() + " '" + id + "'"));
    }

    private ApiResponse submit(ApiRequest request) {
        Either<ApiResponse, SpecBody> format = SpecBody.of(request.header("Content-Type"));
        if (format.isLeft()) {
            return format.getLeft();
        }
        Either<ApiResponse, byte[]> body;
        try {
            body = BoundedBody.read(request.body(), request.contentLength(), maxBodyBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body", e);
        }
        if (body.isLeft()) {
            return body.getLeft();
        }
        Validation<Seq<Problem>, JobInfo> submitted = format.get().decode(body.get())
                .flatMap(text -> text.isBlank()
                        ? Validation.<Seq<Problem>, String>invalid(List.of(Problem.of(SPEC_ORIGIN,
                                "empty: expected a job spec (model.family, data.app, ...)")))
                        : Validation.<Seq<Problem>, String>valid(text))
                .flatMap(text -> specs.parse(text, format.get().format(), SPEC_ORIGIN))
                .flatMap(jobs::submit);
        if (submitted.isInvalid()) {
            return ApiResponse.of(400, Json.errors(submitted.getError()));
        }
        JobInfo job = submitted.get();
        return ApiResponse.of(201, Json.job(job)).withHeader("Location", "/api/jobs/" + encode(job.id()));
    }

    private ApiResponse job(String id) {
        return jobs.job(id).map(j -> ApiResponse.of(200, Json.job(j))).orElseGet(() -> noJob(id));
    }

    private ApiResponse events(String id, String after) {
        long from;
        try {
            from = after == null || after.isEmpty() ? -1 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            return ApiResponse.error(400, "after: expected an event sequence number, got '" + after + "'");
        }
        if (jobs.job(id).isEmpty()) {
            return noJob(id);
        }
        return ApiResponse.of(200, Json.events(jobs.events(id).stream()
                .filter(e -> e.seq() > from).collect(Collectors.toList())));
    }

    private ApiResponse cancel(String id) {
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

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Parses a raw query string into its decoded parameters, keeping the first value of each.
     *
     * @throws IllegalArgumentException on a malformed percent escape
     */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
