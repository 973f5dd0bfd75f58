package chat.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers and clients a test opened, and the one way it joins a user under a name; closed
 * together after the test, clients first (so that no server waits for them at shutdown). A test
 * class keeps one and calls {@link #close} from its {@code @AfterEach}, which JUnit runs before
 * an extension's own clean-up, such as the {@code RedisServer} the servers share.
 */
final class Opened implements AutoCloseable {

    private final List<ChatServer> servers = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();

    /** {@code server}, to be closed after the test. */
    ChatServer server(ChatServer server) {
        servers.add(server);
        return server;
    }

    /** {@code client}, opened some other way, to be closed after the test. */
    TestClient client(TestClient client) {
        clients.add(client);
        return client;
    }

    /** A client welcomed by {@code server}, under its default name. */
    TestClient join(ChatServer server) throws IOException {
        return client(TestClient.join(server.port()));
    }

    /** A client welcomed by {@code server} and renamed {@code nick}, the rename seen. */
    TestClient joinAs(ChatServer server, String nick) throws IOException {
        return joinAs(server.port(), nick);
    }

    /** As {@link #joinAs(ChatServer, String)}, by port (a server restarted on the port it had). */
    TestClient joinAs(int port, String nick) throws IOException {
        TestClient client = client(TestClient.join(port));
        client.send("/nick " + nick);
        client.expect("*** " + client.nick() + " is now known as " + nick);
        return client;
    }

    @Override
    public void close() throws IOException {
        for (TestClient client : clients) {
            client.close();
        }
        for (ChatServer server : servers) {
            server.close();
        }
    }
}
