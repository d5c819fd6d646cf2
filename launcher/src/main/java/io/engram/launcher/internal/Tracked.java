package io.engram.launcher.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A service held for the length of a try block: opening waits (up to {@link #WAIT}) for it, closing
 * releases it. A service factory such as ConfigAdmin's invalidates its object once released, so the
 * object must not be used after {@link #close}. One thread uses an instance.
 *
 * @param <T> the service type
 */
final class Tracked<T> implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final ServiceTracker<T, T> tracker;
    private final T service;

    private Tracked(ServiceTracker<T, T> tracker, T service) {
        this.tracker = tracker;
        this.service = service;
    }

    static <T> Tracked<T> open(BundleContext context, Class<T> type) throws IOException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            return new Tracked<>(tracker, tracker.waitForService(WAIT.toMillis()));
        } catch (InterruptedException e) {
            tracker.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + type.getName(), e);
        }
    }

    /** The service, or empty when it did not appear in time. */
    Optional<T> service() {
        return Optional.ofNullable(service);
    }

    @Override
    public void close() {
        tracker.close();
    }
}
