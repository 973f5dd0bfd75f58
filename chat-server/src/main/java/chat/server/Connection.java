package chat.server;

import chat.core.ForeignProtocol;
import chat.core.LineFramer;
import chat.core.Names;
import chat.core.Protocol;
import chat.core.TelnetFilter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * One client's TCP connection: bytes in (telnet filter → line framer → {@link CommandHandler}),
 * bytes out ({@link OutboundQueue} → socket), its limits, and its lifecycle:
 *
 * <pre>
 *   OPEN     not yet arrived: the user enters the chat on its first bytes, or after
 *            {@link #ARRIVAL_GRACE_NANOS}, whichever is first; a client speaking another
 *            protocol (it speaks first, at once) is refused before anyone hears of it;
 *            then lines are read and handled; output is written as the socket takes it
 *   CLOSING  the user has left the chat: input is read and thrown away; once the output has
 *            drained our side is shut down and we wait for the peer's EOF (closing with unread
 *            input would send a reset that can destroy our last lines), all within a deadline
 *   CLOSED   key cancelled, channel closed, buffers released
 * </pre>
 *
 * <p>Reactor thread only. Invariants: {@code flushQueued} is true exactly while the reactor's
 * flush list holds this connection; while {@code writeArmed} the key asks for OP_WRITE and
 * nothing else needs to queue a flush; {@code held} is non-null only while input waits (for
 * flood control's allowance, or for the reactor to let a newcomer in), and then OP_READ is off.
 */
final class Connection implements Outbox, LineFramer.Sink, TelnetFilter.Replies {

    private enum State { OPEN, CLOSING, CLOSED }

    /** How long a silent new connection waits before it enters the chat anyway. */
    static final long ARRIVAL_GRACE_NANOS = 10_000_000L;
    /** How long a closing connection may take to drain its output and see the peer's EOF. */
    static final long CLOSING_DEADLINE_NANOS = 3_000_000_000L;

    private final Reactor reactor;
    private final SocketChannel channel;
    private final User user;
    private final LineFramer framer;
    private final TelnetFilter telnet = new TelnetFilter();
    private final OutboundQueue outbound;
    private final long maxQueuedBytes;
    /** Flood control; null when it is off. */
    private final TokenBucket flood;
    private SelectionKey key;
    private State state = State.OPEN;
    /** Why the connection is closing or closed, for the log. */
    private String reason;
    /** True once the user has entered the chat (welcome sent, room told). */
    private boolean arrived;
    /** True while waiting in the reactor's line of newcomers. */
    private boolean arrivalQueued;
    /** Input read but held back (flood control, or waiting to arrive), from {@code heldStart}; else null. */
    private byte[] held;
    /** Where the unprocessed part of {@code held} starts. */
    private int heldStart;
    /** True once the peer has sent EOF: there will be no more input. */
    private boolean inputEnded;
    /** True while this connection is on the reactor's flush list. */
    private boolean flushQueued;
    /** True while OP_WRITE is requested because the socket would not take everything. */
    private boolean writeArmed;
    /** True while OP_READ is requested. */
    private boolean readArmed = true;
    /** Set when a limit has condemned this connection; the reactor closes it after the current event. */
    private boolean doomed;
    /** The arrival, flood-resume or closing-deadline timer, if one is pending. */
    private Timers.Timer timer;

    Connection(Reactor reactor, SocketChannel channel, long id, ServerConfig config, long now) throws IOException {
        this.reactor = reactor;
        this.channel = channel;
        this.user = new User(id, Names.defaultNick(id), channel.getRemoteAddress(), this);
        this.framer = new LineFramer(config.maxLineBytes());
        this.outbound = new OutboundQueue();
        this.maxQueuedBytes = config.maxQueuedBytes();
        this.flood = config.floodRate() > 0 ? new TokenBucket(config.floodBurst(), config.floodRate(), now) : null;
    }

    void register(SelectionKey selectionKey) {
        this.key = selectionKey;
        timer = reactor.timers().schedule(reactor.now() + ARRIVAL_GRACE_NANOS, this::arrive);
    }

    /**
     * Asks to enter the chat: the welcome, the lobby's history, the lobby told. In a join storm
     * the reactor lets only so many in per pass; the rest wait in line ({@link #admitted}).
     *
     * @return true if the user is in the chat now
     */
    private boolean arrive() {
        if (arrived || arrivalQueued || state != State.OPEN) {
            return arrived;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (!reactor.acceptor().admitNowOrQueue(this)) {
            arrivalQueued = true;
            return false;
        }
        enter();
        return true;
    }

    /** The reactor let this waiting newcomer in: enter, then handle any input that waited. */
    void admitted() {
        arrivalQueued = false;
        if (state != State.OPEN) {
            return;
        }
        enter();
        if (held != null) {
            resume();
        }
    }

    private void enter() {
        arrived = true;
        reactor.chat().arrive(user);
    }

    User user() {
        return user;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    // ---- input -------------------------------------------------------------------------------

    /** The socket is readable: one bounded read into the reactor's shared buffer, then framing. */
    void onReadable(ByteBuffer buffer) throws IOException {
        buffer.clear();
        int n = channel.read(buffer);
        if (n < 0) {
            onEndOfInput();
            return;
        }
        if (n == 0 || state != State.OPEN) {
            return; // closing: input is drained and dropped
        }
        buffer.flip();
        if (!arrived) {
            Optional<String> foreign = ForeignProtocol.detect(buffer);
            if (foreign.isPresent()) {
                refuse(foreign.get());
                return;
            }
        }
        if (telnet.filter(buffer, this)) {
            framer.discardPartialLine();
        }
        if (!arrived && !arrive()) {
            hold(buffer); // its lines wait until it is let in
            return;
        }
        frame(buffer);
    }

    /** Frames what flood control allows of {@code input}; holds the rest back. */
    private void frame(ByteBuffer input) {
        if (flood == null || flood.hasToken(reactor.now())) {
            framer.feed(input, this);
        }
        if (input.hasRemaining() && state == State.OPEN && !doomed) {
            holdBack(input);
        }
    }

    /** Most lines: printable ASCII, not a command. Relayed as they came, never decoded. */
    @Override
    public boolean onLine(byte[] bytes, int offset, int length) {
        if (!Protocol.isPlainChat(bytes, offset, length)) {
            return LineFramer.Sink.super.onLine(bytes, offset, length); // decode, then onLine(String)
        }
        if (!mayTakeLine()) {
            return false;
        }
        reactor.chat().sayPlain(user, bytes, offset, length);
        return tookLine();
    }

    @Override
    public boolean onLine(String line) {
        if (!mayTakeLine()) {
            return false;
        }
        reactor.chat().onLine(user, line);
        return tookLine();
    }

    private boolean mayTakeLine() {
        return state == State.OPEN && !doomed;
    }

    /** After a line was handled: whether framing may go on (not closing, allowance left). */
    private boolean tookLine() {
        if (state != State.OPEN || doomed) {
            return false; // the line was /quit, or its output overflowed: ignore what follows
        }
        if (flood == null) {
            return true;
        }
        flood.take();
        return flood.hasToken(reactor.now());
    }

    @Override
    public void onLineTooLong(int maxLineBytes) {
        deliver(Protocol.frame(Protocol.error(
                "Your line was longer than " + maxLineBytes + " bytes and was not sent.")));
    }

    @Override
    public void reply(byte[] telnetCommand) {
        deliver(telnetCommand);
    }

    /**
     * Flood control ran out of allowance: keep the unread lines (never drop them), stop reading
     * the socket, and come back when a line is allowed again. The kernel's receive buffer then
     * fills and TCP slows the sender down, so memory stays bounded by one read.
     */
    private void holdBack(ByteBuffer rest) {
        hold(rest);
        long wait = flood.nanosUntilToken(reactor.now());
        timer = reactor.timers().schedule(reactor.now() + wait, this::resume);
    }

    /** Keeps {@code rest} (already through the telnet filter) and stops reading the socket. */
    private void hold(ByteBuffer rest) {
        if (rest.hasArray() && rest.array() == held) {
            heldStart = rest.position();
        } else {
            held = new byte[rest.remaining()];
            rest.get(held);
            heldStart = 0;
        }
        setReadArmed(false);
    }

    /** Allowance is back: frame held input; once it is all handled, read the socket again. */
    private void resume() {
        timer = null;
        if (state != State.OPEN || held == null) {
            return;
        }
        frame(ByteBuffer.wrap(held, heldStart, held.length - heldStart));
        if (timer != null || state != State.OPEN) {
            return; // held back again, or the input ended the connection
        }
        held = null;
        if (inputEnded) {
            endInput();
        } else {
            setReadArmed(true);
        }
    }

    private void onEndOfInput() {
        inputEnded = true;
        setReadArmed(false); // a socket at EOF is always readable: listening would spin
        if (state == State.CLOSING) {
            if (outbound.isEmpty()) {
                close(reason); // else flush() closes once the last lines are out
            }
            return;
        }
        if (!arrived) {
            close("closed before saying anything"); // a port scan, a health check: nobody to tell
            return;
        }
        if (held == null) {
            endInput();
        }
    }

    /** All input is handled: an unfinished last line still counts; then the user leaves. */
    private void endInput() {
        framer.finish(this);
        if (state == State.OPEN && !doomed) {
            reactor.chat().leave(user, "connection closed");
            closeAfterOutput("connection closed");
        }
    }

    /** A foreign protocol: one line telling them what this is, then close. The room never knew. */
    private void refuse(String sentence) {
        deliver(Protocol.frame(Protocol.error(sentence)));
        closeAfterOutput("not a chat client");
    }

    // ---- output ------------------------------------------------------------------------------

    @Override
    public void deliver(byte[] frame) {
        if (state == State.CLOSED || doomed) {
            return;
        }
        if (outbound.queuedBytes() + frame.length > maxQueuedBytes) {
            // The peer is not reading. Its lines cannot be kept without bound, and waiting for
            // it would stall the room: it goes, everyone else carries on.
            doomed = true;
            reactor.doom(this, "too slow to read");
            return;
        }
        outbound.add(frame);
        if (!flushQueued && !writeArmed) {
            flushQueued = true;
            reactor.queueFlush(this);
        }
    }

    /** Called every few seconds: an idle connection gives back its output ring. */
    void trimIdle() {
        outbound.trim();
    }

    /** The socket became writable again: write at the end of this pass, with everything else. */
    void onWritable() {
        if (!flushQueued) {
            flushQueued = true;
            reactor.queueFlush(this);
        }
    }

    /**
     * Writes as much queued output as fits in {@code staging} (the per-pass budget) with one
     * write. OP_WRITE is asked for only if something is left; most flushes need none.
     */
    void flush(ByteBuffer staging) throws IOException {
        flushQueued = false;
        if (state == State.CLOSED) {
            return;
        }
        if (!outbound.isEmpty()) {
            staging.clear();
            outbound.copyTo(staging);
            staging.flip();
            int written = channel.write(staging);
            outbound.consume(written);
            if (!outbound.isEmpty()) {
                setWriteArmed(true);
                return;
            }
        }
        setWriteArmed(false);
        if (state == State.CLOSING) {
            outputDrained();
        }
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    @Override
    public void closeAfterOutput(String why) {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        reason = why;
        if (timer != null) {
            timer.cancel(); // a pending arrival or flood resume: no longer wanted
        }
        held = null;
        if (!inputEnded) {
            setReadArmed(true); // read and drop, so we notice EOF and the peer never blocks on us
        }
        timer = reactor.timers().schedule(reactor.now() + CLOSING_DEADLINE_NANOS,
                () -> {
                    reason += "; timed out while closing";
                    close(reason);
                });
        if (outbound.isEmpty()) {
            outputDrained(); // otherwise flush() gets here once the socket has taken the rest
        }
    }

    /** Closing, and everything is sent: tell the peer we are done, then wait for its EOF. */
    private void outputDrained() {
        if (inputEnded) {
            close(reason);
            return;
        }
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            close(reason);
        }
    }

    /** Closes now, whatever is queued. The user leaves the chat if still in it. Idempotent. */
    void close(String why) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.OPEN) {
            reason = why; // when closing, the reason it began (quit, shutdown...) is the one logged
        }
        state = State.CLOSED;
        reactor.chat().leave(user, why);
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing to do: the descriptor is released either way, and the peer is gone.
        }
        outbound.clear();
        held = null;
        reactor.closed(this, reason);
    }

    private void setReadArmed(boolean on) {
        if (readArmed != on) {
            readArmed = on;
            updateInterest();
        }
    }

    private void setWriteArmed(boolean on) {
        if (writeArmed != on) {
            writeArmed = on;
            updateInterest();
        }
    }

    private void updateInterest() {
        if (key != null && key.isValid()) {
            key.interestOps((readArmed ? SelectionKey.OP_READ : 0) | (writeArmed ? SelectionKey.OP_WRITE : 0));
        }
    }
}
