package io.engram.launcher.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks plugin settings against the metatype of the installed bundles and turns each value into
 * the type its attribute declares, so ConfigAdmin hands the components an {@code Integer} for an
 * {@code int} and never a string they would silently read as the default. A setting whose PID no
 * bundle describes yet is left {@linkplain Result#pending pending} (its plugin may arrive through
 * {@code deploy/}); {@link #unknown} turns what is still pending at the end into problems.
 *
 * <p>Stateless; call from one thread at a time (MetaTypeService itself is thread-safe).
 */
final class PluginSettings {

    /**
     * What a check found.
     *
     * @param values   typed properties per PID, for the settings that passed
     * @param problems one line per bad setting, naming its key and source
     * @param pending  settings whose PID no installed bundle describes
     */
    record Result(Map<String, Map<String, Object>> values, List<String> problems, List<PluginSetting> pending) {
    }

    private PluginSettings() {
    }

    /** The object class definitions of every PID the bundles describe. */
    static Map<String, ObjectClassDefinition> definitions(MetaTypeService metatype, Bundle[] bundles) {
        Map<String, ObjectClassDefinition> ocds = new HashMap<>();
        for (Bundle b : bundles) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                try {
                    ocds.put(pid, info.getObjectClassDefinition(pid, null));
                } catch (IllegalArgumentException e) {
                    // a PID without a definition in the default locale: nothing to check against
                }
            }
        }
        return ocds;
    }

    /** Checks each setting against the definition of its PID. */
    static Result check(List<PluginSetting> settings, Map<String, ObjectClassDefinition> ocds) {
        Map<String, Map<String, Object>> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<PluginSetting> pending = new ArrayList<>();
        for (PluginSetting s : settings) {
            ObjectClassDefinition ocd = ocds.get(s.key().pid());
            if (ocd == null) {
                pending.add(s);
                continue;
            }
            AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            Optional<AttributeDefinition> ad = ads == null ? Optional.empty()
                    : Arrays.stream(ads).filter(a -> a.getID().equals(s.key().name())).findFirst();
            if (ad.isEmpty()) {
                problems.add(s.where() + ": " + s.key().pid() + " has no setting '" + s.key().name() + "' (it has: "
                        + String.join(", ", ids(ads)) + ")");
                continue;
            }
            Object value = MetatypeValues.convert(ad.get(), s.value(), problems, s.where());
            if (value != null) {
                values.computeIfAbsent(s.key().pid(), k -> new LinkedHashMap<>()).put(s.key().name(), value);
            }
        }
        return new Result(values, problems, pending);
    }

    /** One problem per pending setting: no installed plugin has settings under its PID. */
    static List<String> unknown(List<PluginSetting> pending, Map<String, ObjectClassDefinition> ocds) {
        List<String> problems = new ArrayList<>();
        for (PluginSetting s : pending) {
            TreeSet<String> same = new TreeSet<>();
            String prefix = "io.engram." + s.key().kind() + ".";
            ocds.keySet().stream().filter(pid -> pid.startsWith(prefix)).forEach(pid -> same.add(pid.substring(prefix.length())));
            problems.add(s.where() + ": no installed " + s.key().kind() + " plugin '" + s.key().id()
                    + "' has settings (PID " + s.key().pid() + "); " + s.key().kind() + " plugins with settings: "
                    + (same.isEmpty() ? "none" : String.join(", ", same)));
        }
        return problems;
    }

    private static List<String> ids(AttributeDefinition[] ads) {
        return ads == null ? List.of() : Arrays.stream(ads).map(AttributeDefinition::getID).sorted().toList();
    }
}
