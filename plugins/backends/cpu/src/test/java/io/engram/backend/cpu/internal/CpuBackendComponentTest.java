package io.engram.backend.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.tensor.DType;
import io.engram.tensor.Shape;
import java.lang.annotation.Annotation;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuBackendComponentTest {

    private static CpuBackendConfiguration threads(int n) {
        return config(n, "auto");
    }

    private static CpuBackendConfiguration config(int n, String blas) {
        return new CpuBackendConfiguration() {
            @Override
            public int threads() {
                return n;
            }

            @Override
            public String blas() {
                return blas;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return CpuBackendConfiguration.class;
            }
        };
    }

    @Test
    void configuredThreadCountAndIdentity() {
        CpuBackendComponent c = new CpuBackendComponent(threads(3));
        try {
            assertEquals("cpu", c.id());
            assertTrue(c.availability().available());
            assertEquals(Set.of(DType.F32, DType.F64), c.dtypes());
            assertEquals("CpuBackend[threads=3]", c.toString());
            assertEquals(6.0, c.ops().sumAll(c.ops().full(DType.F64, Shape.of(2, 3), 1.0)).item());
        } finally {
            c.close();
        }
        CpuBackendComponent all = new CpuBackendComponent(threads(0));
        assertEquals("CpuBackend[threads=" + Runtime.getRuntime().availableProcessors() + "]", all.toString());
        all.close();
    }

    @Test
    void blasSettingPicksTheGemmAndAnUnknownValueIsReported() {
        CpuBackendComponent java = new CpuBackendComponent(config(2, "java"));
        try {
            assertTrue(java.availability().available());
            assertEquals("f32: Java blocked GEMM; f64: Java blocked GEMM", java.gemm());
        } finally {
            java.close();
        }
        CpuBackendComponent wrong = new CpuBackendComponent(config(2, "fast"));
        try {
            assertFalse(wrong.availability().available());
            assertEquals("blas: unknown value 'fast', expected auto, bundled, system, native or java", wrong.availability().reason());
            assertEquals("fast", wrong.describe().get("blas.setting"));
            assertEquals("java", wrong.describe().get("blas.source"));
        } finally {
            wrong.close();
        }
    }
}
