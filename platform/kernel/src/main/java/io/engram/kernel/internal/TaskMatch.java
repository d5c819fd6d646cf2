package io.engram.kernel.internal;

import io.engram.api.PluginProperties;
import io.engram.api.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of a job spec that involve the application: the trainer must train on a kind of task
 * ({@link PluginProperties#TRAINS_ON}) the application provides ({@link PluginProperties#PROVIDES}),
 * and the family must offer every capability the application requires of the network
 * ({@link PluginProperties#CAPABILITIES} on the application). A plugin that names no kind of task
 * counts as {@value PluginProperties#DATASET}. Each problem names both sides. Stateless.
 */
final class TaskMatch {

    private TaskMatch() {
    }

    /** The mismatches of the trainer and the family with the application; any argument may be null (unresolved). */
    static Seq<Problem> problems(Plugin family, Plugin trainer, Plugin application) {
        if (application == null) {
            return List.empty();
        }
        List<Problem> out = List.empty();
        Set<String> provided = tasks(application);
        if (trainer != null) {
            Set<String> trainsOn = tasks(trainer);
            if (trainsOn.stream().noneMatch(provided::contains)) {
                out = out.append(Problem.of("trainer", "trainer '" + trainer.id() + "' trains on "
                        + String.join(" or ", trainsOn) + ", which application '" + application.id()
                        + "' does not provide (it provides: " + String.join(", ", provided) + ")"));
            }
        }
        if (family != null) {
            out = out.appendAll(unoffered("data.app", "application", application, family));
        }
        return out;
    }

    /**
     * The problem, under {@code key}, of a plugin ({@code kind} {@code requirer}: a trainer or an
     * application) that requires capabilities the family does not offer, naming both; empty when it
     * offers them all.
     */
    static List<Problem> unoffered(String key, String kind, Plugin requirer, Plugin family) {
        Set<String> missing = new TreeSet<>(requirer.info().capabilities());
        missing.removeAll(family.info().capabilities());
        if (missing.isEmpty()) {
            return List.empty();
        }
        return List.of(Problem.of(key, kind + " '" + requirer.id() + "' requires " + String.join(", ", missing)
                + ", which family '" + family.id() + "' does not offer (it offers: "
                + (family.info().capabilities().isEmpty() ? "nothing"
                : String.join(", ", new TreeSet<>(family.info().capabilities()))) + ")"));
    }

    /** The kinds of task a trainer trains on or an application provides, sorted; datasets when it names none. */
    static Set<String> tasks(Plugin plugin) {
        Set<String> t = new TreeSet<>(plugin.info().tasks());
        if (t.isEmpty()) {
            t.add(PluginProperties.DATASET);
        }
        return t;
    }

    /** Whether a job of this trainer on this application acts in an environment rather than learning from datasets. */
    static boolean onEnvironment(Plugin trainer, Plugin application) {
        return tasks(trainer).contains(PluginProperties.ENVIRONMENT)
                && tasks(application).contains(PluginProperties.ENVIRONMENT);
    }
}
