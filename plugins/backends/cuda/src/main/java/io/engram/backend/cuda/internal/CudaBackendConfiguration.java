package io.engram.backend.cuda.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the CUDA backend component, under PID {@code io.engram.backend.cuda}. */
@ObjectClassDefinition(name = "Engram CUDA backend", description = "The op vocabulary on an NVIDIA GPU.")
public @interface CudaBackendConfiguration {

    @AttributeDefinition(description = "Ordinal of the CUDA device to use (0 is the first).")
    int device() default 0;
}
