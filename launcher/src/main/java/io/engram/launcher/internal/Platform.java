package io.engram.launcher.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;

/**
 * One running Felix framework with the installation's bundles.
 *
 * <p>Lifecycle: {@link #boot} creates the framework with a fresh storage folder under
 * {@code cache/}, installs every jar of {@code system/} then {@code plugins/}, starts logging,
 * ConfigAdmin and MetaType, hands the settings to ConfigAdmin (PIDs {@value #KERNEL_PID} and
 * {@value #HTTP_PID}, and each plugin's PID after checking its settings against the plugin's
 * metatype), starts every other bundle, waits (bounded) for FileInstall to pick up the jars already
 * in {@code deploy/}, checks the plugin settings no bundle had described before, and starts the Gogo
 * shell last. Bad plugin settings are collected in {@link #settingProblems()}; when booted strict,
 * the first ones found stop the boot before the other bundles start. {@link #close} stops the
 * framework and removes its storage. One thread boots and closes; the lookups may be called from any
 * thread.
 */
public final class Platform implements AutoCloseable {

    public static final String KERNEL_PID = "io.engram.kernel";
    /** Configuration PID of the run store. */
    public static final String STORE_PID = "io.engram.runstore";
    public static final String HTTP_PID = "io.engram.http";

    static final Duration STOP_WAIT = Duration.ofSeconds(30);
    static final Duration DEPLOY_WAIT = Duration.ofSeconds(20);

    /** Started before every other bundle, in this order (Jetty needs logging up first). */
    static final List<String> FIRST = List.of("org.apache.aries.spifly.dynamic.bundle", "slf4j.api", "slf4j.simple",
            "org.osgi.service.log", "org.apache.felix.configadmin", "org.apache.felix.metatype");
    /** The MetaType API, shared by the system bundle with the launcher like ConfigAdmin's. */
    static final String SYSTEM_PACKAGES = "org.osgi.service.cm;version=\"1.6.1\",org.osgi.service.metatype;version=\"1.4.0\"";
    /** Felix installs a bundle from its jar in place, rather than copying the jar into its cache on every boot. */
    static final String REFERENCE = "reference:";
    /**
     * Bundles only {@code serve} starts: the HTTP runtime and the REST API, which the other modes
     * disable anyway ({@code org.apache.felix.http.enable=false}), so starting them only costs time.
     */
    static final java.util.Set<String> SERVING = java.util.Set.of("org.apache.felix.http.jetty12", "io.engram.http");
    /** Started last: with it the console begins to read commands. */
    static final String SHELL = "org.apache.felix.gogo.shell";

    /** What a mode needs from the runtime. */
    public enum Mode {
        /** A command that runs and exits: no listening socket, no console. */
        COMMAND,
        /** {@code engram serve}: the REST API listens. */
        SERVE,
        /** {@code engram shell}: the Gogo console reads stdin and stops the framework when it ends. */
        SHELL
    }

    private final Framework framework;
    private final Path storage;
    private final List<String> failures;
    private final List<String> settingProblems = new ArrayList<>();
    /** Symbolic names of the bundles this mode leaves resolved but not started ({@link #SERVING}, the console). */
    private final java.util.Set<String> idle = new java.util.HashSet<>();

    private Platform(Framework framework, Path storage, List<String> failures) {
        this.framework = framework;
        this.storage = storage;
        this.failures = failures;
    }

    /** The framework properties for a mode, before storage is chosen. */
    static Map<String, String> properties(Home home, Settings s, Mode mode) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES);
        p.put("felix.log.level", "1");
        p.put("felix.fileinstall.dir", s.deployDir().toString());
        p.put("felix.fileinstall.poll", Long.toString(s.pollMs()));
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.filter", ".*\\.jar");
        p.put("felix.fileinstall.log.level", "2");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("org.apache.felix.http.host", s.host());
        boolean serve = mode == Mode.SERVE;
        if (s.web().tls().isPresent()) {
            Settings.Tls tls = s.web().tls().get();
            p.put("org.apache.felix.http.enable", "false");
            p.put("org.apache.felix.https.enable", Boolean.toString(serve));
            p.put("org.osgi.service.http.port.secure", Integer.toString(s.port()));
            p.put("org.apache.felix.https.keystore", tls.keystore().toString());
            p.put("org.apache.felix.https.keystore.password", tls.password());
            p.put("org.apache.felix.https.keystore.key.password", tls.password());
            String name = tls.keystore().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            p.put("org.apache.felix.https.keystore.type", name.endsWith(".p12") || name.endsWith(".pfx") ? "PKCS12" : "JKS");
        } else {
            p.put("org.osgi.service.http.port", Integer.toString(s.port()));
            p.put("org.apache.felix.http.enable", Boolean.toString(serve));
            p.put("org.apache.felix.https.enable", "false");
        }
        p.put("gosh.args", mode == Mode.SHELL ? "" : "--nointeractive --noshutdown");
        p.put("gosh.home", home.root().toString());
        return p;
    }

    /**
     * Boots the runtime. Bundles that fail to install or start are listed in {@link #failures()};
     * the rest runs without them.
     */
    public static Platform boot(Home home, Settings s, Mode mode) throws IOException, BundleException {
        return boot(home, s, mode, true);
    }

    /**
     * Boots the runtime: every bundle is installed, but the HTTP runtime and the REST API are started
     * only to serve ({@link #SERVING}) and the Gogo console only for the shell. With {@code strict},
     * plugin settings that the installed bundles' metatype
     * rejects stop the boot before the bundles that read them start (see {@link #settingProblems()}).
     */
    public static Platform boot(Home home, Settings s, Mode mode, boolean strict) throws IOException, BundleException {
        quietLogging();
        Files.createDirectories(s.deployDir());
        Path storage = freshStorage(home.cache());
        Map<String, String> props = properties(home, s, mode);
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put("felix.fileinstall.tmpdir", storage.resolve("fileinstall").toString());
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, Platform.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(props);
        framework.init();
        List<String> failures = new ArrayList<>();
        Platform platform = new Platform(framework, storage, failures);
        try {
            platform.start(home, s, strict, mode);
        } catch (IOException | BundleException | RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    private void start(Home home, Settings s, boolean strict, Mode mode) throws IOException, BundleException {
        boolean shell = mode == Mode.SHELL;
        boolean serve = mode == Mode.SERVE;
        if (!serve) {
            idle.addAll(SERVING);
        }
        if (!shell) {
            idle.add(SHELL);
        }
        BootTrace trace = BootTrace.fromSystem();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars(home.system(), home.plugins())) {
            try {
                installed.add(context.installBundle(REFERENCE + jar.toUri()));
            } catch (BundleException e) {
                failures.add(jar.getFileName() + ": cannot install: " + e.getMessage());
            }
        }
        trace.mark("install " + installed.size() + " bundles");
        framework.start();
        framework.adapt(FrameworkWiring.class).resolveBundles(installed);
        trace.mark("resolve");
        for (String name : FIRST) {
            installed.stream().filter(b -> name.equals(b.getSymbolicName())).forEach(this::startQuietly);
        }
        List<PluginSetting> pending = configure(context, s, home);
        trace.mark("start logging, ConfigAdmin, MetaType; configure");
        if (strict && !settingProblems.isEmpty()) {
            return;
        }
        installed.stream().filter(b -> !SHELL.equals(b.getSymbolicName()) && (serve || !SERVING.contains(b.getSymbolicName())))
                .forEach(b -> {
                    startQuietly(b);
                    trace.mark("start " + b.getSymbolicName());
                });
        awaitDeployed(context, s.deployDir());
        if (!pending.isEmpty()) {
            configurePlugins(context, pending, true);
        }
        if (shell) {
            installed.stream().filter(b -> SHELL.equals(b.getSymbolicName())).forEach(this::startQuietly);
        }
        trace.mark("deploy/, shell");
    }

    private void startQuietly(Bundle b) {
        if (isFragment(b) || b.getState() == Bundle.ACTIVE) {
            return;
        }
        try {
            b.start();
        } catch (BundleException | RuntimeException e) {
            failures.add(b.getSymbolicName() + " " + b.getVersion() + ": " + e.getMessage());
        }
    }

    static boolean isFragment(Bundle b) {
        return b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /**
     * Hands the settings to ConfigAdmin before the components that read them start; returns the
     * plugin settings whose PID no installed bundle describes yet.
     */
    private List<PluginSetting> configure(BundleContext context, Settings s, Home home) throws IOException {
        try (Tracked<ConfigurationAdmin> cm = Tracked.open(context, ConfigurationAdmin.class)) {
            if (cm.service().isEmpty()) {
                failures.add("org.apache.felix.configadmin: ConfigurationAdmin did not appear; the kernel and the REST API run on their defaults");
                return List.of();
            }
            update(cm.service().get(), KERNEL_PID, s.kernelProperties(home.root()));
            update(cm.service().get(), HTTP_PID, s.httpProperties(home.tokenFile()));
            update(cm.service().get(), STORE_PID, s.storeProperties());
        }
        return configurePlugins(context, s.plugins(), false);
    }

    /**
     * Checks plugin settings against the bundles' metatype and hands those that pass to
     * ConfigAdmin (a strict boot stops before the plugins start when any failed); with {@code last}, settings that no bundle describes are problems too. Returns
     * the settings left pending.
     */
    private List<PluginSetting> configurePlugins(BundleContext context, List<PluginSetting> settings, boolean last)
            throws IOException {
        if (settings.isEmpty()) {
            return List.of();
        }
        try (Tracked<MetaTypeService> metatype = Tracked.open(context, MetaTypeService.class);
             Tracked<ConfigurationAdmin> cm = Tracked.open(context, ConfigurationAdmin.class)) {
            if (metatype.service().isEmpty() || cm.service().isEmpty()) {
                settingProblems.add("plugin settings cannot be checked or passed on: the MetaType or ConfigAdmin service "
                        + "did not appear (bundles org.apache.felix.metatype: " + bundleState("org.apache.felix.metatype")
                        + ", org.apache.felix.configadmin: " + bundleState("org.apache.felix.configadmin") + ")");
                return List.of();
            }
            Map<String, ObjectClassDefinition> ocds = PluginSettings.definitions(metatype.service().get(), context.getBundles());
            PluginSettings.Result result = PluginSettings.check(settings, ocds);
            settingProblems.addAll(result.problems());
            if (last) {
                settingProblems.addAll(PluginSettings.unknown(result.pending(), ocds));
            }
            for (Map.Entry<String, Map<String, Object>> e : result.values().entrySet()) {
                update(cm.service().get(), e.getKey(), e.getValue());
            }
            return last ? List.of() : result.pending();
        }
    }

    private static void update(ConfigurationAdmin cm, String pid, Map<String, Object> values) throws IOException {
        Configuration c = cm.getConfiguration(pid, "?");
        c.update(new Hashtable<>(values));
    }

    /** Waits until FileInstall has started every jar already in {@code deploy/} (bounded). */
    private void awaitDeployed(BundleContext context, Path deploy) throws IOException {
        List<String> expected;
        try (Stream<Path> files = Files.list(deploy)) {
            expected = files.filter(f -> f.getFileName().toString().endsWith(".jar")).map(f -> f.getFileName().toString()).toList();
        }
        if (expected.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + DEPLOY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            long ready = expected.stream().filter(name -> deployed(context, name)).count();
            if (ready == expected.size()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        expected.stream().filter(name -> !deployed(context, name))
                .forEach(name -> failures.add("deploy/" + name + ": not started by FileInstall within " + DEPLOY_WAIT.toSeconds() + " s"));
    }

    private static boolean deployed(BundleContext context, String fileName) {
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            if (location.endsWith("/" + fileName) && (b.getState() == Bundle.ACTIVE || isFragment(b))) {
                return true;
            }
        }
        return false;
    }

    /** Library loggers that would chat on the console: warnings and errors only. */
    private static final java.util.logging.Logger SPIFLY_LOG = java.util.logging.Logger.getLogger("org.apache.aries.spifly");

    static void quietLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.felix.http",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.felix.http", "error"));
        SPIFLY_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** Jars of each folder, sorted by name; folders that do not exist are skipped. */
    static List<Path> jars(Path... folders) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.jar")) {
                List<Path> here = new ArrayList<>();
                ds.forEach(here::add);
                here.sort(Comparator.comparing(p -> p.getFileName().toString()));
                jars.addAll(here);
            }
        }
        return jars;
    }

    /**
     * A new storage folder {@code cache/felix-PID}; folders of processes that no longer run are
     * removed first.
     */
    static Path freshStorage(Path cache) throws IOException {
        Files.createDirectories(cache);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(cache, "felix-*")) {
            for (Path old : ds) {
                String pid = old.getFileName().toString().substring("felix-".length());
                boolean alive = pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    deleteTree(old);
                }
            }
        }
        Path storage = cache.resolve("felix-" + ProcessHandle.current().pid());
        deleteTree(storage);
        return storage;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Plugin settings that the plugins' metatype rejected or that no installed plugin reads, one
     * line each naming the key and its source.
     */
    public List<String> settingProblems() {
        return List.copyOf(settingProblems);
    }

    /**
     * Components that failed to activate and would have registered one of the services, as
     * {@code the component NAME (bundle BSN) failed to activate: REASON}; empty when none.
     */
    public List<String> componentFailures(java.util.Collection<String> services) {
        return ComponentFailures.of(context()).stream()
                .filter(f -> f.services().stream().anyMatch(services::contains))
                .map(ComponentFailures.Failure::describe).toList();
    }

    /** Bundles that failed to install or start, and why; one entry each. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * Every bundle that is neither active nor a resolved fragment nor a resolved bundle this mode
     * leaves unstarted (the HTTP runtime and the REST API outside {@code serve}, the console outside
     * {@code shell}), as {@code name version: STATE}.
     */
    public List<String> notActive() {
        List<String> out = new ArrayList<>();
        for (Bundle b : context().getBundles()) {
            boolean ok = isFragment(b) || idle.contains(b.getSymbolicName()) ? b.getState() == Bundle.RESOLVED
                    : b.getState() == Bundle.ACTIVE;
            if (!ok) {
                out.add(b.getSymbolicName() + " " + b.getVersion() + ": " + state(b.getState()));
            }
        }
        return out;
    }

    /** The state of the bundle with that symbolic name, highest version first, or "not installed". */
    public String bundleState(String symbolicName) {
        Bundle best = null;
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && (best == null || b.getVersion().compareTo(best.getVersion()) > 0)) {
                best = b;
            }
        }
        return best == null ? "not installed" : state(best.getState());
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED (unresolved)";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "state " + state;
        };
    }

    /** Waits up to {@code timeout} for a service matching the filter; the service object, or empty. */
    public Optional<Object> await(String filter, Duration timeout) {
        return await(filter, timeout, () -> false);
    }

    /**
     * Waits up to {@code timeout} for a service matching the filter, giving up early once
     * {@code hopeless} says the service cannot come (asked every 100 ms); the service object, or empty.
     */
    public Optional<Object> await(String filter, Duration timeout, java.util.function.BooleanSupplier hopeless) {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context(), FrameworkUtil.createFilter(filter), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
        tracker.open(true);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000));
                Object service = tracker.waitForService(left);
                if (service != null || System.nanoTime() >= deadline || hopeless.getAsBoolean()) {
                    return Optional.ofNullable(service);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            tracker.close();
        }
    }

    /** The properties of the first service matching the filter right now. */
    public Optional<Map<String, Object>> properties(String filter) {
        try {
            ServiceReference<?>[] refs = context().getAllServiceReferences(null, filter);
            if (refs == null || refs.length == 0) {
                return Optional.empty();
            }
            Map<String, Object> props = new HashMap<>();
            for (String key : refs[0].getPropertyKeys()) {
                props.put(key, refs[0].getProperty(key));
            }
            return Optional.of(props);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
    }

    /** Blocks until the framework stops (the shell's {@code exit}, or {@link #close}). */
    public void waitForStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Prints the failures, one per line, prefixed {@code engram: }. */
    public void reportFailures(PrintStream err) {
        failures.forEach(f -> err.println("engram: bundle " + f));
    }

    @Override
    public void close() {
        try {
            if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
                framework.stop();
                framework.waitForStop(STOP_WAIT.toMillis());
            }
        } catch (BundleException e) {
            throw new IllegalStateException("stopping the framework", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                deleteTree(storage);
            } catch (IOException e) {
                System.err.println("engram: could not remove " + storage + ": " + e.getMessage());
            }
        }
    }
}
