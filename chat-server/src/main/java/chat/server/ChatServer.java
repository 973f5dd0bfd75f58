package chat.server;

import java.io.IOException;

/**
 * A running chat server: binds, then runs its reactor on a thread of its own. The handle used
 * by {@link ServerMain} and by tests that need a real server on a loopback port.
 *
 * <p>Any thread may call {@link #port()}, {@link #stop()} and {@link #close()}.
 */
public final class ChatServer implements AutoCloseable {

    /** Binds to {@code config.host():config.port()} and starts serving. */
    public static ChatServer start(ServerConfig config) throws IOException {
        throw new UnsupportedOperationException("under construction");
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        throw new UnsupportedOperationException("under construction");
    }

    /** Asks the server to shut down gracefully: users are told, output flushed for a few seconds. */
    public void stop() {
        throw new UnsupportedOperationException("under construction");
    }

    /** Waits until the reactor thread has finished, at most {@code millis}; true if it has. */
    public boolean awaitTermination(long millis) throws InterruptedException {
        throw new UnsupportedOperationException("under construction");
    }

    /** {@link #stop()}, then waits for the reactor to finish. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("under construction");
    }
}
