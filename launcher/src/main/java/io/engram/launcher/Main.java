package io.engram.launcher;

import java.lang.reflect.InvocationTargetException;

/**
 * Entry point of the {@code engram} command. Compiled for Java 8 so that an older Java reaches the
 * version check and prints one line; everything else needs Java 17 and is loaded only after it.
 */
public final class Main {

    static final int REQUIRED = 17;

    private Main() {
    }

    public static void main(String[] args) throws Throwable {
        String spec = System.getProperty("java.specification.version", "0");
        if (feature(spec) < REQUIRED) {
            System.err.println("engram: Java " + REQUIRED + " or newer is required; this is Java " + spec
                    + " at " + System.getProperty("java.home") + " (set JAVA_HOME to a newer one)");
            System.exit(1);
        }
        try {
            Class.forName("io.engram.launcher.internal.Engram").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17. */
    static int feature(String spec) {
        String s = spec.startsWith("1.") ? spec.substring(2) : spec;
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
    }
}
