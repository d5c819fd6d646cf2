package io.engram.http.internal;

import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.kernel.PluginRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A registry over a fixed list; {@link #find} ignores the version range and takes the first match. */
final class FakePluginRegistry implements PluginRegistry {
    private final List<PluginInfo> plugins;

    FakePluginRegistry(List<PluginInfo> plugins) {
        this.plugins = plugins.stream()
                .sorted(Comparator.comparing(PluginInfo::kind).thenComparing(PluginInfo::id))
                .collect(Collectors.toList());
    }

    @Override
    public List<PluginInfo> plugins() {
        return plugins;
    }

    @Override
    public Optional<PluginInfo> find(PluginKind kind, String id, String versionRange) {
        return plugins.stream().filter(p -> p.kind() == kind && p.id().equals(id)).findFirst();
    }
}
