package io.engram.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.PluginRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The REST API registered on the servlet whiteboard at {@code /api/*}; it adapts each servlet
 * request to the {@link Api} and writes its JSON answer.
 *
 * <p>Lifecycle: SCR builds it when the plugin registry, job manager and job specs services are
 * present, with configuration {@code io.engram.http} if there is one; the token is resolved then
 * (reading or writing {@code token.file}; with neither a token nor a file, a generated token lives in
 * memory only, so POST and DELETE are refused until one is configured), the access rules are fixed
 * (see {@link Access}), and warnings are logged when the server listens beyond loopback without TLS
 * or the token file is open to others. A configuration change builds a new instance. The
 * whiteboard calls {@link #init}, then {@link #service} from many threads at once, then
 * {@link #destroy}; all state is final and the services are thread-safe.
 *
 * <p>Event streams ({@code GET /api/jobs/{id}/stream}) run asynchronously: the request thread
 * returns at once and the job manager's delivery thread writes each event. One daemon thread writes
 * a comment to every open stream each {@value #HEARTBEAT_SECONDS} s, so that a client that went away
 * is noticed (the write fails) and its subscription closed. Deactivation and {@link #destroy} close
 * every open stream and stop that thread.
 */
@Component(service = Servlet.class, configurationPid = HttpApiConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HttpApiConfiguration.class)
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardServletName("engram-api")
@HttpWhiteboardServletAsyncSupported
public final class ApiServlet implements Servlet {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger("io.engram.http");
    private static final String FRAMEWORK_HOST = "org.apache.felix.http.host";

    /** Seconds between the comments written to open event streams. */
    static final int HEARTBEAT_SECONDS = 15;

    private final Api api;
    private final Set<JobStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "engram-http-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile ServletConfig servletConfig;

    @Activate
    public ApiServlet(@Reference PluginRegistry plugins, @Reference JobManager jobs, @Reference JobSpecs specs,
                      HttpApiConfiguration config, BundleContext context) throws IOException {
        this(plugins, jobs, specs, config, context.getProperty(FRAMEWORK_HOST));
    }

    /**
     * Builds the API and logs the start-up warnings.
     *
     * @param frameworkHost  the address the HTTP service binds to when {@code host} is not
     *                       configured (its framework property), or null
     */
    ApiServlet(PluginRegistry plugins, JobManager jobs, JobSpecs specs, HttpApiConfiguration config,
               String frameworkHost) throws IOException {
        String file = config.token_file().trim();
        Optional<Path> tokenFile = file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
        BearerToken token = BearerToken.resolve(config._token(), tokenFile, new SecureRandom());
        String host = !config.host().isBlank() ? config.host().trim()
                : frameworkHost != null && !frameworkHost.isBlank() ? frameworkHost.trim() : "0.0.0.0";
        Consumer<String> warn = m -> LOG.log(Level.WARNING, m);
        Access access = new Access(token, ReadAccess.parse(config.read_token(), warn).needsToken(host),
                HostCheck.of(host, list(config.allowed_hosts())), CorsPolicy.of(list(config.cors_origins()), warn));
        StartupWarnings.of(host, config.tls(), tokenFile).forEach(warn);
        this.api = new Api(plugins, jobs, specs, access, Math.max(0, config.max_body_bytes()));
        heartbeat.scheduleWithFixedDelay(() -> streams.forEach(JobStream::heartbeat),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** Closes the open event streams and stops the heartbeat. */
    @Deactivate
    void deactivate() {
        heartbeat.shutdownNow();
        streams.forEach(JobStream::close);
    }

    /** The number of event streams open now. */
    int openStreams() {
        return streams.size();
    }

    /** The entries of a list setting, each also split at commas. */
    static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).filter(Objects::nonNull)
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(v -> !v.isEmpty())
                .collect(Collectors.toList());
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
        ApiResponse answer;
        try {
            answer = api.handle(new ApiRequest(request.getMethod().toUpperCase(Locale.ROOT),
                    request.getPathInfo() == null ? "/" : request.getPathInfo(), request.getQueryString(),
                    name -> Optional.ofNullable(request.getHeader(name)), request.getContentLengthLong(),
                    request.getInputStream()));
        } catch (RuntimeException e) {
            log("failed: " + request.getMethod() + " " + request.getRequestURI(), e);
            answer = ApiResponse.error(500, "internal error: " + Api.describe(e));
        }
        write(answer, request, response, withBody);
    }

    private void write(ApiResponse answer, HttpServletRequest request, HttpServletResponse response,
                       boolean withBody) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        if (answer.other() instanceof ApiResponse.Events events) {
            stream(events.stream(), request, response, withBody);
            return;
        }
        if (answer.other() instanceof ApiResponse.Text text) {
            byte[] bytes = text.text().getBytes(StandardCharsets.UTF_8);
            response.setContentType(text.contentType());
            response.setContentLength(bytes.length);
            if (withBody) {
                try (OutputStream out = response.getOutputStream()) {
                    out.write(bytes);
                }
            }
            return;
        }
        if (answer.body() == null) {
            response.setContentLength(0);
            return;
        }
        byte[] body = MAPPER.writeValueAsBytes(answer.body());
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length + 1);
        if (withBody) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
                out.write('\n');
            }
        }
    }

    /**
     * Starts the response of an event stream and hands it to the job manager's delivery thread;
     * the request thread returns. A HEAD request gets the headers only.
     */
    private void stream(JobStream stream, HttpServletRequest request, HttpServletResponse response,
                        boolean withBody) throws IOException {
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader("X-Accel-Buffering", "no");
        if (!withBody) {
            response.flushBuffer();
            return;
        }
        OutputStream out = response.getOutputStream();
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                streams.remove(stream);
                stream.close();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                stream.close();
            }

            @Override
            public void onError(AsyncEvent event) {
                stream.close();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        streams.add(stream);
        stream.start(new JobStream.Sink() {
            @Override
            public void write(String text) throws IOException {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }

            @Override
            public void end() {
                streams.remove(stream);
                try {
                    async.complete();
                } catch (IllegalStateException ignored) {
                    // completed already, or the request is gone
                }
            }
        });
    }

    private void log(String message, Throwable t) {
        ServletConfig c = servletConfig;
        if (c != null) {
            c.getServletContext().log(message, t);
        }
    }

    @Override
    public String getServletInfo() {
        return "Engram REST API";
    }

    @Override
    public void destroy() {
        deactivate();
    }
}
