package io.engram.kernel.internal;

import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import java.util.Objects;

/**
 * A registered plugin together with its service object, as resolved for one job. Holding a
 * {@code Plugin} pins the service object and the bundle version it came from: a later update or
 * removal of the bundle does not change what this value refers to.
 *
 * @param info     the plugin's listing entry at the time it was resolved
 * @param service  the service object (a family, trainer, application or backend)
 */
public record Plugin(PluginInfo info, Object service) {

    public Plugin {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(service, "service");
    }

    public PluginKind kind() {
        return info.kind();
    }

    public String id() {
        return info.id();
    }

    public String version() {
        return info.version();
    }

    /** The service object as the type its kind promises. */
    public <T> T as(Class<T> type) {
        return type.cast(service);
    }

    /** {@code id@version}, as shown in job records. */
    public String label() {
        return info.id() + "@" + info.version();
    }
}
