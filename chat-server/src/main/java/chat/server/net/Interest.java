package chat.server.net;

import java.nio.channels.SelectionKey;

/**
 * A connection's interest in its socket: OP_READ unless its input is held (or the peer has sent
 * EOF: a socket at EOF is always readable, so listening would spin), OP_WRITE only while the
 * socket refused part of the output. The key is touched only when one of them changes.
 *
 * <p>Reactor thread only. Invariant: while the key is valid, its interest ops are exactly
 * {@code read} and {@code write}.
 */
final class Interest {

    private final SelectionKey key;
    private boolean read = true;
    private boolean write;

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

    void cancel() {
        key.cancel();
    }

    private void update() {
        if (key.isValid()) {
            key.interestOps((read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0));
        }
    }
}
