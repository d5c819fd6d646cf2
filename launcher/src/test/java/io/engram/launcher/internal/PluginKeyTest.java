package io.engram.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginKeyTest {

    @Test
    void kindAndIdMakeThePidAndTheRestIsTheName() {
        PluginKey k = PluginKey.parse("backend.cpu.blas").orElseThrow();
        assertEquals("io.engram.backend.cpu", k.pid());
        assertEquals("blas", k.name());
        PluginKey dotted = PluginKey.parse("family.lstm.forget.bias").orElseThrow();
        assertEquals("io.engram.family.lstm", dotted.pid());
        assertEquals("forget.bias", dotted.name());
        assertEquals("io.engram.trainer.bptt", PluginKey.parse("trainer.bptt.lr").orElseThrow().pid());
        assertEquals("io.engram.app.csv", PluginKey.parse("app.csv.max_rows").orElseThrow().pid());
    }

    @Test
    void malformedKeysAreRefused() {
        for (String key : new String[] {"backend.cpu", "backend..blas", "backend.cpu.", "backend.c pu.blas", "backend.cpu.a b",
                "backends.cpu.blas"}) {
            assertEquals(Optional.empty(), PluginKey.parse(key), key);
        }
        assertTrue(PluginKey.looksLikePluginKey("app.x"));
        assertFalse(PluginKey.looksLikePluginKey("http.port"));
        assertFalse(PluginKey.looksLikePluginKey("application.x.y"));
    }
}
