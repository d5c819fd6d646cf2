package io.engram.backend.cpu.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the CPU backend component, under PID {@code io.engram.backend.cpu}. */
@ObjectClassDefinition(name = "Engram CPU backend", description = "The op vocabulary on the CPU.")
public @interface CpuBackendConfiguration {

    @AttributeDefinition(description = "Worker threads of the backend's pool; 0 or less: one per core.")
    int threads() default 0;

    @AttributeDefinition(description = "Matrix products: auto (f32 on the bundled OpenBLAS, else the system's "
            + "libblas.so.3 unless it is slower than the Java GEMM, else Java), bundled or system (that library for f32 "
            + "and f64; unavailable without it), native (the first of the two that loads) or java (pure Java).")
    String blas() default "auto";
}
