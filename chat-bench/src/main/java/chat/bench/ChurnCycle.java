package chat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One churn cycle: a short-lived user that connects, waits for the server's welcome line, says
 * one line, and leaves. Against a server that does not speak first (Redis), it first says its
 * wire's {@link Wire#churnHello hello} and takes the answer as the welcome.
 *
 * <p>Lifecycle: connecting → awaiting welcome → sending → awaiting close → finished. It leaves
 * by half-closing (FIN after its line) and reading until the server closes in turn, so the
 * server surely reads the line before it sees the end, and no unread bytes turn the close into
 * a reset. Whatever else arrives (history, notices) is read and dropped. Any error, or no close
 * within {@link ChurnShare#TIMEOUT_NANOS}, fails the cycle.
 *
 * <p>Owned by one {@link EventLoop}; every method runs on that loop's thread.
 */
final class ChurnCycle implements Endpoint {

    private enum State { CONNECTING, AWAITING_WELCOME, SENDING, AWAITING_CLOSE, FINISHED }

    private final EventLoop loop;
    /** When the cycle began ({@link BenchClock}). */
    private final long startedNanos;
    /** Where the cycle is; only moves forward. */
    private State state = State.CONNECTING;
    /** Null if opening the socket failed. */
    private SocketChannel channel;
    /** Null until registered. */
    private SelectionKey key;
    /** What the cycle says first (null: nothing, the server speaks first) and the line it says (no marker). */
    private final Wire wire;
    /** The part of the hello or the line not yet written; null while nothing is. */
    private ByteBuffer out;

    ChurnCycle(EventLoop loop, long startedNanos) {
        this.loop = loop;
        this.startedNanos = startedNanos;
        this.wire = loop.layout().wire();
    }

    long startedNanos() {
        return startedNanos;
    }

    boolean finished() {
        return state == State.FINISHED;
    }

    void connect(InetSocketAddress target) throws IOException {
        // Held before connecting, so that finish() closes it whichever step throws.
        channel = SocketChannel.open();
        key = NonBlockingConnect.start(channel, loop.selector(), target, this);
        if (channel.isConnected()) {
            onConnected();
        }
    }

    @Override
    public void onConnectable() throws IOException {
        if (NonBlockingConnect.finish(key)) {
            onConnected();
        }
    }

    private void onConnected() throws IOException {
        state = State.AWAITING_WELCOME;
        byte[] hello = wire.churnHello();
        if (hello != null) {
            out = ByteBuffer.wrap(hello);
            write();
        }
    }

    @Override
    public void onReadable() throws IOException {
        ByteBuffer buffer = loop.readBuffer();
        buffer.clear();
        int n = channel.read(buffer);
        if (n < 0) {
            finish(state == State.AWAITING_CLOSE ? null : "the server closed the connection before the cycle's line");
            return;
        }
        if (state == State.AWAITING_WELCOME && (out == null || !out.hasRemaining())
                && containsLf(buffer.array(), buffer.position())) {
            state = State.SENDING;
            out = ByteBuffer.wrap(wire.churnLine());
            write();
        }
    }

    @Override
    public void onWritable() throws IOException {
        write();
    }

    /**
     * Writes the rest of what is pending, asking for OP_WRITE while some is left; once the line
     * is all out, half-closes and waits for the server to close.
     */
    private void write() throws IOException {
        channel.write(out);
        if (out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            return;
        }
        key.interestOps(SelectionKey.OP_READ);
        if (state == State.SENDING) {
            channel.shutdownOutput();
            state = State.AWAITING_CLOSE;
        }
    }

    @Override
    public void fail(IOException error) {
        finish(EventLoop.describe(error));
    }

    /** Gives up on the cycle (too old, or the run is over); it counts as failed. */
    void abandon(String reason) {
        finish(reason);
    }

    /** Closes the socket and reports the outcome once: {@code error} null means completed. */
    private void finish(String error) {
        if (state == State.FINISHED) {
            return;
        }
        state = State.FINISHED;
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the socket is released either way; the cycle's outcome is already decided
            }
        }
        loop.onChurnFinished(BenchClock.now() - startedNanos, error);
    }

    private static boolean containsLf(byte[] bytes, int end) {
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                return true;
            }
        }
        return false;
    }
}
