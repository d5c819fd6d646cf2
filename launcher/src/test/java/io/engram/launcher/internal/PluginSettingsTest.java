package io.engram.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

class PluginSettingsTest {

    /** The cpu backend's definition as bnd generates it, with a bound on threads and options for blas. */
    static final Map<String, ObjectClassDefinition> OCDS = Map.of(
            "io.engram.backend.cpu", ocd("io.engram.backend.cpu",
                    ad("threads", AttributeDefinition.INTEGER, 0, v -> Integer.parseInt(v) > 1024 ? "Value is greater than 1024" : ""),
                    ad("blas", AttributeDefinition.STRING, 0, v -> List.of("auto", "native", "java").contains(v) ? "" : "not an option"),
                    ad("pinned", AttributeDefinition.BOOLEAN, 0, v -> null),
                    ad("sizes", AttributeDefinition.LONG, -10, v -> null)),
            "io.engram.backend.cuda", ocd("io.engram.backend.cuda", ad("device", AttributeDefinition.INTEGER, 0, v -> "")));

    @Test
    void valuesThatPassAreTypedAsTheirAttributes() {
        PluginSettings.Result r = PluginSettings.check(List.of(set("backend.cpu.threads", "2", "--set"),
                set("backend.cpu.blas", "java", "ENGRAM_BACKEND_CPU_BLAS"), set("backend.cpu.pinned", "TRUE", "--set"),
                set("backend.cpu.sizes", "1, 2,3", "--set")), OCDS);
        assertEquals(List.of(), r.problems());
        Map<String, Object> cpu = r.values().get("io.engram.backend.cpu");
        assertEquals(2, cpu.get("threads"));
        assertEquals("java", cpu.get("blas"));
        assertEquals(Boolean.TRUE, cpu.get("pinned"));
        assertEquals(List.of("1", "2", "3"), List.of((String[]) cpu.get("sizes")));
        assertEquals(List.of(), r.pending());
    }

    @Test
    void badValuesAndUnknownNamesAreNamedWithTheirSource() {
        PluginSettings.Result r = PluginSettings.check(List.of(set("backend.cpu.threads", "two", "/e/conf/engram.properties:3"),
                set("backend.cpu.threads", "5000", "--set"), set("backend.cpu.blas", "mkl", "ENGRAM_BACKEND_CPU_BLAS"),
                set("backend.cpu.thread", "2", "--set"), set("backend.cpu.pinned", "yes", "--set")), OCDS);
        assertEquals(List.of(
                "backend.cpu.threads (/e/conf/engram.properties:3): 'two' is not a whole number (int)",
                "backend.cpu.threads (--set): '5000' is rejected: Value is greater than 1024",
                "backend.cpu.blas (ENGRAM_BACKEND_CPU_BLAS): 'mkl' is rejected: not an option (expected one of auto, native, java)",
                "backend.cpu.thread (--set): io.engram.backend.cpu has no setting 'thread' (it has: blas, pinned, sizes, threads)",
                "backend.cpu.pinned (--set): 'yes' is not true or false"), r.problems());
        assertEquals(Map.of(), r.values());
    }

    @Test
    void settingsOfUndescribedPidsWaitAndThenAreUnknown() {
        PluginSetting gpu = set("backend.gpu.threads", "2", "--set");
        PluginSetting bptt = set("trainer.bptt.lr", "0.1", "ENGRAM_TRAINER_BPTT_LR");
        PluginSettings.Result r = PluginSettings.check(List.of(gpu, bptt), OCDS);
        assertEquals(List.of(gpu, bptt), r.pending());
        assertEquals(List.of(
                "backend.gpu.threads (--set): no installed backend plugin 'gpu' has settings (PID io.engram.backend.gpu); "
                        + "backend plugins with settings: cpu, cuda",
                "trainer.bptt.lr (ENGRAM_TRAINER_BPTT_LR): no installed trainer plugin 'bptt' has settings "
                        + "(PID io.engram.trainer.bptt); trainer plugins with settings: none"),
                PluginSettings.unknown(r.pending(), OCDS));
    }

    private static PluginSetting set(String key, String value, String origin) {
        return new PluginSetting(PluginKey.parse(key).orElseThrow(), value, origin);
    }

    private static AttributeDefinition ad(String id, int type, int cardinality, Function<String, String> validate) {
        return new AttributeDefinition() {
            public String getName() { return id; }
            public String getID() { return id; }
            public String getDescription() { return id; }
            public int getCardinality() { return cardinality; }
            public int getType() { return type; }
            public String[] getOptionValues() { return id.equals("blas") ? new String[] {"auto", "native", "java"} : null; }
            public String[] getOptionLabels() { return getOptionValues(); }
            public String validate(String value) { return validate.apply(value); }
            public String[] getDefaultValue() { return null; }
        };
    }

    private static ObjectClassDefinition ocd(String pid, AttributeDefinition... ads) {
        return new ObjectClassDefinition() {
            public String getName() { return pid; }
            public String getID() { return pid; }
            public String getDescription() { return pid; }
            public AttributeDefinition[] getAttributeDefinitions(int filter) { return ads; }
            public InputStream getIcon(int size) { return null; }
        };
    }
}
