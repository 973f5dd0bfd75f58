package chat.client;

import java.io.IOException;
import java.util.List;

/**
 * The servers the client may use, in the order the user gave them, and which one the next dial
 * goes to. Every dial, answered or not, moves the turn on to the one after, wrapping round from
 * the last to the first: the servers share one chat, so a lost or refusing server hands over
 * to the next instead of being retried while another may be up. With one server every dial
 * goes to it, as before there were several.
 *
 * <p>Threads: not thread-safe, and used by one thread at a time: {@link ClientMain}'s for the
 * first connection, then the link thread's ({@link Reconnector}), which {@code Thread.start}
 * hands it over to with everything done before visible.
 *
 * <p>Invariants: the list is not empty and never changes; {@code 0 <= turn < size()}.
 */
public final class ServerRotation {

    /** Opens a connection to one server: the seam tests use to count, fail or redirect dials. */
    @FunctionalInterface
    public interface Dialer {
        /**
         * @throws java.net.UnknownHostException if the name does not resolve
         * @throws IOException if the connection is refused or times out
         */
        ServerLink dial(ServerAddress server) throws IOException;
    }

    private final List<ServerAddress> servers;
    private final Dialer dialer;
    /** Index of the server the next {@link #dial} goes to. */
    private int turn;

    /** Starts with the first of {@code servers}. */
    public ServerRotation(List<ServerAddress> servers, Dialer dialer) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one server is needed");
        }
        this.servers = List.copyOf(servers);
        this.dialer = dialer;
    }

    /** Real TCP connections to {@code servers}. */
    public static ServerRotation overTcp(List<ServerAddress> servers) {
        return new ServerRotation(servers, ServerLink::connect);
    }

    /** How many servers there are: one round of dials tries each once. */
    public int size() {
        return servers.size();
    }

    /** The server the next {@link #dial} goes to. */
    public ServerAddress next() {
        return servers.get(turn);
    }

    /** Dials {@link #next()}; the turn moves on whether or not it answers. */
    public ServerLink dial() throws IOException {
        ServerAddress target = next();
        turn = (turn + 1) % servers.size();
        return dialer.dial(target);
    }
}
