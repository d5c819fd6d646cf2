package io.engram.http.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The web dashboard at {@code /}: static files from this bundle's {@code dashboard/} folder (the
 * page, its script and style, and the uPlot chart library unpacked from its npm package at build
 * time), which call the REST API under {@code /api} from the browser. Nothing is loaded from
 * elsewhere at run time.
 *
 * <p>Every answer carries a Content-Security-Policy that allows scripts, styles and connections
 * from this origin only (no inline script or style, no framing), with {@code nosniff} and no
 * referrer. The {@code Host} header is checked as the API checks it (421). Only GET and HEAD are
 * answered (405 otherwise); a path that names no file, or that climbs with {@code ..}, gets 404.
 *
 * <p>Lifecycle: SCR builds it with configuration {@code io.engram.http} if there is one (the host
 * settings); a configuration change builds a new instance. Stateless after construction and
 * thread-safe.
 */
@Component(service = jakarta.servlet.Servlet.class, configurationPid = HttpApiConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardServletPattern("/*")
@HttpWhiteboardServletName("engram-dashboard")
public final class DashboardServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String FRAMEWORK_HOST = "org.apache.felix.http.host";
    private static final String ROOT = "dashboard";
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    /** The policy every answer carries. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "txt", "text/plain;charset=UTF-8");

    private final transient HostCheck hosts;
    private final transient ClassLoader files;

    @Activate
    public DashboardServlet(HttpApiConfiguration config, BundleContext context) {
        this(config, context.getProperty(FRAMEWORK_HOST));
    }

    DashboardServlet(HttpApiConfiguration config, String frameworkHost) {
        String host = !config.host().isBlank() ? config.host().trim()
                : frameworkHost != null && !frameworkHost.isBlank() ? frameworkHost.trim() : "0.0.0.0";
        this.hosts = HostCheck.of(host, ApiServlet.list(config.allowed_hosts()));
        this.files = DashboardServlet.class.getClassLoader();
    }

    /** The bundle resource a request path names, or empty when it names none. */
    Optional<URL> resource(String path) {
        String p = path == null || path.isEmpty() || path.equals("/") ? "/index.html" : path;
        if (!SAFE_PATH.matcher(p).matches() || p.contains("..") || p.lastIndexOf('.') < p.lastIndexOf('/')) {
            return Optional.empty();
        }
        return Optional.ofNullable(files.getResource(ROOT + p));
    }

    static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : path.substring(dot + 1), "application/octet-stream");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        Optional<ApiResponse> misdirected = hosts.check(Optional.ofNullable(request.getHeader("Host")));
        if (misdirected.isPresent()) {
            plain(response, 421, misdirected.get().body().path("error").asText());
            return;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            plain(response, 405, method + " not allowed here (allowed: GET, HEAD)");
            return;
        }
        String path = request.getPathInfo() == null ? request.getServletPath() : request.getPathInfo();
        Optional<URL> file = resource(path);
        if (file.isEmpty()) {
            plain(response, 404, "no such page: " + path);
            return;
        }
        byte[] bytes;
        try (InputStream in = file.get().openStream()) {
            bytes = in.readAllBytes();
        }
        response.setStatus(200);
        response.setContentType(contentType(file.get().getPath()));
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(bytes.length);
        if (method.equals("GET")) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(bytes);
            }
        }
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
