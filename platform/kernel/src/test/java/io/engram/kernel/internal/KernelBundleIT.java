package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.Application;
import io.engram.api.BundleRef;
import io.engram.api.CheckpointMetadata;
import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.engram.api.Trainer;
import io.engram.kernel.JobInfo;
import io.engram.kernel.JobManager;
import io.engram.kernel.JobSpecs;
import io.engram.kernel.JobState;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import io.engram.kernel.Predictor;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import io.engram.train.CheckpointFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots Felix with SCR, ConfigAdmin and the built kernel bundle; the fake plugins are registered by
 * the test through the system bundle, whose class space the kernel shares for the API packages.
 */
class KernelBundleIT {

    private static final List<String> RUNTIME = List.of("org.osgi.util.function-", "org.osgi.util.promise-",
            "org.osgi.service.component-", "org.apache.felix.scr-", "org.apache.felix.configadmin-",
            "commons-io-", "commons-lang3-", "commons-text-", "commons-logging-", "snakeyaml-", "jackson-annotations-",
            "jackson-core-", "jackson-databind-", "commons-configuration2-", "io.engram.autodiff-", "io.engram.train-",
            "io.engram.layers-");

    @TempDir
    Path tmp;

    /** The version this module's package-info gives io.engram.kernel, which the system bundle exports here. */
    private static String kernelPackageVersion() throws java.io.IOException {
        String info = Files.readString(Paths.get("src/main/java/io/engram/kernel/package-info.java"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("@Version\\(\"([0-9.]+)\"\\)").matcher(info);
        if (!m.find()) {
            throw new AssertionError("no @Version in io.engram.kernel's package-info");
        }
        return m.group(1);
    }

    private Framework boot(boolean clean) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, tmp.resolve("felix").toString());
        if (clean) {
            props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",",
                "io.engram.tensor;version=0.2.0", "io.engram.api;version=0.2.0", "io.engram.kernel;version=" + kernelPackageVersion(),
                "io.vavr;version=0.10.7", "io.vavr.collection;version=0.10.7", "io.vavr.control;version=0.10.7",
                "org.osgi.service.cm;version=1.6.1"));
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        if (clean) {
            List<String> classpath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
            for (String prefix : RUNTIME) {
                String jar = classpath.stream().filter(p -> Paths.get(p).getFileName().toString().startsWith(prefix)
                        && p.endsWith(".jar")).findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " jar"));
                bundles.add(ctx.installBundle(Paths.get(jar).toUri().toString()));
            }
            try (Stream<Path> target = Files.list(Paths.get("target"))) {
                Path kernel = target.filter(p -> p.getFileName().toString().matches("io\\.engram\\.kernel-.*\\.jar"))
                        .findFirst().orElseThrow();
                bundles.add(ctx.installBundle(kernel.toUri().toString()));
            }
        } else {
            bundles.addAll(List.of(ctx.getBundles()));
            bundles.remove(0);
        }
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && !b.getSymbolicName().equals("io.engram.kernel")) {
                b.start();
            }
        }
        if (clean) {
            Configuration config = service(ctx, ConfigurationAdmin.class).getConfiguration("io.engram.kernel", "?");
            Dictionary<String, Object> values = new Hashtable<>();
            values.put("data.dir", tmp.resolve("data/jobs").toString());
            values.put("jobs.concurrency", 2);
            config.update(values);
            Configuration files = service(ctx, ConfigurationAdmin.class).getConfiguration("io.engram.kernel.files", "?");
            Dictionary<String, Object> store = new Hashtable<>();
            store.put("dir", tmp.resolve("data/jobs").toString());
            files.update(store);
        }
        for (Bundle b : ctx.getBundles()) {
            if (b.getSymbolicName().equals("io.engram.kernel")) {
                b.start();
            }
        }
        return framework;
    }

    /** The service of {@code type}, waiting for SCR to register it; the framework delivers it by event. */
    private static <T> T service(BundleContext ctx, Class<T> type) throws InterruptedException {
        CompletableFuture<T> found = new CompletableFuture<>();
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                found.complete(type.cast(ctx.getService(event.getServiceReference())));
            }
        };
        try {
            ctx.addServiceListener(listener, "(objectClass=" + type.getName() + ")");
            ServiceReference<T> ref = ctx.getServiceReference(type);
            if (ref != null) {
                found.complete(ctx.getService(ref));
            }
            return found.get(60, TimeUnit.SECONDS);
        } catch (InvalidSyntaxException | ExecutionException
                 | TimeoutException e) {
            throw new AssertionError("no " + type.getSimpleName() + " service", e);
        } finally {
            ctx.removeServiceListener(listener);
        }
    }

    private static <T> ServiceRegistration<T> register(BundleContext ctx, Class<T> type, T service, String idKey,
                                                      String id, String caps) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(idKey, id);
        if (caps != null) {
            props.put(PluginProperties.CAPABILITIES, caps);
        }
        return ctx.registerService(type, service, props);
    }

    @Test
    void theKernelRunsJobsInTheFrameworkAndKeepsThemAcrossARestart() throws Exception {
        Framework framework = boot(true);
        String id;
        Path checkpoint = tmp.resolve("data/models/toy.ckpt");
        try {
            BundleContext ctx = framework.getBundleContext();
            ServiceRegistration<NetworkFamily> family = register(ctx, NetworkFamily.class,
                    new Fakes.ToyFamily("1.0.0"), PluginProperties.FAMILY, "toy", "differentiable");
            register(ctx, Trainer.class, new Fakes.ToyTrainer(), PluginProperties.TRAINER, "toy", "differentiable");
            register(ctx, Application.class, new Fakes.ToyApplication(), PluginProperties.APPLICATION, "toy", null);
            register(ctx, Backend.class, new Fakes.ToyBackend("cpu", Availability.yes()), PluginProperties.BACKEND,
                    "cpu", null);
            register(ctx, io.engram.api.Loss.class, io.engram.train.Losses.of("softmax-ce"), PluginProperties.LOSS,
                    "softmax-ce", null);

            PluginRegistry registry = service(ctx, PluginRegistry.class);
            assertEquals(List.of("family toy", "trainer toy", "application toy", "backend cpu", "loss softmax-ce"),
                    registry.plugins()
                    .stream().map(p -> p.kind().label() + " " + p.id()).collect(Collectors.toList()));
            PluginInfo toy = registry.find(PluginKind.FAMILY, "toy", "[7,8)").orElse(null);
            assertEquals(framework.getVersion().toString(), toy.version());

            JobSpecs specs = service(ctx, JobSpecs.class);
            Map<String, String> spec = specs.parse("job:\n  name: in-framework\nseed: 5\ndtype: f64\n"
                    + "model:\n  family: toy\ntrainer: toy\ntrainer.epochs: 2\n"
                    + "data:\n  app: toy\n  loss: softmax-ce\ncheckpoint: toy.ckpt\n", "yaml", "it.yaml").get();
            assertEquals("in-framework", spec.get("job.name"));
            assertTrue(specs.validate(spec).isValid(), () -> specs.validate(spec).getError().mkString("; "));
            assertEquals("it.json:1", specs.parse("{\"seed\": }", "json", "it.json").getError().head().where());

            JobManager jobs = service(ctx, JobManager.class);
            id = jobs.submit(spec).get().id();
            JobInfo done = jobs.await(id, Duration.ofSeconds(20)).get();
            assertEquals(JobState.SUCCEEDED, done.state(), done.error());
            assertEquals(checkpoint.toString(), done.checkpoint());

            CheckpointMetadata meta = CheckpointFile.readMetadata(checkpoint).get();
            List<String> bundles = meta.provenance().bundles().stream().map(BundleRef::symbolicName)
                    .collect(Collectors.toList());
            assertTrue(bundles.containsAll(List.of("io.engram.kernel", "io.engram.train")), bundles.toString());
            assertEquals(5L, meta.provenance().seed());

            Predictor predictor = service(ctx, Predictor.class);
            double[] y = predictor.predict(checkpoint, List.<double[][]>of(new double[][] {{0, 0}})).get().get(0)[0];
            assertArrayEquals(new double[] {0.5, 0.5}, y, 1e-12);

            family.unregister();
            assertEquals(List.of("model.family: no family 'toy' is installed (none installed)"),
                    jobs.submit(spec).getError().map(Problem::toString).toJavaList());
        } finally {
            framework.stop();
            framework.waitForStop(20_000);
        }

        Framework again = boot(false);
        try {
            JobManager jobs = service(again.getBundleContext(), JobManager.class);
            JobInfo reloaded = jobs.job(id).orElseThrow();
            assertEquals(JobState.SUCCEEDED, reloaded.state());
            assertEquals("in-framework", reloaded.name());
            assertEquals(List.of(id), jobs.jobs().stream().map(JobInfo::id).collect(Collectors.toList()));
        } finally {
            again.stop();
            again.waitForStop(20_000);
        }
    }
}
