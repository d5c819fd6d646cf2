package io.engram.kernel.internal;

import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's own view of the plugin registry: the listing of {@link PluginRegistry} plus the
 * service objects, so that the job manager, the spec validator and the predictor can pin the
 * plugins a job uses. Thread-safe; every result is a snapshot.
 */
public interface PluginDirectory extends PluginRegistry {

    /**
     * The plugin a job would use: of {@code kind} and {@code id}, the highest bundle version within
     * {@code versionRange} (an OSGi range; empty or null for any).
     */
    Optional<Plugin> resolve(PluginKind kind, String id, String versionRange);

    /** Every registered plugin of {@code kind} and {@code id}, highest version first. */
    List<Plugin> all(PluginKind kind, String id);
}
