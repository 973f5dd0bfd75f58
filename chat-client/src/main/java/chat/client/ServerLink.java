package chat.client;

import chat.core.LineFramer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One TCP connection to the chat server, plain or TLS ({@link TlsDialer}): UTF-8 lines out,
 * framed lines in.
 *
 * <p>Threads: {@link #readLines} runs on one thread (the link thread) until the connection ends.
 * {@link #send}, {@link #shutdownOutput} and {@link #close} are safe from any thread; sends are
 * serialised, so lines from the keyboard and from the client's own queries never interleave.
 *
 * <p>Lifecycle: open → (output shut: the server may still answer) → closed. Closing is final.
 */
public final class ServerLink implements AutoCloseable {

    /** How long a connection attempt may take before it counts as failed. */
    public static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /**
     * Longest line accepted from the server. Far above anything it sends (a /who of a full
     * server is ~30 KB); the limit only stops a broken server from filling memory.
     */
    public static final int MAX_LINE_BYTES = 256 * 1024;
    private static final int READ_BUFFER_BYTES = 8 * 1024;

    /** Receives what the server sends, on the link thread. */
    public interface LineHandler {
        /** One line as received, without its line end; not yet sanitised. */
        void onLine(String line);

        /** A line longer than {@link #MAX_LINE_BYTES} arrived and was dropped. */
        void onLineTooLong(int maxLineBytes);
    }

    /**
     * How a connection ended. {@code orderly}: the server closed it (end of stream) or this
     * side did; otherwise it broke. {@code reason} is words for a sentence about it.
     */
    public record Ending(boolean orderly, String reason) {
    }

    private final Socket socket;
    private final OutputStream out;
    /** The server as it was dialed (the user's name for it, not the resolved IP), for messages. */
    private final ServerAddress server;
    /** Set once this side closed the socket: a read error after that is our doing, not a loss. */
    private volatile boolean closedHere;

    private ServerLink(Socket socket, ServerAddress server) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.server = server;
    }

    /**
     * Connects to {@code server}.
     *
     * @throws java.net.UnknownHostException if the name does not resolve
     * @throws IOException if the connection is refused or times out
     */
    public static ServerLink connect(ServerAddress server) throws IOException {
        return connect(server, null);
    }

    /**
     * Connects to {@code server}, over TLS if {@code tls} is not null.
     *
     * @throws java.net.UnknownHostException if the name does not resolve
     * @throws ChangedCertificateException if the server's certificate is not the one pinned for it
     * @throws IOException if the connection is refused or times out, or the TLS handshake fails
     */
    public static ServerLink connect(ServerAddress server, TlsDialer tls) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(server.host(), server.port()), CONNECT_TIMEOUT_MILLIS);
            // Chat lines are small and each one matters now: do not wait to fill a segment.
            socket.setTcpNoDelay(true);
            return new ServerLink(tls == null ? socket : tls.secure(socket, server, CONNECT_TIMEOUT_MILLIS), server);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The server this connection was dialed to. */
    public ServerAddress server() {
        return server;
    }

    /**
     * Sends {@code line} followed by LF. Returns false if the connection can no longer carry it
     * (the reading side will notice the loss and report it, so no reason is given here).
     */
    public synchronized boolean send(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException notSent) {
            return false;
        }
    }

    /**
     * Tells the server no more lines are coming, while its replies can still be read: the
     * server then sends what it owes and closes.
     */
    public synchronized void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // Only fails on a connection that is already broken; readLines reports that loss.
        }
    }

    /**
     * Reads lines and hands each to {@code handler} until the connection ends; returns how it
     * ended. Call from one thread.
     */
    public Ending readLines(LineHandler handler) {
        LineFramer framer = new LineFramer(MAX_LINE_BYTES);
        LineFramer.Sink sink = new LineFramer.Sink() {
            @Override
            public boolean onLine(String line) {
                handler.onLine(line);
                return true;
            }

            @Override
            public void onLineTooLong(int maxLineBytes) {
                handler.onLineTooLong(maxLineBytes);
            }
        };
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        try {
            InputStream in = socket.getInputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                framer.feed(ByteBuffer.wrap(buffer, 0, n), sink);
            }
            framer.finish(sink);
            return new Ending(true, "the server closed the connection");
        } catch (IOException e) {
            if (closedHere) {
                return new Ending(true, "the client closed the connection");
            }
            String why = e.getMessage();
            return new Ending(false, why == null || why.isBlank() ? e.getClass().getSimpleName() : why);
        } finally {
            close();
        }
    }

    /** Closes the connection; a blocked {@link #readLines} returns. Safe to call more than once. */
    @Override
    public void close() {
        closedHere = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket only fails if it is already broken, which is the state we want.
        }
    }
}
