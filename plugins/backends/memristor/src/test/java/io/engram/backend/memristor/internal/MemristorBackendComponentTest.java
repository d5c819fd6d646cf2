package io.engram.backend.memristor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.backend.memristor.DeviceModel;
import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MemristorBackendComponentTest {
    private static final io.engram.tensor.Backend HOST = new io.engram.testkit.ReferenceBackend();


    private static MemristorBackendConfiguration config(Map<String, Object> values) {
        return (MemristorBackendConfiguration) Proxy.newProxyInstance(MemristorBackendConfiguration.class.getClassLoader(),
                new Class<?>[] {MemristorBackendConfiguration.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    void defaultsAreThePcmModel() {
        assertEquals(DeviceModel.pcm(), MemristorBackendComponent.model(config(Map.of())));
        MemristorBackendComponent c = new MemristorBackendComponent(config(Map.of()), HOST);
        assertEquals("memristor", c.id());
        assertTrue(c.availability().available(), c.availability().reason());
    }

    @Test
    void badSettingsRegisterUnavailable() {
        MemristorBackendComponent c = new MemristorBackendComponent(config(Map.of("adcBits", 0,
                "readVoltage", -1.0)), HOST);
        assertFalse(c.availability().available());
        assertTrue(c.availability().reason().contains("adcBits: must lie in [2, 48], got 0"), c.availability().reason());
        assertTrue(c.availability().reason().contains("readVoltage: must be a finite number > 0, got -1.0"),
                c.availability().reason());
    }
}
