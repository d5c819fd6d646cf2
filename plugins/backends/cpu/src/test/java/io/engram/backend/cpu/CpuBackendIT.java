package io.engram.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.tensor.Backend;
import io.engram.tensor.DType;
import io.engram.tensor.Ops;
import io.engram.tensor.Shape;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots Felix with SCR and ConfigAdmin around the built bundle: the backend registers as
 * {@code engram.backend=cpu} with one thread per core, and the {@code threads} setting under PID
 * {@code io.engram.backend.cpu} re-creates it with that many. With the bundle
 * {@code io.engram.openblas} installed, its OpenBLAS computes the f32 products and
 * {@code describe()} names it; {@code blas=system} then makes the backend unavailable with the reason. The tensor API comes from the class
 * path through the system bundle, so the test and the bundle share its types.
 */
class CpuBackendIT {

    private static String jarOnClassPath(String artifact) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith(artifact + "-") && name.endsWith(".jar")) {
                return Path.of(entry).toUri().toString();
            }
        }
        throw new IllegalStateException(artifact + " is not on the test class path");
    }

    /** The tensor package as the tensor jar on the class path exports it, version included. */
    private static String exportedTensorPackage() throws IOException {
        Path jar = Path.of(java.net.URI.create(jarOnClassPath("io.engram.tensor")));
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            String exports = file.getManifest().getMainAttributes().getValue("Export-Package");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("io\\.engram\\.tensor;version=\"([^\"]+)\"")
                    .matcher(exports);
            if (!m.find()) {
                throw new IllegalStateException("the tensor jar exports no io.engram.tensor: " + exports);
            }
            return "io.engram.tensor;version=" + m.group(1);
        }
    }

    private static String builtBundle() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "io.engram.backend.cpu-*.jar")) {
            for (Path jar : jars) {
                return jar.toUri().toString();
            }
        }
        throw new IllegalStateException("target/io.engram.backend.cpu-*.jar not built");
    }

    @Test
    void registersTheBackendAndAppliesItsThreadSetting(@TempDir Path storage) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, exportedTensorPackage());
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String location : List.of(jarOnClassPath("org.osgi.util.function"),
                    jarOnClassPath("org.osgi.util.promise"), jarOnClassPath("org.osgi.service.component"),
                    jarOnClassPath("org.apache.felix.configadmin"),
                    jarOnClassPath("org.apache.felix.scr"), jarOnClassPath("io.engram.openblas"), builtBundle())) {
                bundles.add(context.installBundle(location));
            }
            for (Bundle b : bundles) {
                b.start();
            }
            ServiceTracker<Backend, Backend> tracker = new ServiceTracker<>(context,
                    context.createFilter("(&(objectClass=io.engram.tensor.Backend)(engram.backend=cpu))"), null);
            tracker.open();
            Backend backend = tracker.waitForService(10_000);
            assertNotNull(backend, "no engram.backend=cpu service");
            assertEquals("cpu", backend.id());
            assertTrue(backend.availability().available());
            Ops ops = backend.ops();
            assertEquals(6.0, ops.sumAll(ops.full(DType.F64, Shape.of(2, 3), 1.0)).item());
            assertEquals("CpuBackend[threads=" + Runtime.getRuntime().availableProcessors() + "]", backend.toString());
            float[] product = ops.matmul(ops.full(DType.F32, Shape.of(64, 64), 0.5),
                    ops.full(DType.F32, Shape.of(64, 64), 2.0)).toFloatArray();
            assertEquals(64.0f, product[64 * 64 - 1]);
            String gemm = (String) backend.getClass().getMethod("gemm").invoke(backend);
            // JavaCPP extracts the bundled OpenBLAS from the bundle io.engram.openblas inside the framework
            assertTrue(gemm.startsWith("f32: OpenBLAS 0.3.31 via JNI"), gemm);
            Map<String, String> described = backend.describe();
            assertEquals("OpenBLAS 0.3.31 (bundled, org.bytedeco:openblas 0.3.31-1.5.13)", described.get("blas.library"));
            assertEquals("bundled", described.get("blas.source"));
            assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), described.get("threads"));
            float[] big = ops.matmul(ops.full(DType.F32, Shape.of(96, 128), 0.25),
                    ops.full(DType.F32, Shape.of(128, 80), 2.0)).toFloatArray();
            assertEquals(64.0f, big[96 * 80 - 1]);

            // ConfigAdmin's API lives in its own bundle's class space: track it regardless, call it reflectively
            ServiceTracker<Object, Object> adminTracker = new ServiceTracker<>(context,
                    "org.osgi.service.cm.ConfigurationAdmin", null);
            adminTracker.open(true);
            assertNotNull(adminTracker.waitForService(10_000), "ConfigurationAdmin is running");
            ServiceReference<?> caRef = adminTracker.getServiceReference();
            Object admin = context.getService(caRef);
            Class<?> adminType = caRef.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
            Class<?> configurationType = caRef.getBundle().loadClass("org.osgi.service.cm.Configuration");
            Object configuration = adminType.getMethod("getConfiguration", String.class, String.class)
                    .invoke(admin, "io.engram.backend.cpu", null);
            Dictionary<String, Object> settings = new Hashtable<>();
            settings.put("threads", 3);
            configurationType.getMethod("update", Dictionary.class).invoke(configuration, settings);

            String reconfigured = "";
            for (int attempt = 0; attempt < 500 && !reconfigured.equals("CpuBackend[threads=3]"); attempt++) {
                Backend current = tracker.getService();
                reconfigured = current == null ? "" : current.toString();
                if (!reconfigured.equals("CpuBackend[threads=3]")) {
                    Thread.sleep(20);
                }
            }
            assertEquals("CpuBackend[threads=3]", reconfigured);

            // the process has bound the bundled library: a configured system BLAS is unavailable, the field named
            settings.put("blas", "system");
            configurationType.getMethod("update", Dictionary.class).invoke(configuration, settings);
            String reason = "";
            for (int attempt = 0; attempt < 500 && !reason.startsWith("blas=system"); attempt++) {
                Backend current = tracker.getService();
                reason = current == null || current.availability().available() ? "" : current.availability().reason();
                if (!reason.startsWith("blas=system")) {
                    Thread.sleep(20);
                }
            }
            assertEquals("blas=system but no native BLAS loaded (system: this process already uses OpenBLAS 0.3.31 "
                    + "(bundled, org.bytedeco:openblas 0.3.31-1.5.13) (one native BLAS per process; restart to switch))",
                    reason);
            tracker.close();
            adminTracker.close();
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }
}
