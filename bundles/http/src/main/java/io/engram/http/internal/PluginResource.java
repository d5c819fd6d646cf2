package io.engram.http.internal;

import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /plugins} and {@code GET /plugins/{id}[?kind=k]}. Thread-safe: it holds only the
 * thread-safe registry.
 */
final class PluginResource {
    private final PluginRegistry plugins;

    PluginResource(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    ApiResponse list() {
        return ApiResponse.of(200, Json.plugins(plugins.plugins()));
    }

    /** One plugin with its schema; 400 when {@code id} names several kinds and no kind is given. */
    ApiResponse one(String id, String kindLabel) {
        Optional<PluginKind> kind = Optional.empty();
        if (kindLabel != null && !kindLabel.isEmpty()) {
            kind = Arrays.stream(PluginKind.values()).filter(k -> k.label().equals(kindLabel.toLowerCase(Locale.ROOT)))
                    .findFirst();
            if (kind.isEmpty()) {
                return ApiResponse.error(400, "unknown kind '" + kindLabel + "': expected one of "
                        + Arrays.stream(PluginKind.values()).map(PluginKind::label).collect(Collectors.joining(", ")));
            }
        }
        Optional<PluginKind> wanted = kind;
        java.util.List<PluginKind> kinds = plugins.plugins().stream()
                .filter(p -> p.id().equals(id) && wanted.map(k -> k == p.kind()).orElse(true))
                .map(PluginInfo::kind).distinct().sorted().collect(Collectors.toList());
        if (kinds.isEmpty()) {
            return ApiResponse.error(404, wanted.map(k -> "no " + k.label() + " '" + id + "'")
                    .orElse("no plugin '" + id + "'"));
        }
        if (kinds.size() > 1) {
            return ApiResponse.error(400, "'" + id + "' names several plugins (" + kinds.stream()
                    .map(PluginKind::label).collect(Collectors.joining(", ")) + "): add ?kind="
                    + kinds.get(0).label() + " or another");
        }
        Optional<PluginInfo> found = plugins.find(kinds.get(0), id, null);
        return found.map(p -> ApiResponse.of(200, Json.pluginWithSchema(p)))
                .orElseGet(() -> ApiResponse.error(404, "no " + kinds.get(0).label() + " '" + id + "'"));
    }
}
