package io.engram.backend.cpu.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the CPU backend component, under PID {@code io.engram.backend.cpu}. */
@ObjectClassDefinition(name = "Engram CPU backend", description = "The op vocabulary on the CPU.")
public @interface CpuBackendConfiguration {

    @AttributeDefinition(description = "Worker threads of the backend's pool; 0 or less: one per core.")
    int threads() default 0;

    @AttributeDefinition(description = "Matrix products: auto (native BLAS for f32 when it loads, else Java), "
            + "native (native BLAS for f32 and f64; unavailable without it) or java (pure Java).")
    String blas() default "auto";
}
