package chat.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;

/**
 * The socket as TLS sees it: the first bytes, which were read to tell a TLS client from a plain
 * one, are given back first, then reads and writes are the socket's. NIO cannot peek at a socket.
 *
 * <p>Reactor thread only. Invariant: {@code first} is null once it has all been read.
 */
final class ReplayChannel implements ByteChannel {

    private final SocketChannel socket;
    /** What was read before TLS took over, still to be given back; null once given. */
    private ByteBuffer first;

    ReplayChannel(byte[] first, SocketChannel socket) {
        this.first = ByteBuffer.wrap(first);
        this.socket = socket;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (first == null) {
            return socket.read(dst);
        }
        int n = Math.min(first.remaining(), dst.remaining());
        dst.put(dst.position(), first, first.position(), n);
        dst.position(dst.position() + n);
        first.position(first.position() + n);
        if (!first.hasRemaining()) {
            first = null;
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return socket.write(src);
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
