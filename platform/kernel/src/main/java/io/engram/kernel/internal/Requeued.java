package io.engram.kernel.internal;

import io.engram.api.Problem;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.Set;

/**
 * Resolves, on its job thread, the spec of a job that was queued when the process stopped: it is
 * validated again with the plugins installed now. Plugin bundles may register their services after
 * the job manager started, so while the only trouble is a plugin the spec names that is not there,
 * it tries again for up to {@link #waiting} before giving up. Stateless apart from its validator;
 * thread-safe.
 */
final class Requeued {

    /** How long a requeued job waits for the plugins its spec names. */
    static final Duration PLUGIN_WAIT = Duration.ofSeconds(30);
    private static final Set<String> PLUGIN_KEYS = Set.of("model.family", "trainer", "data.app", "backend",
            SpecValidator.FALLBACK);
    private static final long PAUSE_MS = 200;

    private final SpecValidator validator;
    private final Duration waiting;

    Requeued(SpecValidator validator, Duration waiting) {
        this.validator = validator;
        this.waiting = waiting;
    }

    /** The job's spec resolved, or every problem it still has once the wait is over or the job was cancelled. */
    Validation<Seq<Problem>, ResolvedSpec> resolve(JobRecord rec) throws InterruptedException {
        long deadline = System.nanoTime() + waiting.toNanos();
        while (true) {
            Validation<Seq<Problem>, ResolvedSpec> v = validator.validate(rec.info().spec());
            if (v.isValid() || rec.cancelRequested() || System.nanoTime() - deadline >= 0
                    || v.getError().forAll(p -> !PLUGIN_KEYS.contains(p.where()))) {
                return v;
            }
            Thread.sleep(PAUSE_MS);
        }
    }
}
