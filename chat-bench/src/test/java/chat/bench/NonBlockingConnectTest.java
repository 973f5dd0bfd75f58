package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared non-blocking connect, on loopback: interest follows the connect's state, failures surface as IOException. */
@Timeout(10)
class NonBlockingConnectTest {

    @Test
    void aConnectEndsRegisteredForReading() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open();
                Selector selector = Selector.open();
                SocketChannel channel = SocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            // No endpoint: the selector is never dispatched here, only watched.
            SelectionKey key = NonBlockingConnect.start(channel, selector, (InetSocketAddress) server.getLocalAddress(), null);

            assertFalse(channel.isBlocking(), "non-blocking");
            if (!channel.isConnected()) {
                assertEquals(SelectionKey.OP_CONNECT, key.interestOps(), "pending: waiting to connect");
                boolean connected = false;
                while (!connected) {
                    selector.select();
                    selector.selectedKeys().clear();
                    connected = NonBlockingConnect.finish(key);
                }
            }
            assertTrue(channel.isConnected());
            assertEquals(SelectionKey.OP_READ, key.interestOps(), "connected: reading");
            try (SocketChannel accepted = server.accept()) {
                assertNotNull(accepted);
            }
        }
    }

    @Test
    void aRefusedConnectThrows() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort);
        try (Selector selector = Selector.open(); SocketChannel channel = SocketChannel.open()) {
            // The refusal may come from connect itself or, later, from finishConnect: either way it throws.
            assertThrows(ConnectException.class, () -> {
                SelectionKey key = NonBlockingConnect.start(channel, selector, nobody, null);
                while (!NonBlockingConnect.finish(key)) {
                    selector.select();
                    selector.selectedKeys().clear();
                }
            });
        }
    }
}
