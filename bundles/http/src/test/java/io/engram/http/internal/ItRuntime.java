package io.engram.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An embedded Felix for the integration tests: SCR, ConfigAdmin, Jetty 12 with the servlet
 * whiteboard on 127.0.0.1 at a free port, the bundles that the build copied to
 * {@code target/it-bundles}, and this module's bundle; plus plain HTTP calls to it.
 *
 * <p>Only the framework's launch API is used from the test class path; every other class lives in
 * the installed bundles. The API is configured with a token file and no token, so the token is
 * generated when the API starts.
 */
final class ItRuntime implements AutoCloseable {
    static final long MAX_BODY = 1024;
    static final String KERNEL = "io.engram.kernel";
    private static final List<String> START_FIRST = List.of(
            "org.apache.aries.spifly.dynamic.bundle", "slf4j.api", "slf4j.simple");
    private static final long READY_WITHIN_NANOS = 90_000_000_000L;

    private final HttpClient client = HttpClient.newHttpClient();
    private final Framework framework;
    final Path work;
    final Path tokenFile;
    final int port;
    final String token;
    /** Whether {@link #get} sends the token. */
    final boolean readsNeedToken;

    /**
     * Boots the runtime in {@code target/it-work/<name>}.
     *
     * @param kernelActive  start the kernel bundle (its services); when false it only resolves, so
     *                      its API package is there for {@code extra} bundles
     * @param extra         more bundles to install and start before the API
     */
    static ItRuntime boot(String name, boolean kernelActive, List<Path> extra) throws Exception {
        return boot(name, kernelActive, extra, Map.of(), null);
    }

    /**
     * As {@link #boot(String, boolean, List)}, with more settings of the API and, when
     * {@code presetToken} is given, a token file holding it that group and others may read.
     */
    static ItRuntime boot(String name, boolean kernelActive, List<Path> extra, Map<String, Object> http,
                          String presetToken) throws Exception {
        Path work = Path.of(System.getProperty("engram.it.work"), name);
        deleteTree(work);
        Files.createDirectories(work);
        Path tokenFile = work.resolve("conf").resolve("token");
        if (presetToken != null) {
            Files.createDirectories(tokenFile.getParent());
            Files.writeString(tokenFile, presetToken + "\n");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        return new ItRuntime(work, tokenFile, kernelActive, extra, http);
    }

    private ItRuntime(Path work, Path tokenFile, boolean kernelActive, List<Path> extra, Map<String, Object> http)
            throws Exception {
        this.work = work;
        this.tokenFile = tokenFile;
        this.port = freePort();
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("org.osgi.service.http.port", Integer.toString(port));
        props.put("org.apache.felix.http.host", "127.0.0.1");
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.start();
        BundleContext ctx = framework.getBundleContext();

        List<Bundle> runtime = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("engram.it.bundles")))) {
            for (Path jar : jars.sorted().collect(Collectors.toList())) {
                runtime.add(ctx.installBundle(jar.toUri().toString()));
            }
        }
        runtime.sort(Comparator.comparingInt(b -> {
            int i = START_FIRST.indexOf(b.getSymbolicName());
            return i < 0 ? START_FIRST.size() : i;
        }));
        for (Bundle b : runtime) {
            if (!KERNEL.equals(b.getSymbolicName())) {
                b.start();
            }
        }
        configure(ctx, "io.engram.kernel", Map.of("data.dir", work.resolve("jobs").toString(), "jobs.concurrency", 1));
        configure(ctx, "io.engram.kernel.files", Map.of("dir", work.resolve("jobs").toString()));
        Map<String, Object> httpConfig = new HashMap<>(Map.of("token.file", tokenFile.toString(),
                "max.body.bytes", MAX_BODY, "host", "127.0.0.1"));
        httpConfig.putAll(http);
        configure(ctx, "io.engram.http", httpConfig);
        this.readsNeedToken = "always".equals(http.get("read.token")) || "0.0.0.0".equals(http.get("host"));
        Bundle kernel = runtime.stream().filter(b -> KERNEL.equals(b.getSymbolicName())).findFirst().orElseThrow();
        if (kernelActive) {
            kernel.start();
        } else if (!framework.adapt(org.osgi.framework.wiring.FrameworkWiring.class).resolveBundles(List.of(kernel))) {
            throw new BundleException("kernel bundle does not resolve: " + describe(ctx));
        }
        for (Path jar : extra) {
            ctx.installBundle(jar.toUri().toString()).start();
        }
        ctx.installBundle(Path.of(System.getProperty("engram.it.bundle")).toUri().toString()).start();
        this.token = awaitReady(ctx);
    }

    /**
     * Polls until the API answers (200, or 401 where reading needs the token) and the token file is
     * written; a bound, not a timing assertion.
     */
    private String awaitReady(BundleContext ctx) throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN_NANOS;
        int status = -1;
        while (System.nanoTime() < deadline) {
            try {
                status = send("GET", "/api/plugins", null, Map.of()).statusCode();
            } catch (IOException e) {
                status = -1;
            }
            if ((status == 200 || status == 401 && readsNeedToken) && Files.exists(tokenFile)) {
                return Files.readString(tokenFile).trim();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("GET /api/plugins answered " + status + "; bundles: " + describe(ctx));
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
    }

    Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    /** A GET, with the token when the runtime needs it for reading. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, readsNeedToken ? Map.of("Authorization", "Bearer " + token) : Map.of());
    }

    HttpResponse<String> post(String body, String contentType) throws IOException, InterruptedException {
        return send("POST", "/api/jobs", body, Map.of("Authorization", "Bearer " + token, "Content-Type", contentType));
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the head and body on a fresh connection; returns the answer up to the end of its JSON. */
    String rawExchange(String head, String body) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    answer.write(buf, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("}\n")) {
                        break;
                    }
                }
            } catch (IOException e) {
                if (answer.size() == 0) {
                    throw e;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * A bundle made from compiled test classes of this package whose simple names start with
     * {@code prefix}.
     */
    static Path testBundle(Path work, String symbolicName, String activator, String imports, String prefix)
            throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        a.putValue(Constants.BUNDLE_VERSION, "0.0.1");
        a.putValue(Constants.BUNDLE_ACTIVATOR, activator);
        a.putValue(Constants.IMPORT_PACKAGE, imports);
        Path dir = Path.of(System.getProperty("engram.it.testClasses"), "io", "engram", "http", "internal");
        Files.createDirectories(work);
        Path jar = work.resolve(symbolicName + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
             Stream<Path> classes = Files.list(dir)) {
            for (Path c : classes.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted()
                    .collect(Collectors.toList())) {
                out.putNextEntry(new JarEntry("io/engram/http/internal/" + c.getFileName()));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Puts a configuration through ConfigAdmin, using the framework's copy of its API. */
    private static void configure(BundleContext ctx, String pid, Map<String, Object> values) throws Exception {
        ServiceReference<?> ref = ctx.getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        Object admin = ctx.getService(ref);
        Class<?> adminType = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> configType = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
        Object config = adminType.getMethod("getConfiguration", String.class, String.class).invoke(admin, pid, "?");
        Dictionary<String, Object> dict = new Hashtable<>(values);
        configType.getMethod("update", Dictionary.class).invoke(config, dict);
    }

    private static String describe(BundleContext ctx) {
        return Stream.of(ctx.getBundles()).map(b -> b.getSymbolicName() + "=" + b.getState())
                .collect(Collectors.joining(", "));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
