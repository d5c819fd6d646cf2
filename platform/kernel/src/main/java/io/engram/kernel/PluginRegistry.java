package io.engram.kernel;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every plugin currently registered, tracked through the service registry. Thread-safe; listings
 * are snapshots.
 */
@ProviderType
public interface PluginRegistry {

    /** All plugins, sorted by kind, id, then version descending. */
    List<PluginInfo> plugins();

    /**
     * The plugin of {@code kind} and {@code id} a job would use: the highest version whose bundle
     * version lies in {@code versionRange} (an OSGi range such as {@code [1.2,2)}; empty or null for
     * any).
     */
    Optional<PluginInfo> find(PluginKind kind, String id, String versionRange);
}
