package io.engram.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code bin/engram} of an {@link Installation} run as a real process, its output captured to
 * files. Every wait is bounded; {@link #close} kills the process and its children if still alive.
 */
final class EngramProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String command;

    private EngramProcess(Process process, Path stdout, Path stderr, String command) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.command = command;
    }

    static EngramProcess start(Path home, Map<String, String> env, String... args) throws IOException {
        return startIn(home, home, env, args);
    }

    /** Starts {@code bin/engram} of {@code home} with {@code dir} as its working directory. */
    static EngramProcess startIn(Path dir, Path home, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/engram").toString());
        cmd.addAll(List.of(args));
        Path logs = Files.createDirectories(home.resolve("../logs"));
        String stamp = Long.toString(System.nanoTime());
        Path out = logs.resolve(stamp + ".out");
        Path err = logs.resolve(stamp + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ENGRAM_"));
        pb.environment().put("ENGRAM_OPTS", "-Xmx512m");
        pb.environment().putAll(env);
        return new EngramProcess(pb.start(), out, err, String.join(" ", cmd));
    }

    /** Writes a line to the process's standard input and keeps it open. */
    void type(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Writes to the process's standard input and closes it. */
    void input(String text) throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Waits for the exit status; fails the test (with the output) when it takes longer than {@code limit}. */
    int waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            fail(command + " did not end within " + limit.toSeconds() + " s\n" + transcript());
        }
        return process.exitValue();
    }

    /** Waits until standard output satisfies the predicate; fails when the process ends first or time runs out. */
    String awaitOutput(Predicate<String> ready, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String out = out();
            if (ready.test(out)) {
                return out;
            }
            if (!process.isAlive()) {
                fail(command + " ended with " + process.exitValue() + " before the expected output\n" + transcript());
            }
            Thread.sleep(100);
        }
        close();
        fail(command + ": expected output did not appear within " + limit.toSeconds() + " s\n" + transcript());
        return null;
    }

    /** Sends SIGTERM. */
    void terminate() {
        process.destroy();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * The process id of the JVM that {@code bin/engram} runs: the script execs java, so it is
     * the process itself unless a shell in between left java as its child.
     */
    long javaPid() {
        return process.descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
    }

    /**
     * A figure of {@code /proc/<pid>/status} of the JVM, in kB: {@code VmHWM} (peak resident set)
     * or {@code VmRSS} (resident now); -1 where /proc cannot tell (not Linux, process gone).
     */
    long memoryKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(javaPid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Sends SIGKILL to the JVM (kill -9: no shutdown hook runs) and waits for it to end. */
    void kill() throws InterruptedException {
        ProcessHandle.of(javaPid()).ifPresent(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail(command + " outlived SIGKILL for 30 s");
        }
    }

    String out() {
        return read(stdout);
    }

    String err() {
        return read(stderr);
    }

    String transcript() {
        return "--- stdout\n" + out() + "--- stderr\n" + err();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
