package chat.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for a test, on a loopback port of its own, with nothing on disk
 * but a temporary directory of its own. A JUnit 5 extension:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RedisServer redis = new RedisServer();      // one Redis for the class
 *
 * &#64;RegisterExtension
 * final RedisServer redis = new RedisServer();             // a fresh Redis for each test
 * </pre>
 *
 * <p>In a static field it starts before the class's first test and stops after its last; if a
 * test leaves it stopped or killed, it is started again, on the same port, before the next test
 * (the data does not survive that, nor is it cleared between tests otherwise). In an instance
 * field it starts before each test and stops after it. Either way it can also be driven by hand
 * ({@link #start}, {@link #stop}, {@link #kill}, {@link #close}), without the extension.
 *
 * <p>Redis runs as {@code redis-server --port P --bind 127.0.0.1 --save "" --appendonly no
 * --dir TEMP} (plus {@code --requirepass} if a {@link #password} is set): no snapshots, no
 * append-only file, no config file, and its log goes to {@code TEMP/redis.log}. The port is
 * picked free on the first start and kept for the instance's life, so a test can restart Redis
 * under a running chat server and the server's URI still holds. A missing {@code redis-server}
 * fails the test, never skips it: a test that needs Redis and did not run would pass CI
 * unnoticed.
 *
 * <p>Invariants: {@link #port()} is 0 until the first start and then fixed until {@link
 * #close}; {@code process} is non-null exactly while a Redis this instance started may be
 * running; the temporary directory exists from the first start until {@link #close}.
 *
 * <p>Thread: the test thread (a shutdown hook aside, which kills a Redis left running when the
 * JVM exits). Not for tests that run in parallel over one instance.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The default program: looked up on PATH, like a shell would. */
    public static final String BINARY = "redis-server";
    /** How long Redis gets to answer its first PING, and to exit once asked to. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    /** A connect to a Redis that is up takes microseconds; this only bounds a wedged one. */
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final int REPLY_TIMEOUT_MILLIS = 5_000;
    /** Fresh ports tried on a first start when another process takes the one picked meanwhile. */
    private static final int PORT_ATTEMPTS = 5;
    /** Characters a password may have: those a URI carries as they are (RFC 3986's unreserved). */
    private static final Pattern URI_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final InetAddress LOOPBACK = loopback();

    private String binary = BINARY;
    private String password;
    private int port;
    private Path dir;
    /** Volatile for the shutdown hook, which reads it from its own thread. */
    private volatile RedisProcess process;
    /** Class scopes (the class and its @Nested classes) now open: 0 for an instance field. */
    private int classScopes;
    /** Stops Redis if the JVM exits with it running (a test that forgot, a killed fork). */
    private Thread shutdownHook;

    /** A Redis run from {@value #BINARY} on PATH, without a password. */
    public RedisServer() {
    }

    /**
     * Runs {@code program} instead of {@value #BINARY}: a name looked up on PATH, or a path. Set
     * before the first start.
     */
    public RedisServer binary(String program) {
        if (program == null || program.isBlank()) {
            throw new IllegalArgumentException("the program must be named");
        }
        this.binary = program;
        return this;
    }

    /**
     * Makes Redis require {@code secret} ({@code --requirepass}) from the next start on; {@link
     * #uri()} then carries it, and {@link #command} authenticates with it. Letters, digits and
     * {@code . _ ~ -} only, so that the URI holds it as it is.
     */
    public RedisServer password(String secret) {
        if (secret == null || !URI_SAFE.matcher(secret).matches()) {
            throw new IllegalArgumentException("a password of letters, digits and . _ ~ - please, got " + secret);
        }
        if (isRunning()) {
            throw new IllegalStateException("set the password while Redis is stopped; it is running on port " + port);
        }
        this.password = secret;
        return this;
    }

    /** The port Redis listens on (127.0.0.1 only). */
    public int port() {
        if (port == 0) {
            throw new IllegalStateException("Redis has not been started yet");
        }
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}, or {@code redis://:PASSWORD@127.0.0.1:PORT} with a password. */
    public String uri() {
        String credentials = password == null ? "" : ":" + password + "@";
        return "redis://" + credentials + "127.0.0.1:" + port();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts Redis and returns once it answers PING: on a free port the first time, on the same
     * port after a {@link #stop} or {@link #kill}.
     *
     * @throws AssertionError if {@code redis-server} is not on PATH, or Redis does not come up
     * @throws IllegalStateException if it is already running
     */
    public void start() {
        if (isRunning()) {
            throw new IllegalStateException("Redis is already running on port " + port);
        }
        process = null; // one that died by itself: forget it
        Path program = RedisProcess.locate(binary);
        if (program == null) {
            throw new AssertionError(binary + " not found on PATH: install Redis (Debian: apt-get install redis-server);"
                    + " .ci/run installs it");
        }
        prepareDirectory();
        if (port != 0) {
            launch(program, port, false);
            return;
        }
        // The probe's port is free when it closes, but another process may take it before Redis
        // binds it: then Redis exits at once, and a fresh port is as good as this one.
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int candidate = freePort();
            if (launch(program, candidate, attempt < PORT_ATTEMPTS)) {
                port = candidate;
                return;
            }
        }
    }

    /** Stops Redis: SIGTERM, then SIGKILL if it has not exited within {@link #DEADLINE}. Nothing if not running. */
    public void stop() {
        if (process != null) {
            process.stop(DEADLINE);
            process = null;
        }
    }

    /** Kills Redis with SIGKILL, as a crash would, and waits for it to be gone. Nothing if not running. */
    public void kill() {
        if (process != null) {
            process.kill(DEADLINE);
            process = null;
        }
    }

    /**
     * Stops Redis and deletes its directory; the next {@link #start} picks a new port. The
     * extension calls this at the end of its scope.
     */
    public void close() {
        stop();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it stops nothing, the process is gone
            }
            shutdownHook = null;
        }
        if (dir != null) {
            RedisProcess.deleteTree(dir);
            dir = null;
        }
        port = 0;
    }

    /**
     * Sends one command over a fresh connection (after AUTH, if a password is set) and returns
     * the reply as {@link Resp} maps it: String, Long, {@code List<Object>}, null, or a {@link
     * Resp.Error} (a refused AUTH comes back as that too).
     *
     * @throws UncheckedIOException if Redis does not answer (it is stopped, say)
     */
    public Object command(String... args) {
        return send(port(), args);
    }

    @Override
    public String toString() {
        return "Redis on 127.0.0.1:" + (port == 0 ? "(not started)" : port) + (isRunning() ? "" : ", stopped");
    }

    // ---- the extension --------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) {
        classScopes++;
        if (!isRunning()) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // An instance field's first start; or, in a static field, a test before this one left
        // Redis stopped or killed, and this test should not inherit that.
        if (!isRunning()) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (classScopes == 0) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classScopes == 0) {
            close();
        }
    }

    // ---- starting -------------------------------------------------------------------------------

    private void prepareDirectory() {
        if (dir != null) {
            return;
        }
        try {
            dir = Files.createTempDirectory("chat-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for Redis", e);
        }
        shutdownHook = new Thread(() -> {
            RedisProcess running = process;
            if (running != null) {
                running.kill(DEADLINE);
            }
        }, "redis-server-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Runs Redis on {@code onPort} and waits for its PING. Returns false if it exited because the
     * port was taken and {@code mayRetry}; otherwise a Redis that does not come up fails.
     */
    private boolean launch(Path program, int onPort, boolean mayRetry) {
        RedisProcess started = RedisProcess.start(program, dir, redisArguments(onPort));
        process = started;
        started.awaitReady(DEADLINE, () -> answersPing(onPort), "127.0.0.1:" + onPort);
        if (started.isAlive()) {
            return true;
        }
        process = null;
        String log = started.logSinceStart();
        if (mayRetry && log.contains("Address already in use")) {
            return false;
        }
        throw new AssertionError(program + " exited (status " + started.exitStatus() + ") before answering PING on 127.0.0.1:"
                + onPort + (log.contains("Address already in use") ? ": the port is taken" : "") + "; its log:\n" + log);
    }

    private String[] redisArguments(int onPort) {
        String[] base = {
            "--port", Integer.toString(onPort),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", dir.toString(),
        };
        if (password == null) {
            return base;
        }
        String[] withPassword = Arrays.copyOf(base, base.length + 2);
        withPassword[base.length] = "--requirepass";
        withPassword[base.length + 1] = password;
        return withPassword;
    }

    /** True once Redis on {@code onPort} answers PING (with PONG, after AUTH if need be). */
    private boolean answersPing(int onPort) {
        try {
            return "PONG".equals(send(onPort, "PING"));
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    /** One command on a fresh connection to {@code toPort}, after AUTH if there is a password. */
    private Object send(int toPort, String... args) {
        byte[] request = Resp.encode(args);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, toPort), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(REPLY_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            // Pipelined: AUTH and the command in one write, their replies read in order.
            if (password != null) {
                out.write(Resp.encode("AUTH", password));
            }
            out.write(request);
            out.flush();
            if (password != null) {
                Object auth = Resp.read(in);
                if (auth instanceof Resp.Error) {
                    return auth;
                }
            }
            return Resp.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no reply from Redis on 127.0.0.1:" + toPort + " to " + args[0]
                    + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    private static InetAddress loopback() {
        try {
            // 127.0.0.1 itself, not "localhost", which may name ::1 where Redis is not bound.
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }
}
