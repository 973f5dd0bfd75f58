package chat.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * What a {@link Connection} reads from and writes to: the socket itself ({@link PlainTransport})
 * or TLS over it ({@link TlsTransport}). The connection's intake, output and caps are the same
 * above either, so the chat, the limits and the slow-reader caps cannot differ between ports.
 *
 * <p>Reactor thread only.
 */
sealed interface Transport permits PlainTransport, TlsTransport {

    /** Makes a connection's transport over its freshly accepted socket. */
    @FunctionalInterface
    interface Factory {
        Transport open(SocketChannel socket, TlsTransport.Owner owner);
    }

    /** How far a handshake got. */
    enum Handshake {
        /** Data can flow. */
        DONE,
        /** Waiting for the peer, the socket, a delegated task or a turn: the transport resumes its owner. */
        WAITING,
        /** The peer's first bytes were plain text: it is told so, in plain text ({@link #write} writes it raw). */
        PLAIN_TEXT,
        /** The peer went away before the handshake ended. */
        ENDED
    }

    /** True if this transport needs {@link #handshake} before data flows. */
    boolean needsHandshake();

    /** Takes the handshake as far as it can go now, reading the peer's first bytes into {@code scratch}. */
    Handshake handshake(ByteBuffer scratch) throws IOException;

    /** Reads what there is into {@code dst}: the bytes read, 0 if none now, -1 at the end of input. */
    int read(ByteBuffer dst) throws IOException;

    /** Writes from {@code src} what the socket takes; the bytes of {@code src} taken. */
    int write(ByteBuffer src) throws IOException;

    /**
     * Bytes {@link #write} took but the socket has not: an encrypted record waiting. Charged to
     * the connection's output with its queue, so a slow reader's every queued byte counts.
     */
    long heldOutputBytes();

    /** True if input was taken from the socket but not yet returned: the selector will not announce it. */
    boolean holdsInput();

    /** The end of our output: the peer sees the end of its input (TLS: close_notify first). */
    void shutdownOutput() throws IOException;

    /** Closes the socket (TLS: close_notify first if not yet sent, as far as the socket takes it). Never blocks. */
    void close();
}
