package io.engram.cli.internal;

import io.engram.cli.VerbCall;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code engram plugins}: prints every registered plugin as a table with the columns id, kind,
 * version, bundle, capabilities and available (with the reason when a plugin cannot run here).
 * Stateless and thread-safe.
 */
@Component(service = Function.class, property = VerbCall.VERB_PROPERTY + "=plugins")
public final class PluginsVerb implements Function<Map<String, Object>, Integer> {

    static final List<String> HEADER = List.of("ID", "KIND", "VERSION", "BUNDLE", "CAPABILITIES", "AVAILABLE");

    private final PluginRegistry registry;

    @Activate
    public PluginsVerb(@Reference PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer apply(Map<String, Object> raw) {
        VerbCall call = VerbCall.of(raw);
        List<PluginInfo> plugins = registry.plugins();
        if (plugins.isEmpty()) {
            call.out().println("no plugins registered");
        } else {
            call.out().print(table(plugins));
        }
        call.out().flush();
        return VerbCall.OK;
    }

    /** The table, one line per plugin in the registry's order, columns padded to their widest cell. */
    static String table(List<PluginInfo> plugins) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PluginInfo p : plugins) {
            String capabilities = p.capabilities().isEmpty() ? "-" : String.join(",", p.capabilities().stream().sorted().toList());
            String available = p.available() ? "yes" : "no: " + (p.reason() == null || p.reason().isBlank() ? "unavailable" : p.reason());
            rows.add(List.of(p.id(), p.kind().label(), p.version(), p.bundle(), capabilities, available));
        }
        return Text.columns(rows);
    }
}
