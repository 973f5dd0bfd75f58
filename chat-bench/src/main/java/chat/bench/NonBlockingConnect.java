package chat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking TCP connect carried by an event loop's selector: the part every
 * {@link Endpoint} that dials the server shares (pool connections and churn cycles).
 *
 * <p>Two steps: {@link #start} begins the connect and registers the channel, {@link #finish}
 * completes it when the selector reports OP_CONNECT. Invariant: the key's interest is
 * OP_CONNECT exactly while the connect is pending, and becomes OP_READ the moment the channel
 * is connected (at once, or in {@link #finish}); what an endpoint does with a connected channel
 * is its own business.
 *
 * <p>The caller opens and owns the channel, and keeps it before calling {@link #start}: so it
 * can set socket options before the connect, and its own close path releases the socket
 * whichever step throws. Stateless; every call runs on the owning loop's thread.
 */
final class NonBlockingConnect {

    private NonBlockingConnect() {
    }

    /**
     * Makes {@code channel} non-blocking, starts connecting it to {@code target} and registers it
     * with {@code selector}, {@code endpoint} attached. A local connect may complete at once:
     * then the channel {@link SocketChannel#isConnected() is connected} and registered for
     * OP_READ; otherwise it is pending and registered for OP_CONNECT.
     */
    static SelectionKey start(SocketChannel channel, Selector selector, InetSocketAddress target, Endpoint endpoint)
            throws IOException {
        channel.configureBlocking(false);
        int ops = channel.connect(target) ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT;
        return channel.register(selector, ops, endpoint);
    }

    /**
     * Completes a pending connect when its key is connectable: true once connected (interest is
     * then OP_READ), false if it is still pending (a spurious wake-up: wait for the next one).
     *
     * @throws IOException if the connect failed (refused, unreachable, timed out)
     */
    static boolean finish(SelectionKey key) throws IOException {
        if (!((SocketChannel) key.channel()).finishConnect()) {
            return false;
        }
        key.interestOps(SelectionKey.OP_READ);
        return true;
    }
}
