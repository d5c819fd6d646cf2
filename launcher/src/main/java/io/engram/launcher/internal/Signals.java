package io.engram.launcher.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a call of a replaceable action instead of the JVM's immediate
 * shutdown, so the launcher can cancel jobs, stop the framework and exit with its own status.
 * {@link #install} is called once, before the framework boots; a signal that arrives before a mode
 * sets its action is remembered and delivered when it does. Where the JVM does not allow handlers
 * (for example under -Xrs), the default handling stays. Thread-safe.
 */
final class Signals {

    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicReference<Runnable> action;

    private Signals(Runnable initial) {
        this.action = new AtomicReference<>(initial);
    }

    /** Handles TERM and INT with {@code initial} until {@link #onTerminate} replaces it. */
    static Signals install(Runnable initial) {
        Signals signals = new Signals(initial);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> signals.fire());
            } catch (IllegalArgumentException e) {
                System.err.println("engram: cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
        return signals;
    }

    private void fire() {
        requested.set(true);
        action.get().run();
    }

    /** Sets what a signal does from now on; runs it at once when a signal already came. */
    void onTerminate(Runnable next) {
        action.set(next);
        if (requested.get()) {
            next.run();
        }
    }

    boolean requested() {
        return requested.get();
    }
}
