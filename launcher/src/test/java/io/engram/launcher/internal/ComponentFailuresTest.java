package io.engram.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

class ComponentFailuresTest {

    @TempDir
    Path storage;

    @Test
    void failedComponentsAreReadFromTheRuntimesDtos() throws Exception {
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString()));
        framework.start();
        try {
            assertEquals(List.of(), ComponentFailures.of(framework.getBundleContext()), "no SCR: nothing to report");
            ComponentDescriptionDTO jobs = description("io.engram.kernel.internal.JobManagerComponent", "io.engram.kernel.JobManager");
            ComponentDescriptionDTO ok = description("io.engram.kernel.internal.RegistryComponent", "io.engram.kernel.PluginRegistry");
            Map<ComponentDescriptionDTO, ComponentConfigurationDTO> configs = Map.of(
                    jobs, configuration(ComponentConfigurationDTO.FAILED_ACTIVATION,
                            "java.io.UncheckedIOException: jobs.dir /ro/jobs: cannot write: Read-only file system\n\tat x.y(Z.java:1)"),
                    ok, configuration(ComponentConfigurationDTO.ACTIVE, null));
            ServiceComponentRuntime scr = (ServiceComponentRuntime) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServiceComponentRuntime.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getComponentDescriptionDTOs" -> List.of(jobs, ok);
                        case "getComponentConfigurationDTOs" -> List.of(configs.get((ComponentDescriptionDTO) args[0]));
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            framework.getBundleContext().registerService(ServiceComponentRuntime.class, scr, null);
            assertEquals(List.of(new ComponentFailures.Failure("io.engram.kernel.internal.JobManagerComponent", "io.engram.kernel",
                            List.of("io.engram.kernel.JobManager"), "jobs.dir /ro/jobs: cannot write: Read-only file system")),
                    ComponentFailures.of(framework.getBundleContext()));
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static ComponentDescriptionDTO description(String name, String service) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = name;
        d.bundle = new BundleDTO();
        d.bundle.symbolicName = "io.engram.kernel";
        d.serviceInterfaces = new String[] {service};
        return d;
    }

    private static ComponentConfigurationDTO configuration(int state, String failure) {
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.state = state;
        c.failure = failure;
        return c;
    }

    @Test
    void theReasonIsTheFirstLineWithoutTheExceptionClass() {
        assertEquals("jobs.dir /srv/jobs: cannot write: Read-only file system",
                ComponentFailures.reason("java.lang.IllegalStateException: jobs.dir /srv/jobs: cannot write: Read-only file system\n"
                        + "\tat io.engram.kernel.internal.JobManagerComponent.<init>(JobManagerComponent.java:130)\n"));
        assertEquals("Java heap space", ComponentFailures.reason("java.lang.OutOfMemoryError: Java heap space"));
        assertEquals("no reason given", ComponentFailures.reason(null));
        assertEquals("plain words: kept", ComponentFailures.reason("  plain words: kept\n"));
        assertEquals("the job records' directory (data.dir) /f/jobs cannot be written: FileSystemException: /f/jobs: Not a directory",
                ComponentFailures.reason("java.lang.reflect.InvocationTargetException\n"
                        + "\tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)\n"
                        + "Caused by: java.lang.IllegalStateException: the job records' directory (data.dir) /f/jobs cannot be written: "
                        + "FileSystemException: /f/jobs: Not a directory\n"
                        + "\tat io.engram.kernel.internal.DurableFiles.probe(DurableFiles.java:98)\n"
                        + "\t... 40 more\n"
                        + "Caused by: java.nio.file.FileSystemException: /f/jobs: Not a directory\n"));
        assertEquals("java.lang.reflect.InvocationTargetException",
                ComponentFailures.reason("java.lang.reflect.InvocationTargetException\n\tat x.y(Z.java:1)\n"));
    }

    @Test
    void describeNamesTheComponentItsBundleAndTheReason() {
        assertEquals("the component io.engram.kernel.internal.JobManagerComponent (bundle io.engram.kernel) failed to activate: disk full",
                new ComponentFailures.Failure("io.engram.kernel.internal.JobManagerComponent", "io.engram.kernel",
                        java.util.List.of("io.engram.kernel.JobManager"), "disk full").describe());
    }
}
