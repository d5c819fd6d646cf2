package io.engram.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.api.NetworkFamily;
import io.engram.api.PluginProperties;
import io.engram.api.Trainer;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

class RegistryComponentTest {

    private static long nextServiceId = 1;

    private static Bundle bundle(String name, String version, long id) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> {
                    switch (m.getName()) {
                        case "getSymbolicName": return name;
                        case "getVersion": return Version.parseVersion(version);
                        case "getBundleId": return id;
                        default: throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static <S> ServiceReference<S> ref(Bundle bundle, Map<String, Object> props) {
        Map<String, Object> all = new HashMap<>(props);
        all.put(Constants.SERVICE_ID, nextServiceId++);
        return (ServiceReference<S>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getProperty": return all.get((String) a[0]);
                        case "getBundle": return bundle;
                        default: throw new UnsupportedOperationException(m.getName());
                    }
                });
    }

    @Test
    void tracksServicesWithTheirBundlesAndWhiteboardProperties() {
        RegistryComponent registry = new RegistryComponent();
        ServiceReference<NetworkFamily> lstm1 = ref(bundle("io.engram.family.lstm", "1.2.0", 7),
                Map.of(PluginProperties.FAMILY, "lstm", PluginProperties.CAPABILITIES, "differentiable, flat-parameters"));
        ServiceReference<NetworkFamily> lstm2 = ref(bundle("io.engram.family.lstm", "1.10.0", 9),
                Map.of(PluginProperties.FAMILY, "lstm", PluginProperties.CAPABILITIES, new String[] {"differentiable"}));
        ServiceReference<Trainer> bptt = ref(bundle("io.engram.trainer.bptt", "0.3.0", 11),
                Map.of(PluginProperties.TRAINER, "bptt"));
        ServiceReference<Backend> cuda = ref(bundle("io.engram.backend.cuda", "1.0.0", 12),
                Map.of(PluginProperties.BACKEND, "cuda"));
        NetworkFamily family = new Fakes.ToyFamily("x");
        registry.addFamily(lstm1, family);
        registry.addFamily(lstm2, family);
        registry.addTrainer(bptt, new Fakes.ToyTrainer());
        registry.addBackend(cuda, new Fakes.ToyBackend("cuda", Availability.no("no CUDA driver")));

        List<String> listing = registry.plugins().stream()
                .map(p -> p.kind().label() + " " + p.id() + " " + p.version() + " " + p.bundle() + "#" + p.bundleId()
                        + " " + p.capabilities().stream().sorted().collect(Collectors.toList()) + " "
                        + (p.available() ? "available" : p.reason()))
                .collect(Collectors.toList());
        assertEquals(List.of(
                "family lstm 1.10.0 io.engram.family.lstm#9 [differentiable] available",
                "family lstm 1.2.0 io.engram.family.lstm#7 [differentiable, flat-parameters] available",
                "trainer bptt 0.3.0 io.engram.trainer.bptt#11 [differentiable] available",
                "backend cuda 1.0.0 io.engram.backend.cuda#12 [] no CUDA driver"), listing);

        assertEquals("1.10.0", registry.find(PluginKind.FAMILY, "lstm", null).get().version());
        assertEquals("1.2.0", registry.find(PluginKind.FAMILY, "lstm", "[1.2,1.3)").get().version());
        assertSame(family, registry.resolve(PluginKind.FAMILY, "lstm", "").get().service());

        registry.removeFamily(lstm2);
        assertEquals("1.2.0", registry.find(PluginKind.FAMILY, "lstm", "").get().version());
        registry.removeFamily(lstm1);
        assertTrue(registry.find(PluginKind.FAMILY, "lstm", "").isEmpty());
        assertEquals(2, registry.plugins().size());
    }

    @Test
    void theHighestVersionInsideThePinnedRangeWins() {
        PluginTable table = new PluginTable();
        for (String v : List.of("1.0.0", "1.2.0", "1.9.3", "2.0.0", "2.1.0.SNAPSHOT")) {
            Fakes.add(table, PluginKind.FAMILY, "gru", v, new Fakes.ToyFamily(v), Set.of());
        }
        assertEquals("2.1.0.SNAPSHOT", table.find(PluginKind.FAMILY, "gru", null).get().version());
        assertEquals("1.9.3", table.find(PluginKind.FAMILY, "gru", "[1.2,2)").get().version());
        assertEquals("1.2.0", table.find(PluginKind.FAMILY, "gru", "[1.0,1.9)").get().version());
        assertEquals("2.0.0", table.find(PluginKind.FAMILY, "gru", "[2.0.0,2.0.0]").get().version());
        assertEquals("2.1.0.SNAPSHOT", table.find(PluginKind.FAMILY, "gru", "1.5").get().version());
        assertTrue(table.find(PluginKind.FAMILY, "gru", "[3,4)").isEmpty());
        assertTrue(table.find(PluginKind.FAMILY, "gru", "[oops").isEmpty());
        assertTrue(table.find(PluginKind.TRAINER, "gru", null).isEmpty());
        assertEquals(List.of("2.1.0.SNAPSHOT", "2.0.0", "1.9.3", "1.2.0", "1.0.0"),
                table.plugins().stream().map(PluginInfo::version).collect(Collectors.toList()));
    }

    @Test
    void listingIsSortedByKindIdThenVersionDescending() {
        List<String> order = Fakes.table().plugins().stream()
                .map(p -> p.kind().label() + ":" + p.id() + ":" + p.version()).collect(Collectors.toList());
        assertEquals(List.of("family:toy:1.5.0", "family:toy:1.0.0", "trainer:hebb:1.0.0", "trainer:toy:1.0.0",
                "application:toy:1.0.0", "backend:cpu:1.0.0", "backend:gpu:1.0.0", "loss:mse:1.0.0",
                "loss:softmax-ce:1.0.0"), order);
        PluginInfo gpu = Fakes.table().find(PluginKind.BACKEND, "gpu", null).get();
        assertFalse(gpu.available());
        assertEquals("no device found", gpu.reason());
        assertEquals(List.of("scale"), Fakes.table().find(PluginKind.FAMILY, "toy", null).get().schema().parameters()
                .stream().map(h -> h.name()).collect(Collectors.toList()));
    }

    @Test
    void kindsOfTaskComeFromTheWhiteboardPropertiesElseFromTheService() {
        RegistryComponent registry = new RegistryComponent();
        registry.addApplication(ref(bundle("a.walk", "1.0.0", 3), Map.of(PluginProperties.APPLICATION, "walk",
                PluginProperties.PROVIDES, "environment")), new Fakes.ToyApplication());
        registry.addApplication(ref(bundle("a.toy", "1.0.0", 4), Map.of(PluginProperties.APPLICATION, "toy",
                PluginProperties.CAPABILITIES, "associative")), new Fakes.ToyApplication());
        registry.addApplication(ref(bundle("a.own", "1.0.0", 5), Map.of(PluginProperties.APPLICATION, "own")),
                new Fakes.WalkApplication());
        registry.addTrainer(ref(bundle("t.search", "1.0.0", 6), Map.of(PluginProperties.TRAINER, "search",
                PluginProperties.TRAINS_ON, "dataset, environment")), new Fakes.ToyTrainer());
        registry.addTrainer(ref(bundle("t.toy", "1.0.0", 7), Map.of(PluginProperties.TRAINER, "toy")),
                new Fakes.ToyTrainer());
        List<String> listing = registry.plugins().stream()
                .map(p -> p.id() + " " + p.tasks().stream().sorted().toList() + " "
                        + p.capabilities().stream().sorted().toList())
                .collect(Collectors.toList());
        assertEquals(List.of("search [dataset, environment] [differentiable]", "toy [dataset] [differentiable]",
                "own [environment] []", "toy [dataset] [associative]", "walk [environment] []"), listing);
    }
}
