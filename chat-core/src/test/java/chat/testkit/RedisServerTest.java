package chat.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Redis per test class: it answers on its own loopback port, keeps nothing on disk, comes
 * back on the same port after a stop or a kill, and a missing binary is a failure that says so.
 */
@Timeout(60)
class RedisServerTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    @Test
    void answersPingOnItsOwnLoopbackPort() {
        assertTrue(redis.isRunning());
        assertTrue(redis.port() > 0 && redis.port() != 6379, "port " + redis.port());
        assertEquals("redis://127.0.0.1:" + redis.port(), redis.uri());
        assertEquals("PONG", redis.command("PING"));
    }

    @Test
    void repliesComeBackAsJavaValues() {
        assertEquals("OK", redis.command("SET", "greeting", "héllo"));
        assertEquals("héllo", redis.command("GET", "greeting"));
        assertNull(redis.command("GET", "no-such-key"));
        assertEquals(1L, redis.command("INCR", "counter"));
        assertEquals(3L, redis.command("RPUSH", "history", "a", "b", "c"));
        assertEquals(List.of("b", "c"), redis.command("LRANGE", "history", "1", "-1"));
        Object refused = redis.command("NO-SUCH-COMMAND");
        assertTrue(refused instanceof Resp.Error error && error.message().startsWith("ERR unknown command"), "" + refused);
    }

    @Test
    void listensOnLoopbackOnlyAndKeepsNothingOnDisk() throws IOException {
        assertEquals(List.of("bind", "127.0.0.1"), redis.command("CONFIG", "GET", "bind"));
        assertEquals(List.of("save", ""), redis.command("CONFIG", "GET", "save"));
        assertEquals(List.of("appendonly", "no"), redis.command("CONFIG", "GET", "appendonly"));
        Path dir = directoryOf(redis);
        Path temp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath(); // Redis reports its real cwd
        assertTrue(dir.startsWith(temp) && dir.getFileName().toString().startsWith("chat-redis-"), "dir " + dir);
    }

    @Test
    void restartsOnTheSamePortAfterAStopWithNothingKept() throws IOException {
        int port = redis.port();
        Path dir = directoryOf(redis);
        redis.command("SET", "survives", "no");

        redis.stop();
        assertFalse(redis.isRunning());
        assertThrows(UncheckedIOException.class, () -> redis.command("PING"));
        redis.start();

        assertEquals(port, redis.port());
        assertEquals("PONG", redis.command("PING"));
        assertNull(redis.command("GET", "survives"), "no snapshot was written, so none was loaded");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("redis.log")), files.toList(), "nothing but the log in its directory");
        }
    }

    @Test
    void aKillCutsClientsOffAndARestartTakesThemBack() throws IOException {
        int port = redis.port();
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.getOutputStream().write(Resp.encode("PING"));
            InputStream in = new BufferedInputStream(client.getInputStream());
            assertEquals("PONG", Resp.read(in));

            redis.kill();

            assertFalse(redis.isRunning());
            assertThrows(IOException.class, () -> Resp.read(in), "the connection is gone with the process");
        }
        redis.start();
        assertEquals(port, redis.port());
        assertEquals("PONG", redis.command("PING"));
    }

    @Test
    void startingWhileRunningIsRefused() {
        IllegalStateException error = assertThrows(IllegalStateException.class, redis::start);
        assertEquals("Redis is already running on port " + redis.port(), error.getMessage());
    }

    @Test
    void aPasswordIsRequiredAndCarriedInTheUri() throws IOException {
        RedisServer guarded = new RedisServer().password("s3cret-pass");
        try {
            guarded.start();

            assertEquals("redis://:s3cret-pass@127.0.0.1:" + guarded.port(), guarded.uri());
            assertEquals("PONG", guarded.command("PING"), "command() authenticates");
            try (Socket anonymous = new Socket("127.0.0.1", guarded.port())) {
                anonymous.getOutputStream().write(Resp.encode("PING"));
                Object refused = Resp.read(new BufferedInputStream(anonymous.getInputStream()));
                assertTrue(refused instanceof Resp.Error error && error.message().startsWith("NOAUTH"), "" + refused);
            }
            assertThrows(IllegalStateException.class, () -> guarded.password("other"), "not while running");
        } finally {
            guarded.close();
        }
        assertThrows(IllegalArgumentException.class, () -> new RedisServer().password("needs escaping@"));
    }

    @Test
    void closeStopsRedisAndDeletesItsDirectory() {
        RedisServer once = new RedisServer();
        once.start();
        int port = once.port();
        Path dir = directoryOf(once);

        once.close();

        assertFalse(once.isRunning());
        assertFalse(Files.exists(dir), dir + " is left behind");
        assertThrows(IllegalStateException.class, once::port, "the port is given up");
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(), "nothing listens any more");
    }

    @Test
    void aMissingBinaryFailsWithOneLineSayingHowToInstallIt() {
        RedisServer absent = new RedisServer().binary("no-such-redis-server-anywhere");

        AssertionError error = assertThrows(AssertionError.class, absent::start);

        assertEquals("no-such-redis-server-anywhere not found on PATH: install Redis (Debian: apt-get install"
                + " redis-server); .ci/run installs it", error.getMessage());
        assertFalse(absent.isRunning());
    }

    /** Where Redis keeps its files, as Redis itself says. */
    private static Path directoryOf(RedisServer server) {
        return Path.of((String) ((List<?>) server.command("CONFIG", "GET", "dir")).get(1));
    }
}
