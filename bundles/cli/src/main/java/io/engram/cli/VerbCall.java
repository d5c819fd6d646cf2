package io.engram.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * One invocation of a verb, as the launcher hands it over the service registry.
 *
 * <p>The launcher lives outside the framework, so a verb is registered as a
 * {@code java.util.function.Function<Map<String, Object>, Integer>} with the service property
 * {@value #VERB_PROPERTY}; only JDK types cross the boundary. The map holds:
 * <ul>
 *   <li>{@value #ARGS}: {@code List<String>}, the verb's arguments (paths already absolute);</li>
 *   <li>{@value #OUT}, {@value #ERR}: {@code PrintStream}s owned by the caller, never closed here;</li>
 *   <li>{@value #TTY}: {@code Boolean}, whether {@code out} is a terminal (optional, default false).</li>
 * </ul>
 * The function returns the process exit status and runs on the caller's thread; interrupting that
 * thread asks the verb to stop.
 *
 * @param args the verb's arguments
 * @param out  where results go
 * @param err  where problems go
 * @param tty  whether {@code out} is an interactive terminal
 */
public record VerbCall(List<String> args, PrintStream out, PrintStream err, boolean tty) {

    public static final String VERB_PROPERTY = "engram.verb";
    public static final String ARGS = "args";
    public static final String OUT = "out";
    public static final String ERR = "err";
    public static final String TTY = "tty";

    /** Exit status: success. */
    public static final int OK = 0;
    /** Exit status: the work was tried and failed. */
    public static final int FAILED = 1;
    /** Exit status: the input was wrong; nothing was run. */
    public static final int BAD_INPUT = 2;

    public VerbCall {
        args = List.copyOf(args);
    }

    /** Reads the map the launcher passes; a missing stream falls back to the JVM's. */
    public static VerbCall of(Map<String, Object> call) {
        List<String> args = call.get(ARGS) instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
        PrintStream out = call.get(OUT) instanceof PrintStream p ? p : System.out;
        PrintStream err = call.get(ERR) instanceof PrintStream p ? p : System.err;
        boolean tty = Boolean.TRUE.equals(call.get(TTY));
        return new VerbCall(args, out, err, tty);
    }
}
