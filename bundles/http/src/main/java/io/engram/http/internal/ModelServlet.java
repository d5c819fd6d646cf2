package io.engram.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.kernel.Predictor;
import io.engram.store.ModelStore;
import io.vavr.Lazy;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The model registry's part of the REST API, registered on the servlet whiteboard at
 * {@code /api/models/*} ({@link ModelResource}): JSON answers as the rest of {@code /api}, and
 * checkpoint files as {@code application/octet-stream}. Requests pass the same checks in the same
 * order as {@link Api}'s (Host, CORS, origin, path, method, bearer token, body), with the same
 * settings (configuration {@code io.engram.http}).
 *
 * <p>Lifecycle: SCR builds it when the model store and the predictor are present; the access rules
 * are fixed at the first request (by then the REST API has written the token file when it generates
 * one, so both read the same token). The whiteboard calls {@link #service} from many threads; all
 * state is final and the services are thread-safe.
 */
@Component(service = Servlet.class, configurationPid = HttpApiConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardServletPattern({"/api/models", "/api/models/*"})
@HttpWhiteboardServletName("engram-models")
public final class ModelServlet implements Servlet {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger("io.engram.http");

    private final ModelResource models;
    private final Lazy<Access> access;
    private volatile ServletConfig servletConfig;

    @Activate
    public ModelServlet(@Reference ModelStore store, @Reference Predictor predictor, HttpApiConfiguration config,
                        BundleContext context) {
        this(store, predictor, config, Lazy.of(() -> access(config, context.getProperty("org.apache.felix.http.host"))));
    }

    ModelServlet(ModelStore store, Predictor predictor, HttpApiConfiguration config, Lazy<Access> access) {
        this.models = new ModelResource(store, predictor, Math.max(0, config.max_body_bytes()));
        this.access = access;
    }

    /** The access rules of the settings, as the REST API fixes them. */
    static Access access(HttpApiConfiguration config, String frameworkHost) {
        String file = config.token_file().trim();
        Optional<Path> tokenFile = file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
        BearerToken token;
        try {
            token = BearerToken.resolve(config._token(), tokenFile, new SecureRandom());
        } catch (IOException e) {
            throw new UncheckedIOException("the bearer token cannot be read: " + e.getMessage(), e);
        }
        String host = !config.host().isBlank() ? config.host().trim()
                : frameworkHost != null && !frameworkHost.isBlank() ? frameworkHost.trim() : "0.0.0.0";
        return new Access(token, ReadAccess.parse(config.read_token(), m -> { }).needsToken(host),
                HostCheck.of(host, ApiServlet.list(config.allowed_hosts())),
                CorsPolicy.of(ApiServlet.list(config.cors_origins()), m -> { }));
    }

    /** Answers one request below {@code /api/models}: the path is relative to it. */
    ModelAnswer handle(ApiRequest request) {
        Access a = access.get();
        Optional<ApiResponse> misdirected = a.hosts().check(request.header("Host"));
        if (misdirected.isPresent()) {
            return ModelAnswer.of(misdirected.get());
        }
        ModelAnswer answer = answer(a, request);
        return answer.json() == null ? answer
                : ModelAnswer.of(a.cors().decorate(answer.json(), request.header("Origin")));
    }

    private ModelAnswer answer(Access a, ApiRequest request) {
        Optional<Router.Resolved> resolved = models.router().resolve(request.path());
        Optional<String> preflight = request.header("Access-Control-Request-Method");
        if (request.method().equals("OPTIONS") && preflight.isPresent()) {
            return ModelAnswer.of(a.cors().preflight(request.header("Origin"), preflight.get(), resolved,
                    "/models" + request.path()));
        }
        Optional<ApiResponse> refused = a.crossSite(request.method(), request.header("Origin"), request.header("Host"));
        if (refused.isPresent()) {
            return ModelAnswer.of(refused.get());
        }
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        boolean download = models.checkpointRoute(request.path()).isPresent();
        if (download && !method.equals("GET")) {
            return ModelAnswer.of(ApiResponse.error(405, request.method() + " not allowed on /api/models"
                    + request.path() + " (allowed: GET, HEAD)").withHeader("Allow", "GET, HEAD"));
        }
        if (!download && resolved.isEmpty()) {
            return ModelAnswer.of(ApiResponse.error(404, "no such resource: /api/models" + request.path()));
        }
        Router.Handler handler = download ? null : resolved.get().handlers().get(method);
        if (!download && handler == null) {
            return ModelAnswer.of(ApiResponse.error(405, request.method() + " not allowed on /api/models"
                    + request.path() + " (allowed: " + resolved.get().allow() + ")")
                    .withHeader("Allow", resolved.get().allow()));
        }
        boolean prediction = request.path().endsWith("/predict");
        Optional<ApiResponse> unauthorised = a.authorise(prediction ? "GET" : method, request.header("Authorization"));
        if (unauthorised.isPresent()) {
            return ModelAnswer.of(unauthorised.get());
        }
        try {
            return download ? models.checkpointRoute(request.path()).get()
                    : ModelAnswer.of(handler.handle(request, resolved.get().params()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, request.method() + " /api/models" + request.path() + " failed", e);
            return ModelAnswer.of(ApiResponse.error(500, "internal error: " + Api.describe(e)));
        }
    }

    @Override
    public void init(ServletConfig config) {
        this.servletConfig = config;
    }

    @Override
    public ServletConfig getServletConfig() {
        return servletConfig;
    }

    @Override
    public void service(ServletRequest req, ServletResponse res) throws ServletException, IOException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        boolean withBody = !"HEAD".equalsIgnoreCase(request.getMethod());
        ModelAnswer answer;
        try {
            answer = handle(new ApiRequest(request.getMethod().toUpperCase(Locale.ROOT),
                    request.getPathInfo() == null ? "/" : request.getPathInfo(), request.getQueryString(),
                    name -> Optional.ofNullable(request.getHeader(name)), request.getContentLengthLong(),
                    request.getInputStream()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "failed: " + request.getMethod() + " " + request.getRequestURI(), e);
            answer = ModelAnswer.of(ApiResponse.error(500, "internal error: " + Api.describe(e)));
        }
        response.setHeader("Cache-Control", "no-store");
        if (answer.json() == null) {
            response.setStatus(200);
            response.setContentType("application/octet-stream");
            response.setHeader("Content-Disposition", "attachment; filename=\"" + answer.fileName() + "\"");
            response.setHeader("X-Checksum-SHA256", answer.sha256());
            response.setContentLengthLong(Files.size(answer.file()));
            if (withBody) {
                try (OutputStream out = response.getOutputStream()) {
                    Files.copy(answer.file(), out);
                }
            }
            return;
        }
        ApiResponse json = answer.json();
        response.setStatus(json.status());
        json.headers().forEach(response::setHeader);
        if (json.body() == null) {
            response.setContentLength(0);
            return;
        }
        byte[] body = MAPPER.writeValueAsBytes(json.body());
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length + 1);
        if (withBody) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
                out.write('\n');
            }
        }
    }

    @Override
    public String getServletInfo() {
        return "Engram model registry API";
    }

    @Override
    public void destroy() {
    }
}
