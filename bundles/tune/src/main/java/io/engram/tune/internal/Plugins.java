package io.engram.tune.internal;

import io.engram.api.Schema;
import io.engram.kernel.PluginKind;
import java.util.List;
import java.util.Optional;

/**
 * What the search space needs to know of the installed plugins: their ids and schemas. The verb
 * answers it from the kernel's {@code PluginRegistry}; tests from a fixed table.
 */
public interface Plugins {

    /**
     * The schema of the plugin a job would use for {@code ref}, an id optionally pinned as
     * {@code lstm;version=[1.2,2)}; empty when none is installed.
     */
    Optional<Schema> schema(PluginKind kind, String ref);

    /** The installed ids of a kind, sorted. */
    List<String> ids(PluginKind kind);
}
