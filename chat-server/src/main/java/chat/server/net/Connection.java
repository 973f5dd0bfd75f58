package chat.server.net;

import chat.core.Broadcast;
import chat.core.Event;
import chat.core.ForeignProtocol;
import chat.core.Names;
import chat.core.Wire;
import chat.server.ServerConfig;
import chat.server.chat.Outbox;
import chat.server.chat.User;
import chat.server.loop.Handler;
import chat.server.loop.Timers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's TCP connection: its socket and {@link Transport} (the socket itself, or TLS over
 * it), its {@link Intake} (bytes to lines to the chat), its {@link Output} (queue to socket, with
 * the slow-reader caps), and its life, one explicit state:
 *
 * <pre>
 *   HANDSHAKING  on the TLS port, until TLS is up (paced, its deadline running): nothing is said
 *             to it and the chat does not know it; a peer that sends plain text is told so in
 *             plain text and closed, one that goes quiet is closed at the deadline
 *   ARRIVING  accepted, not yet in the chat: it enters on its first bytes or after a short
 *             grace ({@link Admission}); a client speaking another protocol (it speaks first,
 *             at once) is refused before anyone hears of it
 *   QUEUED    asked to enter during a join storm: waits in Admission's line, input held
 *   ENTERING  let in; the chat is giving it a name and a room (at once in one process, after a
 *             round trip through Redis): input held until it is in
 *   OPEN      in the chat: lines are read and handled, output written as the socket takes it
 *   CLOSING   the user has left the chat: input is read and thrown away; once the output has
 *             drained our side is shut down and we wait for the peer's EOF (closing with unread
 *             input would send a reset that can destroy our last lines), all within a deadline
 *   DOOMED    a cap condemned it in the middle of an event (a room iterating its members):
 *             nothing more is queued, and the reaper closes it right after that event
 *   CLOSED    key cancelled, channel closed, buffers released
 * </pre>
 *
 * <p>Reactor thread only.
 */
public final class Connection implements Handler, Outbox, Output.Owner, TlsTransport.Owner {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    enum State { HANDSHAKING, ARRIVING, QUEUED, ENTERING, OPEN, CLOSING, DOOMED, CLOSED }

    /** How long a closing connection may take to drain its output and see the peer's EOF. */
    static final long CLOSING_DEADLINE_NANOS = 3_000_000_000L;
    /** How long a TLS handshake may take, from accept: a client that stalls it holds a socket, no more. */
    static final long HANDSHAKE_DEADLINE_NANOS = 10_000_000_000L;

    private final ConnectionContext context;
    private final Transport transport;
    private final User user;
    private final Intake intake;
    private final Output output;
    /** Set once registered. */
    private Interest interest;
    private State state;
    /** Why the connection is closing or closed, for the log. */
    private String reason;
    /** The handshake's deadline while HANDSHAKING, the closing deadline while CLOSING; else null. */
    private Timers.Timer deadline;

    Connection(ConnectionContext context, SocketChannel channel, long id, ServerConfig config,
               Transport.Factory transports) throws IOException {
        this.context = context;
        this.transport = transports.open(channel, this);
        this.state = transport.needsHandshake() ? State.HANDSHAKING : State.ARRIVING;
        this.user = new User(id, Names.defaultNick(id), channel.getRemoteAddress(), this);
        this.intake = new Intake(this, config.maxLineBytes(), config.floodBurst(), config.floodRate(), context.now());
        this.output = new Output(this, context, context.outputLimits());
    }

    void registered(SelectionKey selectionKey) {
        this.interest = new Interest(selectionKey);
        if (state == State.HANDSHAKING) {
            deadline = context.timers().schedule(context.now() + HANDSHAKE_DEADLINE_NANOS,
                    () -> {
                        context.traffic().handshakeEnded(Traffic.TlsOutcome.TIMED_OUT);
                        close("TLS handshake not finished in " + HANDSHAKE_DEADLINE_NANOS / 1_000_000_000L + " s");
                    });
        } else {
            context.admission().expect(this);
        }
    }

    User user() {
        return user;
    }

    Output output() {
        return output;
    }

    State state() {
        return state;
    }

    /** True while in the chat and not condemned: its lines are handled, output queued. */
    boolean isOpen() {
        return state == State.OPEN;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    long now() {
        return context.now();
    }

    ConnectionContext context() {
        return context;
    }

    // ---- admission ---------------------------------------------------------------------------

    /** Admission put this newcomer in its line. */
    void queued() {
        state = State.QUEUED;
    }

    /** Admission lets this newcomer in: it enters the chat, then any input that waited is handled. */
    void admitted() {
        state = State.ENTERING;
        context.chat().arrive(user, this::entered);
    }

    /** The chat has given the user its name and room. */
    private void entered() {
        if (state != State.ENTERING) {
            return; // closed meanwhile
        }
        state = State.OPEN;
        if (intake.isHolding()) {
            intake.resume();
        }
    }

    // ---- input -------------------------------------------------------------------------------

    /** The socket is readable: one bounded read into the loop's shared buffer, then the intake. */
    @Override
    public void onReadable() throws IOException {
        if (state == State.HANDSHAKING && !handshake()) {
            return;
        }
        if (readOnce() && transport.holdsInput() && interest.reading()) {
            // TLS returned one record and kept the rest it read: the selector will not announce it.
            context.readSoon(this);
        }
    }

    /** The TLS handshake, as far as it goes now; true once data can flow. */
    private boolean handshake() throws IOException {
        Transport.Handshake progress;
        try {
            progress = transport.handshake(context.readBuffer());
        } catch (SSLException e) {
            context.traffic().handshakeEnded(Traffic.TlsOutcome.FAILED);
            close("TLS handshake failed: " + e.getMessage());
            return false;
        }
        switch (progress) {
            case DONE -> {
                context.traffic().handshakeEnded(Traffic.TlsOutcome.COMPLETED);
                state = State.ARRIVING;
                endHandshakeDeadline();
                context.admission().expect(this);
                return true;
            }
            case PLAIN_TEXT -> {
                context.traffic().handshakeEnded(Traffic.TlsOutcome.PLAIN_TEXT);
                state = State.ARRIVING;
                endHandshakeDeadline();
                refuse(context.answerToPlainText());
                return false;
            }
            case ENDED -> {
                context.traffic().handshakeEnded(Traffic.TlsOutcome.CLOSED);
                close("closed during the TLS handshake");
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private void endHandshakeDeadline() {
        deadline.cancel();
        deadline = null;
    }

    /** One read and its handling; true if something was read and the connection is still open. */
    private boolean readOnce() throws IOException {
        ByteBuffer buffer = context.readBuffer();
        buffer.clear();
        int n = transport.read(buffer);
        if (n < 0) {
            endOfInput();
            return false;
        }
        if (n == 0 || state == State.CLOSING || state == State.DOOMED) {
            return false; // closing: input is drained and dropped
        }
        buffer.flip();
        if (state == State.ARRIVING) {
            Optional<String> foreign = ForeignProtocol.detect(buffer);
            if (foreign.isPresent()) {
                String answer = context.answerToTls();
                refuse(answer != null && ForeignProtocol.isTlsHandshake(buffer) ? answer : foreign.get());
                return false;
            }
        }
        intake.filter(buffer);
        if (state == State.ARRIVING) {
            context.admission().arrive(this);
        }
        if (state == State.QUEUED || state == State.ENTERING) {
            intake.hold(buffer); // its lines wait until it is in
            return false;
        }
        intake.take(buffer);
        return state != State.CLOSED;
    }

    /** Read again before the pass ends ({@link ConnectionContext#readSoon}): input TLS kept back. */
    void readAgain() {
        if (state != State.CLOSED && interest.reading() && !interest.overridden()) {
            try {
                onReadable();
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }
    }

    private void endOfInput() {
        setReadArmed(false); // a socket at EOF is always readable: listening would spin
        boolean handled = intake.end();
        if (state == State.CLOSING) {
            if (output.isEmpty()) {
                close(reason); // else the flush closes once the last lines are out
            }
        } else if (state == State.ARRIVING || state == State.QUEUED || state == State.ENTERING) {
            close("closed before saying anything"); // a port scan, a health check: nobody to tell
        } else if (handled) {
            intake.finish();
        }
    }

    /** The intake handled the last line after EOF: the user leaves. */
    void inputFinished() {
        if (isOpen()) {
            context.chat().leave(user, "connection closed");
            closeAfterOutput("connection closed");
        }
    }

    /** A foreign protocol: one line telling them what this is, then close. The room never knew. */
    private void refuse(String sentence) {
        tell(sentence);
        closeAfterOutput("not a chat client");
    }

    /** An error line to this connection alone (tagged if its user asked: /tags on). */
    void tell(String sentence) {
        user.deliver(new Event.Error(sentence));
    }

    /** {@code line}, one line sent to many connections, in the form this one's user asked for. */
    void deliver(Broadcast line) {
        deliver(line.frame(user.isTagged()));
    }

    void setReadArmed(boolean on) {
        interest.read(on);
        if (on && transport.holdsInput()) {
            context.readSoon(this); // what TLS kept back while input was held: no event will come for it
        }
    }

    // ---- TLS ---------------------------------------------------------------------------------

    @Override
    public void tlsWaits(int ops) {
        interest.override(ops);
    }

    @Override
    public void tlsGoesOn() {
        if (state == State.CLOSED) {
            return;
        }
        interest.release();
        try {
            if (interest.reading()) {
                onReadable();
            }
            if (state != State.CLOSED && state != State.HANDSHAKING && !output.isEmpty()) {
                output.writable();
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    /** A read or write outside the reactor's dispatch failed: as the reactor would, log a bug, then close. */
    private void failed(Exception e) {
        if (e instanceof RuntimeException) {
            log.error("internal error on {}", this, e);
        }
        onFailure(e);
    }

    // ---- output ------------------------------------------------------------------------------

    @Override
    public void deliver(byte[] frame) {
        if (state != State.CLOSED && state != State.DOOMED && state != State.HANDSHAKING) {
            output.add(frame);
        }
    }

    @Override
    public void onWritable() {
        if (interest.overridden()) {
            tlsGoesOn(); // TLS waited for the socket to take a record of its own; then reads and writes go on
            return;
        }
        output.writable();
    }

    /** The end of the pass: one write of what is queued (the flusher calls this). */
    void flush(ByteBuffer staging) throws IOException {
        if (state == State.CLOSED || state == State.HANDSHAKING || interest.overridden()) {
            output.flushSkipped(); // TLS is not up, or waits for something first: it asks again when done
            return;
        }
        if (output.flush(transport, staging) && state == State.CLOSING) {
            outputDrained();
        }
    }

    void trimIdle() {
        output.trimIdle();
    }

    @Override
    public void flushSoon() {
        context.flushSoon(this);
    }

    @Override
    public void doom(String why) {
        if (state != State.DOOMED && state != State.CLOSED) {
            if (reason == null) {
                reason = why;
            }
            state = State.DOOMED;
            context.doom(this, why);
        }
    }

    @Override
    public void setPressing(boolean on) {
        user.setPressing(on);
    }

    @Override
    public void setWriteArmed(boolean on) {
        interest.write(on);
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    @Override
    public void closeAfterOutput(String why) {
        if (state == State.CLOSING || state == State.DOOMED || state == State.CLOSED) {
            return;
        }
        if (state == State.HANDSHAKING) {
            close(why); // nothing was said to it, and TLS is not up to say anything
            return;
        }
        state = State.CLOSING;
        reason = why;
        intake.drop();
        if (!intake.hasEnded()) {
            setReadArmed(true); // read and drop, so we notice EOF and the peer never blocks on us
        }
        deadline = context.timers().schedule(context.now() + CLOSING_DEADLINE_NANOS, () -> {
            reason += "; timed out while closing";
            close(reason);
        });
        if (output.isEmpty()) {
            outputDrained(); // otherwise the flush gets here once the socket has taken the rest
        }
    }

    /** Closing, and everything is sent: tell the peer we are done, then wait for its EOF. */
    private void outputDrained() {
        if (intake.hasEnded()) {
            close(reason);
            return;
        }
        try {
            transport.shutdownOutput();
        } catch (IOException e) {
            close(reason);
        }
    }

    /** The reader or writer failed: the peer's doing (reset, broken pipe), or a bug here. */
    @Override
    public void onFailure(Exception e) {
        close(e instanceof IOException io ? Connections.describe(io) : "server error");
    }

    /** Closes now, whatever is queued. The user leaves the chat if still in it. Idempotent. */
    void close(String why) {
        if (state == State.CLOSED) {
            return;
        }
        if (state != State.CLOSING && (state != State.DOOMED || reason == null)) {
            reason = why; // when closing, the reason it began (quit, shutdown...) is the one logged
        }
        state = State.CLOSED;
        context.chat().leave(user, why);
        intake.drop();
        if (deadline != null) {
            deadline.cancel();
        }
        if (interest != null) {
            interest.cancel();
        }
        transport.close();
        output.discard(); // gives its share of the server's output memory back, stops pressing
        context.closed(this, reason);
    }

    @Override
    public String toString() {
        return "connection " + user;
    }
}
