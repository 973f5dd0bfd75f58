package chat.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.Await;
import chat.testkit.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Redis that wants a password: the URI's password works, and is never shown, logged or echoed. */
class ClusterPasswordTest {

    private static final String SECRET = "s3cret-Pa55";

    @RegisterExtension
    final RedisServer redis = new RedisServer().password(SECRET);

    private String uri(String password) {
        return "redis://:" + password + "@127.0.0.1:" + redis.port();
    }

    @Test
    void theRightPasswordJoinsTheChat() throws IOException {
        try (ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0).withRedis(uri(SECRET), "p"));
             TestClient ann = TestClient.join(server.port())) {
            ann.send("hello");
            ann.expect(ann.nick() + ": hello");
        }
    }

    @Test
    void aWrongPasswordIsOneLineWithoutThePassword() {
        ChatServer.StartupException refused = assertThrows(ChatServer.StartupException.class,
                () -> ChatServer.start(ServerConfig.defaults().withPort(0).withRedis(uri("wrong-" + SECRET), "p")));
        assertFalse(refused.getMessage().contains(SECRET), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());
        assertTrue(refused.getMessage().contains("redis://:***@127.0.0.1:" + redis.port()), refused.getMessage());
    }

    @Test
    void theLogNeverShowsThePassword() throws Exception {
        Path logFile = Files.createTempFile("chat-server", ".log");
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Dorg.slf4j.simpleLogger.logFile=System.err", "-cp", System.getProperty("java.class.path"), "chat.server.ServerMain", "--port", "0",
                "--redis", uri(SECRET), "--node", "p")
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        try {
            Await.until("the server to listen", Duration.ofSeconds(20), () -> read(logFile).contains("listening on"));
            server.destroy(); // SIGTERM: the shutdown's lines are checked too
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server exits");
        } finally {
            server.destroyForcibly();
        }
        String log = read(logFile);
        assertTrue(log.contains("redis://:***@"), log);
        assertFalse(log.contains(SECRET), log);
        Files.deleteIfExists(logFile);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
