package chat.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import tlschannel.NeedsReadException;
import tlschannel.NeedsTaskException;
import tlschannel.NeedsWriteException;
import tlschannel.ServerTlsChannel;

/**
 * TLS over one connection's socket, through tls-channel's {@link ServerTlsChannel}, driven by the
 * loop: tls-channel never blocks, it says what it waits for by throwing, and this class turns that
 * into interest in the socket ({@link Owner#tlsWaits}) and back into reads and writes once it has
 * happened ({@link Owner#tlsGoesOn}):
 * <pre>
 *   NeedsReadException    the peer's next bytes: wait for OP_READ, as for any input
 *   NeedsWriteException   the socket to take a record TLS must send (a handshake flight, a reply
 *                         to a key update): OP_WRITE alone until it does
 *   NeedsTaskException    a delegated task (the handshake's signing and key agreement): run on
 *                         {@link Handshakes}' threads, off the loop; no interest until it is done
 * </pre>
 * The handshake's own CPU on the loop is paced: each step takes a turn from {@link Handshakes},
 * and a step with no turn left in this pass waits for the next.
 *
 * <p>Life: SNIFFING (nothing read: the first byte tells a TLS client, 0x16, from a plain one)
 * → HANDSHAKING → OPEN (data flows) → SHUT (close_notify sent: whatever else the peer sends is
 * read raw and dropped). A peer that sent plain text is answered and read raw, without TLS.
 *
 * <p>Reactor thread only, except that {@link #taskDone} is handed to the reactor by a task thread.
 */
final class TlsTransport implements Transport {

    /** The first byte of a TLS record carrying a handshake message (a ClientHello). */
    static final int HANDSHAKE_RECORD = 0x16;

    /** The connection above, which owns the socket's interest. */
    interface Owner {
        /** TLS waits for {@code ops} alone (OP_WRITE, or 0 for a task or a turn) before it can go on. */
        void tlsWaits(int ops);

        /** What TLS waited for happened: read and write again. */
        void tlsGoesOn();
    }

    private final SocketChannel socket;
    private final TlsPort port;
    private final Owner owner;
    /** Null while sniffing, and for a peer that sent plain text. */
    private ServerTlsChannel tls;
    /** True once the peer's first bytes were not TLS: everything goes raw. */
    private boolean plainText;
    private boolean handshaken;
    /** True once close_notify was sent: reads go raw, to drain and drop until the peer's EOF. */
    private boolean shut;
    /** True while a step granted by {@link Handshakes#resumeWaiting} has not been taken. */
    private boolean granted;
    /** True while a delegated task runs: nothing may touch the engine. */
    private boolean tasking;
    /** True while the last write left an encrypted record in tls-channel's buffer. */
    private boolean outputHeld;
    private boolean closed;

    TlsTransport(SocketChannel socket, TlsPort port, Owner owner) {
        this.socket = socket;
        this.port = port;
        this.owner = owner;
    }

    @Override
    public boolean needsHandshake() {
        return true;
    }

    @Override
    public Handshake handshake(ByteBuffer scratch) throws IOException {
        if (handshaken) {
            return Handshake.DONE;
        }
        if (tasking) {
            return Handshake.WAITING;
        }
        if (tls == null) {
            if (plainText) {
                return Handshake.PLAIN_TEXT;
            }
            scratch.clear();
            int n = socket.read(scratch);
            if (n < 0) {
                return Handshake.ENDED;
            }
            if (n == 0) {
                return Handshake.WAITING;
            }
            if ((scratch.get(0) & 0xFF) != HANDSHAKE_RECORD) {
                plainText = true; // what they typed was not for us: dropped, and they are told
                return Handshake.PLAIN_TEXT;
            }
            tls = port.wrap(new ReplayChannel(Arrays.copyOf(scratch.array(), n), socket));
        }
        if (!granted && !port.handshakes().takeTurn(this)) {
            owner.tlsWaits(0);
            return Handshake.WAITING;
        }
        granted = false;
        try {
            tls.handshake();
            handshaken = true;
            return Handshake.DONE;
        } catch (NeedsReadException e) {
            return Handshake.WAITING;
        } catch (NeedsWriteException e) {
            owner.tlsWaits(SelectionKey.OP_WRITE);
            return Handshake.WAITING;
        } catch (NeedsTaskException e) {
            runTask(e.getTask());
            return Handshake.WAITING;
        } catch (ClosedChannelException e) {
            return Handshake.ENDED; // tls-channel's word for an EOF during the handshake
        }
    }

    /** {@link Handshakes} grants this waiting handshake a step: it goes on now. */
    void turnGranted() {
        if (!closed) {
            granted = true;
            owner.tlsGoesOn();
        }
    }

    private void runTask(Runnable task) throws IOException {
        tasking = true;
        owner.tlsWaits(0);
        port.handshakes().runTask(task, this);
    }

    /** The delegated task finished (on the reactor thread, handed over by the task's thread). */
    void taskDone() {
        tasking = false;
        if (!closed) {
            owner.tlsGoesOn();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (plainText || shut) {
            return socket.read(dst);
        }
        if (tasking) {
            return 0;
        }
        try {
            return tls.read(dst);
        } catch (NeedsReadException e) {
            return 0;
        } catch (NeedsWriteException e) {
            owner.tlsWaits(SelectionKey.OP_WRITE); // a record of TLS's own to send first (a key update)
            return 0;
        } catch (NeedsTaskException e) {
            runTask(e.getTask());
            return 0;
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (plainText) {
            return socket.write(src);
        }
        if (tasking) {
            return 0;
        }
        int before = src.position();
        try {
            tls.write(src);
            outputHeld = false; // tls-channel returns only once the socket took every record it made
        } catch (NeedsWriteException e) {
            outputHeld = true; // the socket is full; what was wrapped (src's position says how much) waits
        }
        int taken = src.position() - before;
        if (taken == 0 && src.hasRemaining() && !outputHeld) {
            // tls-channel returns having taken nothing only when the engine's outbound side is
            // closed: the peer's close_notify closed the session, and nothing can be sent any
            // more. Saying so ends the connection now; retrying would spin until the closing
            // deadline (found by a storm of clients that /quit and hang up).
            throw new java.io.IOException("the client closed the TLS session");
        }
        return taken;
    }

    @Override
    public long heldOutputBytes() {
        // The buffer's size, not the bytes in it: its real memory, as the output queue is charged.
        return outputHeld ? tls.getEncryptedBufferAllocator().currentAllocation() : 0;
    }

    @Override
    public boolean holdsInput() {
        // With released buffers (tls-channel's default) a buffer exists only while it holds bytes:
        // decrypted input not yet returned, or encrypted input after a record (or our held output:
        // then one read too many, which finds nothing).
        return tls != null && handshaken && !shut && !tasking
                && (tls.getPlainBufferAllocator().currentAllocation() > 0
                || tls.getEncryptedBufferAllocator().currentAllocation() > 0);
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (tls != null && handshaken && !shut) {
            shut = true;
            try {
                if (!tls.getSslEngine().isOutboundDone()) {
                    tls.shutdown(); // close_notify (unless the peer's own already closed the session)
                }
            } catch (NeedsWriteException e) {
                // The socket just took all our output, so the alert's few bytes fit unless the peer
                // stopped reading at that very moment; then it goes without, as after a reset.
            }
        }
        socket.shutdownOutput();
    }

    @Override
    public void close() {
        closed = true;
        if (tls != null && handshaken && !shut) {
            try {
                tls.close(); // close_notify as far as the socket takes it, then the socket
            } catch (IOException ignored) {
                // The alert could not go: the peer is gone or broke the session. The socket closes below.
            }
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do: the descriptor is released either way, and the peer is gone.
        }
    }
}
