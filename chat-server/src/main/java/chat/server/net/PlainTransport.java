package chat.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The socket itself, nothing between: each call is the channel's own, so the plain port pays one
 * interface call per read or write and no copy or allocation.
 *
 * <p>Reactor thread only.
 */
final class PlainTransport implements Transport {

    private final SocketChannel socket;

    PlainTransport(SocketChannel socket) {
        this.socket = socket;
    }

    @Override
    public boolean needsHandshake() {
        return false;
    }

    @Override
    public Handshake handshake(ByteBuffer scratch) {
        return Handshake.DONE;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return socket.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return socket.write(src);
    }

    @Override
    public long heldOutputBytes() {
        return 0;
    }

    @Override
    public boolean holdsInput() {
        return false;
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do: the descriptor is released either way, and the peer is gone.
        }
    }
}
