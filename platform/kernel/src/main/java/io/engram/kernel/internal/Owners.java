package io.engram.kernel.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Names of processes that own jobs in a shared run store: {@code host/pid/start}, the host name, the
 * process id and its start time in milliseconds. A job whose owner is alive is left alone by another
 * process starting up; one whose owner is gone is taken over ({@link Restart}). An owner on another
 * host is taken to be alive, since it cannot be checked from here. Stateless and thread-safe.
 */
final class Owners {

    private static final String HOST = host();
    private static final String SELF = HOST + "/" + ProcessHandle.current().pid() + "/"
            + start(ProcessHandle.current()).orElse(0L);

    private Owners() {
    }

    /** This process. */
    static String self() {
        return SELF;
    }

    /** Whether {@code owner} names a process other than this one that still runs. */
    static boolean aliveElsewhere(String owner) {
        if (owner == null || owner.isEmpty() || owner.equals(self())) {
            return false;
        }
        String[] parts = owner.split("/");
        if (parts.length != 3) {
            return false;
        }
        if (!parts[0].equals(HOST)) {
            return true;
        }
        try {
            long pid = Long.parseLong(parts[1]);
            long started = Long.parseLong(parts[2]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(p -> start(p).map(s -> s == started).orElse(true)).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<Long> start(ProcessHandle p) {
        return p.info().startInstant().map(java.time.Instant::toEpochMilli);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
