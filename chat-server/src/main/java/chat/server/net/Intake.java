package chat.server.net;

import chat.core.Command;
import chat.core.LineFramer;
import chat.core.TelnetFilter;
import chat.server.chat.User;
import chat.server.loop.Timers;
import chat.server.loop.WaitList;
import java.nio.ByteBuffer;

/**
 * One connection's input, from bytes read to lines handed to the {@link Chat}: the telnet
 * filter, the line framer, flood control, and the holds that delay input without ever losing it.
 *
 * <p>Input is held (kept, not read further from the socket, so TCP slows the sender) while:
 * <ul>
 *   <li>flood control has no allowance left: a timer resumes it;
 *   <li>someone's output must drain first (back-pressure): this connection's own (it asks for
 *       more than it reads, as a /who flood does), its room's (a member is behind), that of the
 *       user its last private message went to, or the whole server's: it waits on that
 *       {@link WaitList} and is woken;
 *   <li>the connection is not yet let into the chat ({@link Admission}).
 * </ul>
 *
 * <p>Reactor thread only. Invariants: {@code held} is non-null only while input waits, and then
 * the connection does not read its socket; {@code waiting} is true while registered on exactly
 * one wait list; {@code resumeTimer} is non-null only while a resume is scheduled.
 */
final class Intake implements LineFramer.Sink, TelnetFilter.Replies, WaitList.Waiter {

    /** Telnet commands that cost one line of flood allowance: negotiation is cheap, a flood is not. */
    static final int TELNET_COMMANDS_PER_LINE = 16;
    /** Bytes of reply beyond its command's own size that cost one more line of flood allowance. */
    static final int REPLY_BYTES_PER_LINE = 1024;

    private final Connection connection;
    private final LineFramer framer;
    private final TelnetFilter telnet = new TelnetFilter();
    /** Flood control; null when it is off. */
    private final TokenBucket flood;
    /** Input read but held back, from {@code heldStart}; else null. */
    private byte[] held;
    private int heldStart;
    /** True while this input waits for someone's output to drain. */
    private boolean waiting;
    private Timers.Timer resumeTimer;
    /** True once the peer has sent EOF: there will be no more input. */
    private boolean ended;

    Intake(Connection connection, int maxLineBytes, int floodBurst, double floodRate, long now) {
        this.connection = connection;
        this.framer = new LineFramer(maxLineBytes);
        this.flood = floodRate > 0 ? new TokenBucket(floodBurst, floodRate, now) : null;
    }

    /** Takes telnet commands out of what was read (answering them) and charges them to flood control. */
    void filter(ByteBuffer input) {
        long before = telnet.commandsSeen();
        if (telnet.filter(input, this)) {
            framer.discardPartialLine(); // IAC IP: the line being typed is cut
        }
        long commands = telnet.commandsSeen() - before;
        if (commands > 0 && flood != null) {
            flood.charge((double) commands / TELNET_COMMANDS_PER_LINE);
        }
    }

    /** Frames what flood control and back-pressure allow of {@code input}; holds the rest back. */
    void take(ByteBuffer input) {
        // Back-pressure is checked before the first line and after each, so a producer adds at
        // most one line to readers that are already behind.
        if (!mustWait() && (flood == null || flood.hasToken(connection.now()))) {
            framer.feed(input, this);
        }
        if (input.hasRemaining() && connection.isOpen()) {
            hold(input);
            if (!waiting) {
                // Out of allowance: come back when a line is allowed again.
                connection.context().traffic().floodDelays++;
                resumeTimer = connection.context().timers().schedule(connection.now() + flood.nanosUntilToken(connection.now()), this::resume);
            }
        }
    }

    /** Keeps {@code rest} (already through the telnet filter) and stops reading the socket. */
    void hold(ByteBuffer rest) {
        if (rest.hasArray() && rest.array() == held) {
            heldStart = rest.position();
        } else {
            held = new byte[rest.remaining()];
            rest.get(held);
            heldStart = 0;
        }
        connection.setReadArmed(false);
    }

    boolean isHolding() {
        return held != null;
    }

    /** Input may go on (let in, allowance back, woken): frame what was held; then read again. */
    void resume() {
        resumeTimer = null;
        if (!connection.isOpen() || held == null) {
            return;
        }
        ByteBuffer rest = ByteBuffer.wrap(held, heldStart, held.length - heldStart);
        take(rest);
        if (rest.hasRemaining() || !connection.isOpen()) {
            return; // held back again (a timer or a wake-up brings it back), or the connection ended
        }
        held = null;
        if (ended) {
            finish();
        } else {
            connection.setReadArmed(true);
        }
    }

    /** The peer sent EOF. True if everything read is handled (else {@link #resume} finishes later). */
    boolean end() {
        ended = true;
        return held == null;
    }

    boolean hasEnded() {
        return ended;
    }

    /** All input is handled: an unfinished last line still counts; then the user leaves. */
    void finish() {
        framer.finish(this);
        connection.inputFinished();
    }

    /** The connection is closing: nothing held is wanted any more. */
    void drop() {
        held = null;
        if (resumeTimer != null) {
            resumeTimer.cancel();
            resumeTimer = null;
        }
    }

    /**
     * True if this connection's lines must wait for output somewhere to drain; registers to be
     * woken once. Cheap when nobody is behind: two flag tests and a counter.
     */
    private boolean mustWait() {
        if (waiting) {
            return true;
        }
        if (connection.output().isOverMark()) {
            connection.output().awaitDrain(this);
        } else if (!connection.user().holdsBack(this)) {
            QueuedMemory memory = connection.context().memory();
            if (!memory.isFull()) {
                return false;
            }
            memory.await(this);
        }
        waiting = true;
        return true;
    }

    /** What this input waited on has drained: frame its held lines again, on the next timer run. */
    @Override
    public void wake() {
        if (!waiting) {
            return;
        }
        waiting = false;
        if (held != null && connection.isOpen() && resumeTimer == null) {
            resumeTimer = connection.context().timers().schedule(connection.now(), this::resume);
        }
    }

    /** Most lines: printable ASCII, not a command. Relayed as they came, never decoded. */
    @Override
    public boolean onLine(byte[] bytes, int offset, int length) {
        if (!Command.isPlainChat(bytes, offset, length)) {
            return LineFramer.Sink.super.onLine(bytes, offset, length); // decode, then onLine(String)
        }
        if (!connection.isOpen()) {
            return false;
        }
        connection.context().traffic().linesReceived++;
        connection.context().chat().sayPlain(connection.user(), bytes, offset, length);
        return tookLine();
    }

    @Override
    public boolean onLine(String line) {
        if (!connection.isOpen()) {
            return false;
        }
        connection.context().traffic().linesReceived++;
        long queuedBefore = connection.output().queuedBytes();
        connection.context().chat().onLine(connection.user(), line);
        if (flood != null) {
            // What a command makes the server say to its sender (/who of a big room, /help)
            // costs allowance too, so asking cannot be a way to flood oneself or the server.
            // An echo of the line itself (a private message's copy) is free: only what a command
            // amplifies is charged, one line per REPLY_BYTES_PER_LINE beyond the line's own size.
            long amplified = connection.output().queuedBytes() - queuedBefore - line.length();
            if (amplified > 0) {
                flood.charge((double) amplified / REPLY_BYTES_PER_LINE);
            }
        }
        return tookLine();
    }

    /** After a line was handled: whether framing may go on (still open, allowance left, nobody behind). */
    private boolean tookLine() {
        if (!connection.isOpen()) {
            return false; // the line was /quit, or its output overflowed: ignore what follows
        }
        if (flood != null) {
            flood.take();
        }
        if (mustWait()) {
            return false;
        }
        return flood == null || flood.hasToken(connection.now());
    }

    @Override
    public void onLineTooLong(int maxLineBytes) {
        connection.context().traffic().linesTooLong++;
        connection.tell("Your line was longer than " + maxLineBytes + " bytes and was not sent.");
    }

    @Override
    public void reply(byte[] telnetCommand) {
        connection.deliver(telnetCommand);
    }
}
