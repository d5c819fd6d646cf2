package io.engram.bench;

import io.vavr.control.Either;
import java.util.List;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Measures configs on a backend found by id in the service registry, with the family found by id.
 *
 * <p>Lifecycle: registered by the {@code io.engram.bench} bundle. {@link #run} runs on the
 * caller's thread, one config and mode after the other (never two at once: calls are serialised,
 * so timings do not disturb each other); interrupting the caller stops it after the current
 * iteration. Thread-safe.
 */
@ProviderType
public interface Benchmarks {

    /**
     * Runs every config of {@code options} in every mode, in order.
     *
     * @param results receives each result as soon as it is measured
     * @param notes   receives progress lines for people (which backend, which family version, ...)
     * @return every result, or why the run could not go on (the backend or a family is missing or
     *         unavailable, the backend does not take the thread count, interrupted); results
     *         already handed to {@code results} stay valid
     */
    Either<String, List<BenchResult>> run(BenchOptions options, Consumer<BenchResult> results, Consumer<String> notes);
}
