package chat.server.net;

import java.nio.channels.SelectionKey;

/**
 * A connection's interest in its socket: OP_READ unless its input is held (or the peer has sent
 * EOF: a socket at EOF is always readable, so listening would spin), OP_WRITE only while the
 * socket refused part of the output. The key is touched only when one of them changes.
 *
 * <p>On the TLS port, TLS sometimes waits for something of its own (the socket to take a
 * handshake record, a delegated task, a turn): then it {@link #override}s both with what it
 * needs, until {@link #release}.
 *
 * <p>Reactor thread only. Invariant: while the key is valid, its interest ops are exactly
 * {@code override} if set, else {@code read} and {@code write}.
 */
final class Interest {

    private final SelectionKey key;
    private boolean read = true;
    private boolean write;
    /** The ops TLS waits for instead (0: none at all), or -1 when it waits for nothing of its own. */
    private int override = -1;

    /** {@code key} was registered for OP_READ alone. */
    Interest(SelectionKey key) {
        this.key = key;
    }

    void read(boolean on) {
        if (read != on) {
            read = on;
            update();
        }
    }

    void write(boolean on) {
        if (write != on) {
            write = on;
            update();
        }
    }

    /** True if input is wanted (TLS may still be waiting for something else first). */
    boolean reading() {
        return read;
    }

    /** True while TLS waits for something of its own. */
    boolean overridden() {
        return override >= 0;
    }

    /** TLS waits for {@code ops} alone. */
    void override(int ops) {
        override = ops;
        update();
    }

    /** TLS waits no more; true if it was waiting. */
    boolean release() {
        if (override < 0) {
            return false;
        }
        override = -1;
        update();
        return true;
    }

    void cancel() {
        key.cancel();
    }

    private void update() {
        if (key.isValid()) {
            key.interestOps(override >= 0 ? override
                    : (read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0));
        }
    }
}
