package io.engram.shell.internal;

import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginRegistry;
import java.util.TreeSet;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code engram:plugins}: every installed family, trainer, application and backend. Thread-safe. */
@Component(service = PluginsCommand.class,
        property = {"osgi.command.scope=engram", "osgi.command.function=plugins"})
public final class PluginsCommand {

    private final PluginRegistry registry;

    @Activate
    public PluginsCommand(@Reference PluginRegistry registry) {
        this.registry = registry;
    }

    @Descriptor("lists the installed plugins: id, kind, version, bundle, capabilities and whether each can run here")
    public String plugins() {
        Table t = new Table("ID", "KIND", "VERSION", "BUNDLE", "CAPABILITIES", "AVAILABLE");
        for (PluginInfo p : registry.plugins()) {
            t.row(p.id(), p.kind().label(), p.version(), p.bundle() + " [" + p.bundleId() + "]",
                    String.join(",", new TreeSet<>(p.capabilities())),
                    p.available() ? "yes" : "no: " + p.reason());
        }
        return t.toString();
    }
}
