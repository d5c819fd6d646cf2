package io.engram.kernel.internal;

/**
 * Says why a job ended by a throwable, in the words its record shows: an exception by its message;
 * running out of memory with the JVM's heap limit and how to raise it; a stack overflow as such;
 * any other error by its kind and message. Stateless and thread-safe; allocates little, since it
 * may run just after an {@link OutOfMemoryError}.
 */
final class Failures {

    private static final long MIB = 1024 * 1024;

    private Failures() {
    }

    static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            long max = Runtime.getRuntime().maxMemory();
            return "out of memory: " + message(t) + " (the JVM's max heap is "
                    + (max == Long.MAX_VALUE ? "unlimited" : max / MIB + " MiB")
                    + "; give it more with -Xmx, for example ENGRAM_OPTS=-Xmx4g, or make the job smaller)";
        }
        if (t instanceof StackOverflowError) {
            return "stack overflow: the computation nested deeper than the job thread's stack allows"
                    + " (StackOverflowError)";
        }
        if (t instanceof Exception) {
            return message(t);
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** The throwable's message, or its kind when it has none. */
    static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
