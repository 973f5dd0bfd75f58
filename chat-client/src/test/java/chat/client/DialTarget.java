package chat.client;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;

/**
 * Where a test client's reconnects go: the port of the fake server that is up, or nowhere while
 * it is down (each dial refused, as a stopped server's port would). A server that comes back
 * gets a fresh port rather than the old one: on a shared machine another process may take a
 * freed port in between, and the client would then reach a stranger. The address the client
 * asks for is ignored: the test, not the client's list, says where a dial goes.
 *
 * <p>Threads: the test moves it; the client's link thread dials.
 */
final class DialTarget implements ServerRotation.Dialer {

    /** The port to dial; 0 while the server is down. */
    private volatile int port;

    DialTarget(int port) {
        this.port = port;
    }

    /** The server went away: dials are refused until {@link #up}. */
    void down() {
        port = 0;
    }

    /** A server is back, listening on {@code newPort}. */
    void up(int newPort) {
        port = newPort;
    }

    /** A one-server rotation whose every dial, the first one too, goes where this target says; call while up. */
    ServerRotation rotation() {
        return new ServerRotation(List.of(FakeServer.loopback(port)), this);
    }

    @Override
    public ServerLink dial(ServerAddress ignored) throws IOException {
        int current = port;
        if (current == 0) {
            throw new ConnectException("Connection refused (the test server is down)");
        }
        return ServerLink.connect(FakeServer.loopback(current));
    }
}
