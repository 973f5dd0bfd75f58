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
final class Connection implements Outbox, LineFramer.Sink, TelnetFilter.Replies, WaitList.Waiter {

    private enum State { OPEN, CLOSING, CLOSED }

    /** How long a silent new connection waits before it enters the chat anyway. */
    static final long ARRIVAL_GRACE_NANOS = 10_000_000L;
    /** How long a closing connection may take to drain its output and see the peer's EOF. */
    static final long CLOSING_DEADLINE_NANOS = 3_000_000_000L;
    /**
     * How long a reader that is behind holds its room's speakers back. A burst drains in
     * milliseconds to anyone who reads; a reader still behind after this is not busy but slow:
     * the room goes on without waiting for it, and the soft and hard caps decide its fate.
     */
    static final long PATIENCE_NANOS = 2_000_000_000L;
    /**
     * A reader that is behind and whose socket has taken nothing for this long is not reading at
     * all: its room stops waiting for it at once rather than after {@link #PATIENCE_NANOS}.
     */
    static final long STALL_NANOS = 250_000_000L;
    /** Telnet commands that cost one line of flood allowance: negotiation is cheap, a flood is not. */
    static final int TELNET_COMMANDS_PER_LINE = 16;
    /** Bytes of reply beyond its command's own size that cost one more line of flood allowance. */
    static final int REPLY_BYTES_PER_LINE = 1024;

    private final Reactor reactor;
    private final SocketChannel channel;
    private final User user;
    private final LineFramer framer;
    private final TelnetFilter telnet = new TelnetFilter();
    private final OutboundQueue outbound;
    /** The hard cap: charged output past it drops the connection at once. */
    private final long maxQueuedBytes;
    /** The soft cap: charged output over it for {@code slowNanos} drops the connection. */
    private final long slowQueuedBytes;
    private final long slowNanos;
    /** Output past which this connection presses (its producers wait); half the soft cap. */
    private final long pressureBytes;
    /** Every connection's output together; this one's share is its charged bytes. */
    private final QueuedMemory memory;
    /** This queue's charged bytes as last reported to {@code memory}. */
    private long chargedReported;
    /** True while behind, for less than {@link #PATIENCE_NANOS}: its room's speakers wait. */
    private boolean pressing;
    /** True once patience ran out while behind; cleared when the queue empties. Never presses then. */
    private boolean lagging;
    /** Checks a pressing connection every {@link #STALL_NANOS}; null unless pressing. */
    private Timers.Timer patienceTimer;
    /** When pressing began. */
    private long pressingSince;
    /** The last time the socket took some of the output (or pressing began, if later). */
    private long lastProgress;
    /** Drops the connection after {@code slowNanos} over the soft cap; null unless over it. */
    private Timers.Timer slowTimer;
    /** True while this connection's input waits for someone's output to drain (back-pressure). */
    private boolean waiting;
    /** True while it waits for its own output: woken when that is under half the pressure mark. */
    private boolean waitingForSelf;
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
        this.slowQueuedBytes = config.slowQueuedBytes();
        this.slowNanos = (long) (config.slowSeconds() * 1e9);
        this.pressureBytes = config.pressureBytes();
        this.memory = reactor.queuedMemory();
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
        long commandsBefore = telnet.commandsSeen();
        if (telnet.filter(buffer, this)) {
            framer.discardPartialLine();
        }
        long commands = telnet.commandsSeen() - commandsBefore;
        if (commands > 0 && flood != null) {
            flood.charge((double) commands / TELNET_COMMANDS_PER_LINE);
        }
        if (!arrived && !arrive()) {
            hold(buffer); // its lines wait until it is let in
            return;
        }
        frame(buffer);
    }

    /**
     * Frames what flood control and back-pressure allow of {@code input}; holds the rest back.
     * Back-pressure is checked before the first line and after each: so a producer adds at most
     * one line to readers that are already behind.
     */
    private void frame(ByteBuffer input) {
        if (!mustWait() && (flood == null || flood.hasToken(reactor.now()))) {
            framer.feed(input, this);
        }
        if (input.hasRemaining() && state == State.OPEN && !doomed) {
            if (waiting) {
                hold(input); // woken by whatever it waits on, not by a timer
            } else {
                holdBack(input);
            }
        }
    }

    /**
     * True if this connection's lines must wait for output somewhere to drain: its own (it asks
     * for more than it reads, as a /who flood does), its room's (a member is behind), that of the
     * user its last private message went to, or the whole server's. Registers to be woken once.
     */
    private boolean mustWait() {
        if (waiting) {
            return true;
        }
        if (outbound.chargedBytes() > pressureBytes) {
            waitingForSelf = true;
        } else {
            Room room = user.room();
            User target = user.takePressedTarget();
            if (room != null && room.isPressed()) {
                room.awaitRelief(this);
            } else if (target != null) {
                target.awaitRelief(this);
            } else if (memory.isFull()) {
                memory.await(this);
            } else {
                return false;
            }
        }
        waiting = true;
        return true;
    }

    /** What this connection waited on has drained: frame its held lines again, on the next timer run. */
    @Override
    public void wake() {
        if (!waiting) {
            return;
        }
        waiting = false;
        waitingForSelf = false;
        if (held != null && state == State.OPEN && timer == null) {
            timer = reactor.timers().schedule(reactor.now(), this::resume);
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
        long queuedBefore = outbound.queuedBytes();
        reactor.chat().onLine(user, line);
        if (flood != null) {
            // What a command makes the server say to its sender (/who of a big room, /help)
            // costs allowance too, so asking cannot be a way to flood oneself or the server.
            // An echo of the line itself (a private message's copy) is free: only what a command
            // amplifies is charged, one line per REPLY_BYTES_PER_LINE beyond the line's own size.
            long amplified = outbound.queuedBytes() - queuedBefore - line.length();
            if (amplified > 0) {
                flood.charge((double) amplified / REPLY_BYTES_PER_LINE);
            }
        }
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
        if (flood != null) {
            flood.take();
        }
        if (mustWait()) {
            return false;
        }
        return flood == null || flood.hasToken(reactor.now());
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
        ByteBuffer rest = ByteBuffer.wrap(held, heldStart, held.length - heldStart);
        frame(rest);
        if (rest.hasRemaining() || state != State.OPEN) {
            return; // held back again (a timer or a wake-up brings it back), or the connection ended
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
        if (outbound.chargedBytes() + frame.length + OutboundQueue.ENTRY_OVERHEAD_BYTES > maxQueuedBytes) {
            // The hard cap. Producers wait for a reader that is behind, for a while; one still
            // this far behind is not reading, and its lines cannot be kept without bound.
            doom("too slow to read");
            return;
        }
        outbound.add(frame);
        queueChanged();
        if (!flushQueued && !writeArmed) {
            flushQueued = true;
            reactor.queueFlush(this);
        }
    }

    /** The slow-reader cap took effect: this connection goes after the current event. */
    private void doom(String why) {
        if (!doomed && state != State.CLOSED) {
            doomed = true;
            reactor.doom(this, why);
        }
    }

    /**
     * After the queue grew or shrank: reports it to the server's total, and moves between the
     * states the caps define (docs/operations.md, "Slow readers"):
     * <pre>
     *   under the pressure mark       nothing
     *   over it (for up to PATIENCE)  pressing: its room's speakers wait for it to drain
     *   still over it after PATIENCE  lagging: nobody waits for it any more, until it empties
     *   over the soft cap             dropped if still over it after --slow-seconds
     *   over the hard cap             dropped at once (checked in deliver)
     * </pre>
     * Pressing ends once the queue is down to half the mark, so it does not flap per line.
     */
    private void queueChanged() {
        long charged = outbound.chargedBytes();
        memory.change(charged - chargedReported);
        chargedReported = charged;
        if (charged > pressureBytes) {
            if (!pressing && !lagging) {
                pressing = true;
                pressingSince = reactor.now();
                lastProgress = pressingSince;
                user.setPressing(true);
                patienceTimer = reactor.timers().schedule(reactor.now() + STALL_NANOS, this::checkPatience);
            }
        } else if (charged <= pressureBytes / 2) {
            if (pressing) {
                stopPressing();
            }
            if (waitingForSelf) {
                wake();
            }
            if (charged == 0) {
                lagging = false;
            }
        }
        if (charged > slowQueuedBytes) {
            if (slowTimer == null) {
                slowTimer = reactor.timers().schedule(reactor.now() + slowNanos, () -> {
                    slowTimer = null;
                    doom("too slow to read");
                });
            }
        } else if (slowTimer != null) {
            slowTimer.cancel();
            slowTimer = null;
        }
    }

    private void stopPressing() {
        pressing = false;
        if (patienceTimer != null) {
            patienceTimer.cancel();
            patienceTimer = null;
        }
        user.setPressing(false);
    }

    /**
     * While pressing: a reader that took nothing for {@link #STALL_NANOS}, or is still behind
     * after {@link #PATIENCE_NANOS}, is slow, not busy: the room stops waiting for it.
     */
    private void checkPatience() {
        patienceTimer = null;
        if (!pressing) {
            return;
        }
        long now = reactor.now();
        if (now - lastProgress >= STALL_NANOS || now - pressingSince >= PATIENCE_NANOS) {
            lagging = true;
            stopPressing();
        } else {
            patienceTimer = reactor.timers().schedule(now + STALL_NANOS, this::checkPatience);
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
            if (written > 0) {
                lastProgress = reactor.now();
            }
            queueChanged();
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
        queueChanged(); // gives its share of the server's output memory back, stops pressing
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
