package io.engram.kernel;

import io.engram.api.Schema;
import java.util.Set;

/**
 * One registered plugin as the registry sees it.
 *
 * @param id            id within its kind, such as {@code lstm}
 * @param kind          family, trainer, application, backend or loss
 * @param version       version of the bundle that registered it
 * @param bundle        that bundle's symbolic name
 * @param bundleId      that bundle's framework id
 * @param capabilities  offered (families) or required of the network (trainers, applications); for a
 *                      loss, {@code per-step} or {@code whole-sequence}
 * @param available     false when the plugin cannot run here (a backend without its device)
 * @param reason        why not, when not available
 * @param description   one line
 * @param schema        hyperparameter schema (empty for backends)
 * @param tasks         kinds of task ({@code dataset}, {@code environment}) an application provides or
 *                      a trainer trains on; empty for families and backends
 */
public record PluginInfo(String id, PluginKind kind, String version, String bundle, long bundleId,
                         Set<String> capabilities, boolean available, String reason, String description,
                         Schema schema, Set<String> tasks) {

    public PluginInfo {
        capabilities = Set.copyOf(capabilities);
        tasks = Set.copyOf(tasks);
    }

    /** A plugin that names no kinds of task (a family or a backend). */
    public PluginInfo(String id, PluginKind kind, String version, String bundle, long bundleId,
                      Set<String> capabilities, boolean available, String reason, String description, Schema schema) {
        this(id, kind, version, bundle, bundleId, capabilities, available, reason, description, schema, Set.of());
    }
}
