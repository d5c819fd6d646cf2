package io.engram.http.internal;

import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.PluginRegistry;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API below {@code /api}, free of the servlet API so it can be exercised directly.
 *
 * <pre>
 * GET    /                        links to the collections
 * GET    /plugins                 every registered plugin
 * GET    /plugins/{id}[?kind=k]   one plugin with its hyperparameter schema
 * POST   /jobs                    submit a job spec (JSON, properties or YAML)
 * GET    /jobs[?offset=&amp;limit=]   a page of jobs, newest first
 * GET    /jobs/{id}               one job
 * GET    /jobs/{id}/events        a page of the job's events; ?after=N: those with seq &gt; N; &amp;limit=M
 * GET    /jobs/{id}/stream        the job's events as server-sent events until it ends (Last-Event-ID)
 * GET    /jobs/{id}/metrics       the job's metric series; ?format=csv: as CSV
 * DELETE /jobs/{id}               cancel a queued or running job
 * </pre>
 * HEAD is answered wherever GET is, with the same status and headers. POST and DELETE always need
 * the bearer token; GET and HEAD when {@link Access#readsNeedToken()}.
 *
 * <p>Order of checks for each request: the {@code Host} header (421), a CORS preflight (answered
 * there), the {@code Origin} of a mutating request (403), the query (400), the path (404), the
 * method (405 with {@code Allow}), the bearer token (401 with {@code WWW-Authenticate: Bearer},
 * before the body is read), then the body's size (413) and content. An exception from a service
 * becomes 500 naming the problem, never a stack trace. Thread-safe: it holds only immutable state
 * and thread-safe services.
 */
final class Api {
    private static final System.Logger LOG = System.getLogger("io.engram.http");

    private final Access access;
    private final Router router;

    Api(PluginRegistry plugins, JobManager jobs, JobSpecs specs, Access access, long maxBodyBytes) {
        this.access = access;
        PluginResource pluginResource = new PluginResource(plugins);
        JobResource jobResource = new JobResource(jobs);
        Submission submission = new Submission(jobs, specs, maxBodyBytes);
        this.router = new Router()
                .add("GET", "/", (r, p) -> ApiResponse.of(200, Json.index()))
                .add("GET", "/plugins", (r, p) -> pluginResource.list())
                .add("GET", "/plugins/{id}", (r, p) -> pluginResource.one(p.get(0), r.query().get("kind")))
                .add("GET", "/jobs", (r, p) -> jobResource.list(r.query()))
                .add("POST", "/jobs", (r, p) -> submission.submit(r))
                .add("GET", "/jobs/{id}", (r, p) -> jobResource.one(p.get(0)))
                .add("DELETE", "/jobs/{id}", (r, p) -> jobResource.cancel(p.get(0)))
                .add("GET", "/jobs/{id}/events", (r, p) -> jobResource.events(p.get(0), r.query()))
                .add("GET", "/jobs/{id}/stream", (r, p) -> jobResource.stream(p.get(0), r.query(),
                        r.header("Last-Event-ID")))
                .add("GET", "/jobs/{id}/metrics", (r, p) -> jobResource.metrics(p.get(0), r.query()));
    }

    /** Answers one request, in the order of checks given in the class comment. */
    ApiResponse handle(ApiRequest request) {
        Optional<ApiResponse> misdirected = access.hosts().check(request.header("Host"));
        if (misdirected.isPresent()) {
            return misdirected.get();
        }
        return access.cors().decorate(answer(request), request.header("Origin"));
    }

    private ApiResponse answer(ApiRequest request) {
        Optional<Router.Resolved> resolved = router.resolve(request.path());
        Optional<String> preflight = request.header("Access-Control-Request-Method");
        if (request.method().equals("OPTIONS") && preflight.isPresent()) {
            return access.cors().preflight(request.header("Origin"), preflight.get(), resolved, request.path());
        }
        Optional<ApiResponse> refused = access.crossSite(request.method(), request.header("Origin"),
                request.header("Host"));
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            request.query();
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(400, "malformed query string: " + e.getMessage());
        }
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
        Optional<ApiResponse> unauthorised = access.authorise(method, request.header("Authorization"));
        if (unauthorised.isPresent()) {
            return unauthorised.get();
        }
        try {
            return handler.handle(request, resolved.get().params());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, request.method() + " /api" + request.path() + " failed", e);
            return ApiResponse.error(500, "internal error: " + describe(e));
        }
    }

    /** The messages along the cause chain, without repeats; the class name when there is none. */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            String m = t.getMessage();
            boolean wrapsCause = t.getCause() != null && t.getCause().toString().equals(m);
            if (m != null && !m.isBlank() && !wrapsCause && out.indexOf(m) < 0) {
                out.append(out.length() == 0 ? "" : ": ").append(m);
            }
        }
        return out.length() == 0 ? e.getClass().getSimpleName() : out.toString();
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
