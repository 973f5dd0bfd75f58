package chat.testkit;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One run of {@code redis-server} for {@link RedisServer}: the child process, started in its
 * directory with its output appended to {@code redis.log} there, and the ways it ends. Knows
 * nothing of ports or RESP; {@link RedisServer} tells it how to ask whether Redis is up.
 *
 * <p>Invariant: {@code logStart} is where this run's lines begin in the log, which earlier runs
 * in the same directory (restarts) have written before.
 *
 * <p>Thread: the test thread, except {@link #kill}, which a JVM shutdown hook may call.
 */
final class RedisProcess {

    /** Log bytes shown when Redis fails: its last lines, which say why. */
    private static final int LOG_TAIL_BYTES = 4 * 1024;

    private final Process process;
    private final Path log;
    private final long logStart;

    private RedisProcess(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** {@code program} as a shell would find it: a path if it has a slash, else the first on PATH; or null. */
    static Path locate(String program) {
        if (program.contains(File.separator)) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? path : null;
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return null;
        }
        for (String entry : searchPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue; // an empty entry means the working directory, which is never where Redis is meant to come from
            }
            Path candidate = Path.of(entry, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Starts {@code program arguments...} in {@code dir}; it may still be starting, or already gone. */
    static RedisProcess start(Path program, Path dir, String... arguments) {
        Path log = dir.resolve("redis.log");
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(arguments));
        try {
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new RedisProcess(process, log, logStart);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + program + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code ready} holds or the process has exited, whichever comes first; the
     * caller tells which by {@link #isAlive}. A Redis still not ready at {@code deadline} is
     * killed, and the wait fails with its log.
     */
    void awaitReady(Duration deadline, BooleanSupplier ready, String where) {
        try {
            Await.until(() -> !process.isAlive() || ready.getAsBoolean(), deadline,
                    () -> "redis-server to answer PING on " + where + "; its log:\n" + logSinceStart());
        } catch (AssertionError late) {
            kill(deadline);
            throw late;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status, or -1 while it runs. */
    int exitStatus() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGTERM, and SIGKILL if it has not exited within {@code deadline}; returns once it has. */
    void stop(Duration deadline) {
        process.destroy();
        if (!awaitExit(deadline)) {
            kill(deadline);
        }
    }

    /** SIGKILL; returns once the process is gone (and its port with it), or after {@code deadline}. */
    void kill(Duration deadline) {
        process.destroyForcibly();
        if (!awaitExit(deadline)) {
            throw new AssertionError("redis-server (pid " + process.pid() + ") still runs "
                    + deadline.toMillis() + " ms after SIGKILL");
        }
    }

    /** What this run has written to the log, at most its last {@value #LOG_TAIL_BYTES} bytes. */
    String logSinceStart() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(logStart, file.length() - LOG_TAIL_BYTES);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(the log cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Deletes {@code root} and everything under it. */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete Redis's directory " + root, e);
        }
    }

    private boolean awaitExit(Duration deadline) {
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
