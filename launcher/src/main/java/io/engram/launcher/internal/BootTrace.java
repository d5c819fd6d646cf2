package io.engram.launcher.internal;

/**
 * Where a boot spends its time: with the system property {@code engram.boot.trace} set
 * ({@code ENGRAM_OPTS=-Dengram.boot.trace=true}), each {@link #mark} prints to standard error the
 * milliseconds since the JVM started and since the previous mark. Off, it does nothing. Used by one
 * thread.
 */
final class BootTrace {

    private final boolean on;
    private long last;

    private BootTrace(boolean on) {
        this.on = on;
        this.last = System.nanoTime();
    }

    static BootTrace fromSystem() {
        return new BootTrace(Boolean.getBoolean("engram.boot.trace"));
    }

    void mark(String what) {
        if (!on) {
            return;
        }
        long now = System.nanoTime();
        long sinceStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.err.printf(java.util.Locale.ROOT, "boot %6d ms %+6d ms  %s%n", sinceStart, (now - last) / 1_000_000, what);
        last = now;
    }
}
