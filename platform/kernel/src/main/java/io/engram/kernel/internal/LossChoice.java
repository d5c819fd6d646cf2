package io.engram.kernel.internal;

import io.engram.api.Loss;
import io.engram.kernel.PluginInfo;
import io.engram.kernel.PluginKind;
import io.vavr.control.Validation;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The loss of one job: resolved and checked when the job is submitted (from the spec's {@code loss}
 * key, or from the id the application says its data will name), or else looked up in the registry
 * once the data is loaded and names its loss ({@code TaskData.loss}). The spec's {@code loss}
 * overrides the data's; an id the application announced that the data then contradicts gives way to
 * the data's. The plugin found first is kept for the rest of the job, so its provenance names the
 * loss that trained. Thread-safe.
 */
final class LossChoice {
    private final Plugin chosen;
    private final boolean override;
    private final PluginDirectory plugins;
    private volatile Plugin used;

    private LossChoice(Plugin chosen, boolean override, PluginDirectory plugins) {
        this.chosen = chosen;
        this.override = override;
        this.plugins = plugins;
    }

    /** The loss named by the spec's {@code loss} key, whatever the data names. */
    static LossChoice fromSpec(Plugin loss) {
        return new LossChoice(loss, true, null);
    }

    /** The loss the application announced, or (when {@code loss} is null) none yet: looked up in {@code plugins}. */
    static LossChoice announced(Plugin loss, PluginDirectory plugins) {
        return new LossChoice(loss, false, plugins);
    }

    /** The plugin resolved when the job was submitted, if any. */
    Optional<Plugin> resolved() {
        return Optional.ofNullable(chosen);
    }

    /**
     * The loss plugin for data naming {@code dataLoss}, or the message saying that no such loss is
     * installed (with the installed ids).
     */
    Validation<String, Plugin> forData(String dataLoss) {
        Plugin p = used;
        if (p != null) {
            return Validation.valid(p);
        }
        if (chosen != null && (override || chosen.id().equals(dataLoss))) {
            p = chosen;
        } else {
            p = plugins == null ? null : plugins.resolve(PluginKind.LOSS, dataLoss, "").orElse(null);
        }
        if (p == null) {
            return Validation.invalid("the data names loss '" + dataLoss + "', which is not installed (installed: "
                    + installed() + ")");
        }
        used = p;
        return Validation.valid(p);
    }

    /** The loss plugin the job used, once {@link #forData} found it. */
    Optional<Plugin> used() {
        return Optional.ofNullable(used);
    }

    /** The loss object of {@code plugin}. */
    static Loss loss(Plugin plugin) {
        return plugin.as(Loss.class);
    }

    private String installed() {
        if (plugins == null) {
            return "?";
        }
        Set<String> ids = plugins.plugins().stream().filter(i -> i.kind() == PluginKind.LOSS).map(PluginInfo::id)
                .collect(Collectors.toCollection(TreeSet::new));
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
