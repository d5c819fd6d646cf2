package io.engram.kernel.internal;

import io.engram.api.BundleRef;
import io.engram.api.CompositeFamily;
import io.engram.api.Hyperparameters;
import io.engram.api.InnerFamily;
import io.engram.api.NetworkFamily;
import io.engram.api.Problem;
import io.engram.kernel.PluginKind;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates a family's section of a job spec and, for a {@link CompositeFamily}, resolves and binds
 * the families of its slots, recursively. A plain family's section is checked against its schema,
 * as for any plugin. A composite's own keys (those under no slot's prefix) are checked against its
 * schema; each slot's {@code <slot>.family} is resolved by the same resolver, and so with the same
 * version pinning, as {@code model.family}; the slot's required capabilities are checked against
 * that family's; and the keys under {@code <slot>.} are checked against that family's schema (or
 * composed again). Every problem of every level is reported at once, named with its full key
 * ({@code model.inner.hidden}). Stateless; thread-safe as far as the resolver is.
 */
final class Composition {

    /** Resolves a plugin reference {@code id[;version=range]} found under {@code key}. */
    @FunctionalInterface
    interface Resolver {
        Validation<Problem, Plugin> resolve(String key, PluginKind kind, String text);
    }

    /**
     * A family with its values typed: for a composite, bound to its slots' families.
     *
     * @param family the family plugin; for a composite, its service is a {@link ComposedFamily}
     * @param hyper  the family's values; for a composite, with each slot's under its prefix
     */
    record Composed(Plugin family, Hyperparameters hyper) {
    }

    private Composition() {
    }

    /** Checks {@code values} (keys without {@code prefix}) for {@code family}; composes when it is composite. */
    static Validation<Seq<Problem>, Composed> validate(Plugin family, Map<String, String> values, String prefix,
                                                       Resolver resolver) {
        return compose(family, values, prefix, "", resolver);
    }

    private static Validation<Seq<Problem>, Composed> compose(Plugin family, Map<String, String> values,
                                                              String prefix, String path, Resolver resolver) {
        if (!(family.service() instanceof CompositeFamily composite)) {
            return family.info().schema().validate(values, prefix).map(h -> new Composed(family, h));
        }
        Map<String, String> own = new LinkedHashMap<>(values);
        List<Problem> problems = List.empty();
        Map<String, NetworkFamily> bound = new LinkedHashMap<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        java.util.List<InnerFamily> inner = new java.util.ArrayList<>();
        for (CompositeFamily.Slot slot : composite.slots()) {
            Map<String, String> part = take(own, slot.name() + ".");
            String key = prefix + slot.name() + ".family";
            String ref = part.remove("family");
            Validation<Problem, Plugin> resolved = ref == null || ref.isBlank()
                    ? Validation.invalid(Problem.of(key, "required: the family of slot '" + slot.name() + "' of '"
                    + family.id() + "' (" + slot.description() + ")"))
                    : resolver.resolve(key, PluginKind.FAMILY, ref);
            if (resolved.isInvalid()) {
                problems = problems.append(resolved.getError());
                continue;
            }
            Plugin p = resolved.get();
            Set<String> missing = new TreeSet<>(slot.requires());
            missing.removeAll(p.info().capabilities());
            if (!missing.isEmpty()) {
                problems = problems.append(Problem.of(key, "slot '" + slot.name() + "' of family '" + family.id()
                        + "' requires " + String.join(", ", missing) + ", which family '" + p.id()
                        + "' does not offer"));
            }
            Validation<Seq<Problem>, Composed> sub = compose(p, part, prefix + slot.name() + ".",
                    path + slot.name() + ".", resolver);
            if (sub.isInvalid()) {
                problems = problems.appendAll(sub.getError());
                continue;
            }
            bound.put(slot.name(), sub.get().family().as(NetworkFamily.class));
            inner.add(new InnerFamily(path + slot.name(), p.id(), new BundleRef(p.info().bundle(), p.version())));
            if (sub.get().family().service() instanceof ComposedFamily nested) {
                inner.addAll(nested.inner());
            }
            typed.put(slot.name() + ".family", p.id());
            sub.get().hyper().asMap().forEach((k, v) -> typed.put(slot.name() + "." + k, v));
        }
        Validation<Seq<Problem>, Hyperparameters> mine = composite.schema().validate(own, prefix);
        problems = mine.isInvalid() ? List.ofAll(mine.getError()).appendAll(problems) : problems;
        if (!problems.isEmpty()) {
            return Validation.invalid(problems);
        }
        Map<String, Object> all = new LinkedHashMap<>(mine.get().asMap());
        all.putAll(typed);
        ComposedFamily composed = new ComposedFamily(composite.bind(bound), inner);
        return Validation.valid(new Composed(new Plugin(family.info(), composed), Hyperparameters.of(all)));
    }

    /**
     * {@code family} bound again, as a checkpoint needs it: for each slot, the family that
     * {@code hyper} names under {@code <slot>.family}, at the highest installed version that
     * {@link NetworkFamily#canRead} the version {@code recorded} for that slot (any installed version
     * when none was recorded), recursively. A plain family is returned as it is.
     *
     * @throws IllegalStateException naming the slot and family when none installed fits
     */
    static NetworkFamily rebind(NetworkFamily family, Hyperparameters hyper, java.util.List<InnerFamily> recorded,
                                PluginDirectory plugins) {
        return rebind(family, hyper, recorded, plugins, "");
    }

    private static NetworkFamily rebind(NetworkFamily family, Hyperparameters hyper,
                                        java.util.List<InnerFamily> recorded, PluginDirectory plugins, String path) {
        if (!(family instanceof CompositeFamily composite)) {
            return family;
        }
        Map<String, NetworkFamily> bound = new LinkedHashMap<>();
        for (CompositeFamily.Slot slot : composite.slots()) {
            String at = path + slot.name();
            String id = hyper.getString(slot.name() + ".family");
            String written = recorded.stream().filter(f -> f.slot().equals(at)).map(f -> f.bundle().version())
                    .findFirst().orElse(null);
            java.util.List<Plugin> installed = plugins.all(PluginKind.FAMILY, id);
            Plugin chosen = installed.stream().filter(p -> written == null
                    || p.as(NetworkFamily.class).canRead(written, p.version())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no installed version of family '" + id
                            + "' (slot model." + at + ") can read this checkpoint" + (written == null ? ""
                            : ", written with " + written) + " (installed: " + (installed.isEmpty() ? "none"
                            : installed.stream().map(Plugin::version).collect(java.util.stream.Collectors.joining(", ")))
                            + ")"));
            bound.put(slot.name(), rebind(chosen.as(NetworkFamily.class), hyper.section(slot.name()), recorded,
                    plugins, at + "."));
        }
        return composite.bind(bound);
    }

    /** Removes the entries of {@code values} under {@code head} and returns them without it. */
    private static Map<String, String> take(Map<String, String> values, String head) {
        Map<String, String> out = new LinkedHashMap<>();
        values.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(head)) {
                out.put(e.getKey().substring(head.length()), e.getValue());
                return true;
            }
            return false;
        });
        return out;
    }
}
