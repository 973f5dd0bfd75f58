package chat.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on a free loopback port for each test, and the clients the test opened on it,
 * closed after the test whatever happened: the fixture every socket-level test shares.
 *
 * <pre>
 *   &#64;RegisterExtension
 *   final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(20, 0));
 *   ... TestClient ann = server.join(); ...
 * </pre>
 */
final class RunningServer implements BeforeEachCallback, AfterEachCallback {

    private final ServerConfig config;
    private final List<TestClient> clients = new ArrayList<>();
    private ChatServer server;

    /** {@code config}'s port is ignored: each test gets a free one. */
    RunningServer(ServerConfig config) {
        this.config = config.withPort(0);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = ChatServer.start(config);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        for (TestClient client : clients) {
            client.close();
        }
        clients.clear();
        server.close();
    }

    int port() {
        return server.port();
    }

    /** A client that has been welcomed (its default name known), closed after the test. */
    TestClient join() throws IOException {
        return track(TestClient.join(port()));
    }

    /** A client that connected and read nothing yet, closed after the test. */
    TestClient connect() throws IOException {
        return track(TestClient.connect(port()));
    }

    /** Closes {@code client} after the test. */
    TestClient track(TestClient client) {
        clients.add(client);
        return client;
    }

    void stop() {
        server.stop();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return server.awaitTermination(millis);
    }

    long queuedOutputBytes() throws Exception {
        return server.queuedOutputBytes();
    }
}
