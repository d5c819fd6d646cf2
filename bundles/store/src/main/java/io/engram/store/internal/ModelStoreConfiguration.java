package io.engram.store.internal;

/**
 * Settings of the model store, read from the kernel's configuration PID {@code io.engram.kernel}
 * (whose metatype the kernel describes).
 */
public @interface ModelStoreConfiguration {

    /** Directory of the job records; the models live in its sibling directory {@code models}. */
    String data_dir() default "data/jobs";

    /** Directory of the models; empty for the sibling {@code models} of {@code data.dir}. */
    String models_dir() default "";
}
