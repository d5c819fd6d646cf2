package io.engram.kernel.internal;

import io.engram.api.Application;
import io.engram.api.Loss;
import io.engram.api.NetworkFamily;
import io.engram.api.Schema;
import io.engram.api.Trainer;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.engram.tensor.Availability;
import io.engram.tensor.Backend;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * The table of registered plugins behind {@link PluginDirectory}, keyed by service id. Entries are
 * added and removed as services come and go; listings are computed from a snapshot. Availability of
 * backends is asked at listing time, so a backend that loses its device shows it at once.
 * Thread-safe.
 */
public final class PluginTable implements PluginDirectory {

    /** What is known about one registered service; {@code tasks} as {@link PluginInfo#tasks()}. */
    public record Entry(long serviceId, PluginKind kind, String id, String bundle, String version, long bundleId,
                        Set<String> capabilities, Object service, Set<String> tasks) {
        public Entry {
            capabilities = Set.copyOf(capabilities);
            tasks = Set.copyOf(tasks);
        }

        /** An entry whose service names no kinds of task. */
        public Entry(long serviceId, PluginKind kind, String id, String bundle, String version, long bundleId,
                     Set<String> capabilities, Object service) {
            this(serviceId, kind, id, bundle, version, bundleId, capabilities, service, Set.of());
        }
    }

    private static final Comparator<Entry> ORDER = Comparator
            .comparing(Entry::kind)
            .thenComparing(Entry::id)
            .thenComparing((Entry e) -> Version.parseVersion(e.version()), Comparator.reverseOrder())
            .thenComparingLong(Entry::serviceId);

    private final ConcurrentMap<Long, Entry> entries = new ConcurrentHashMap<>();

    public void add(Entry entry) {
        entries.put(entry.serviceId(), entry);
    }

    public void remove(long serviceId) {
        entries.remove(serviceId);
    }

    @Override
    public List<PluginInfo> plugins() {
        return sorted().stream().map(PluginTable::info).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public Optional<PluginInfo> find(PluginKind kind, String id, String versionRange) {
        return resolve(kind, id, versionRange).map(Plugin::info);
    }

    @Override
    public Optional<Plugin> resolve(PluginKind kind, String id, String versionRange) {
        VersionRange range;
        try {
            range = versionRange == null || versionRange.isBlank() ? null : VersionRange.valueOf(versionRange.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return all(kind, id).stream()
                .filter(p -> range == null || range.includes(Version.parseVersion(p.version())))
                .findFirst();
    }

    @Override
    public List<Plugin> all(PluginKind kind, String id) {
        return sorted().stream()
                .filter(e -> e.kind() == kind && e.id().equals(id))
                .map(e -> new Plugin(info(e), e.service()))
                .collect(Collectors.toUnmodifiableList());
    }

    private List<Entry> sorted() {
        return entries.values().stream().sorted(ORDER).collect(Collectors.toList());
    }

    private static PluginInfo info(Entry e) {
        Availability availability = availability(e);
        return new PluginInfo(e.id(), e.kind(), e.version(), e.bundle(), e.bundleId(), e.capabilities(),
                availability.available(), availability.reason(), description(e), schema(e), e.tasks());
    }

    private static Availability availability(Entry e) {
        if (e.service() instanceof Backend) {
            try {
                return ((Backend) e.service()).availability();
            } catch (RuntimeException ex) {
                return Availability.no("availability check failed: " + ex);
            }
        }
        return Availability.yes();
    }

    private static String description(Entry e) {
        Object s = e.service();
        try {
            if (s instanceof NetworkFamily) {
                return ((NetworkFamily) s).description();
            }
            if (s instanceof Trainer) {
                return ((Trainer) s).description();
            }
            if (s instanceof Application) {
                return ((Application) s).description();
            }
            if (s instanceof Loss) {
                return ((Loss) s).description();
            }
            if (s instanceof Backend) {
                return "backend " + ((Backend) s).id() + " (" + ((Backend) s).dtypes().stream()
                        .map(d -> d.name().toLowerCase(java.util.Locale.ROOT)).sorted()
                        .collect(Collectors.joining(", ")) + ")";
            }
        } catch (RuntimeException ex) {
            return "";
        }
        return "";
    }

    private static Schema schema(Entry e) {
        Object s = e.service();
        if (s instanceof NetworkFamily) {
            return ((NetworkFamily) s).schema();
        }
        if (s instanceof Trainer) {
            return ((Trainer) s).schema();
        }
        if (s instanceof Application) {
            return ((Application) s).schema();
        }
        return Schema.empty();
    }
}
