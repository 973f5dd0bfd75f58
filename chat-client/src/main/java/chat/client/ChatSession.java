package chat.client;

import chat.core.Command;
import chat.core.Event;
import chat.core.LineKind;
import chat.core.Names;
import chat.core.Tags;
import chat.core.TextSanitizer;
import chat.core.Wire;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jline.utils.AttributedString;

/**
 * The interactive client without its terminal: what the server says goes through here to the
 * {@link Screen}, and what the user types comes through here to the server.
 *
 * <p>It follows the room into {@link RoomState}. After each welcome and each {@code You joined}
 * it asks for {@code /who} and {@code /rooms} itself and hides exactly those answers
 * ({@link HiddenQueries}), so completion knows the names without the screen filling up. After the
 * first welcome it asks for the nickname chosen on the command line, if any; after a reconnect,
 * for the nickname (the chosen one, if the server had kept a default name) and room the user
 * had, once the new welcome arrives. It also asks, hidden, for a resume token after each
 * welcome; after a reconnect it first tries {@code /resume TOKEN}, which brings back the name,
 * the room and the lines missed meanwhile, and falls back to {@code /nick} and {@code /join}
 * only if the server cannot resume (the token expired, or the server is another one).
 * A private message, or someone else's line naming me,
 * rings the bell (unless it is off); my own lines are shown dim ({@link LineStyler}). With
 * several servers, the lines about a loss and a reconnect name the server it moves to, since
 * that is no longer the one it was on.
 *
 * <p>Tagged mode (docs/protocol.md): after each welcome it sends {@code /tags on} (hidden), so
 * every later line says when it happened ({@code time}, shown in the {@link Timestamps} column)
 * and where it stands in its room's order ({@code seq}). The last {@code seq} seen in my room
 * goes with the {@code /resume} after a drop, so the server replays exactly what follows it. A
 * line's tags are never shown. A server without tags is followed as before, its lines stamped
 * when they arrive.
 *
 * <p>The {@link StatusLine} at the bottom says who and where I am, how many are here, whether the
 * link is up and its lag: a ticker thread sends a hidden {@code /ping lag-N} every
 * {@link #PING_EVERY} and the answer's round trip is the lag.
 *
 * <p>Threads: the {@link Reconnector.Listener} methods run on the link thread; {@link #submit},
 * {@link #requestRooms} and {@link #leave} on the keyboard thread. What both touch is
 * thread-safe ({@link RoomState}, {@link HiddenQueries}, {@link Reconnector}, the screen).
 * The ticker ({@link #TICK}) sends pings and redraws the status line; {@link StatusLine} is
 * synchronized.
 */
public final class ChatSession implements Reconnector.Listener, AutoCloseable {

    /** What the keyboard loop should do after a line. */
    public enum Outcome {
        /** Read the next line. */
        STAY,
        /** The user left: restore the terminal and exit. */
        LEAVE
    }

    /** How long leaving waits for the server's goodbye before closing anyway. */
    static final Duration GOODBYE_WAIT = Duration.ofSeconds(2);
    /** How often the lag is measured. */
    static final Duration PING_EVERY = Duration.ofSeconds(10);
    /** How often the status line is brought up to date (a growing lag, a changed count). */
    static final Duration TICK = Duration.ofSeconds(1);
    /** What the client's own pings carry, then the {@link System#nanoTime} they were sent at. */
    static final String PING_MARK = "lag-";

    private final Screen screen;
    private final RoomState state;
    private final HiddenQueries hidden = new HiddenQueries();
    private final Reconnector reconnector;
    /** True when there is more than one server to go to, so it is worth saying which. */
    private final boolean severalServers;
    /** The nickname asked for on connecting ({@code --nick}); null: the server's default will do. */
    private final String chosenNick;
    /** Whether a private message or a line naming me rings the bell ({@code --no-bell}: false). */
    private final boolean bell;
    /** The time column in front of each line; {@link Timestamps#OFF} for none. */
    private final Timestamps timestamps;
    private final StatusLine bar = new StatusLine();
    /** The last bar drawn, so an unchanged one is not drawn again every tick; under {@code bar}'s lock. */
    private AttributedString barShown;
    /** Sends pings, redraws the status line; started by {@link #start}. */
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chat-ticker");
        thread.setDaemon(true);
        return thread;
    });
    /** False once the server said it has no /ping: no more pings, no lag. */
    private volatile boolean pingsAnswered = true;
    /** The {@code seq} of the last tagged line of {@link #seqRoom}; link thread only; -1: none. */
    private long lastSeq = -1;
    /** The room {@link #lastSeq} belongs to; link thread only; null: none. */
    private String seqRoom;
    /** True while the last line shown from the server asks for a password: the next typed line is a secret. */
    private volatile boolean secretAsked;
    /** The nickname to ask for once the next welcome arrives; link thread only; null: keep the new one. */
    private String wantedNick;
    /** The room to go back to once the next welcome arrives; link thread only; null: stay. */
    private String wantedRoom;
    /**
     * True from a reconnect until the new server's welcome: only then is the user told
     * "Reconnected", and a connection that ends before it (accepted, then closed: a proxy whose
     * server is down) is the same outage, not a new loss to report; link thread only.
     */
    private boolean awaitingWelcome;
    /** The server of the reconnect {@link #awaitingWelcome} waits on; link thread only. */
    private ServerAddress reconnectedTo;
    /** The server's last resume token for this session; link thread only; null: none yet. */
    private String resumeToken;
    /** True from sending {@code /resume} until the server says how it went; link thread only. */
    private boolean resuming;
    /**
     * True from a welcome that a resume follows until the server's first answer to it: what
     * comes meanwhile (the welcome, the lobby's history, my rename back) was seen before the
     * drop or says nothing new, and is not shown again; link thread only.
     */
    private boolean skippingRepeats;

    /** How the server shows a token ({@code /token}, and after each resume). */
    private static final java.util.regex.Pattern TOKEN =
            java.util.regex.Pattern.compile("Your resume token is ([a-z2-7]{26})\\. .*");

    /** A session with the server's default nickname and the bell on. */
    public ChatSession(Screen screen, RoomState state, ServerRotation servers, Backoff backoff) {
        this(screen, state, servers, backoff, null, true);
    }

    /**
     * @param servers    where to reconnect to; the session's link thread's alone from {@link #start} on
     * @param chosenNick the nickname to ask for after each welcome until the user picks another; null for none
     * @param bell       whether private messages and lines naming me ring the terminal's bell
     */
    public ChatSession(Screen screen, RoomState state, ServerRotation servers, Backoff backoff, String chosenNick,
            boolean bell) {
        this(screen, state, servers, backoff, chosenNick, bell, Timestamps.OFF);
    }

    /** @param timestamps the time column in front of each line; {@link Timestamps#OFF} for none */
    public ChatSession(Screen screen, RoomState state, ServerRotation servers, Backoff backoff, String chosenNick,
            boolean bell, Timestamps timestamps) {
        this.screen = screen;
        this.timestamps = timestamps;
        this.state = state;
        this.severalServers = servers.size() > 1;
        this.chosenNick = chosenNick;
        this.bell = bell;
        this.reconnector = new Reconnector(servers, backoff, this);
    }

    /**
     * Starts following {@code first}, a connection already open through the rotation given to
     * the constructor; reconnects when it is lost.
     */
    public void start(ServerLink first) {
        bar.link(StatusLine.Link.CONNECTING, first.server().toString());
        redrawBar();
        long tick = TICK.toMillis();
        long pingEvery = PING_EVERY.toMillis() / tick;
        long[] ticks = {0};
        ticker.scheduleWithFixedDelay(() -> {
            if (++ticks[0] % pingEvery == 0) {
                ping();
            }
            redrawBar();
        }, tick, tick, TimeUnit.MILLISECONDS);
        reconnector.start(first);
    }

    /**
     * Handles one line the user typed. Blank lines are not sent. {@code quit} and {@code exit}
     * alone, in any case ({@code QUIT}, {@code Exit}), send {@code /quit}; a {@code /quit}
     * command is sent as typed; both then leave. Anything
     * else goes to the server as typed; while disconnected, the user is told it was not sent.
     */
    public Outcome submit(String typed) throws InterruptedException {
        String trimmed = typed.strip();
        if (trimmed.isEmpty()) {
            return Outcome.STAY;
        }
        if (trimmed.equalsIgnoreCase("quit") || trimmed.equalsIgnoreCase("exit")) {
            leave("/quit");
            return Outcome.LEAVE;
        }
        if (Command.parse(trimmed) instanceof Command.Quit) {
            leave(typed);
            return Outcome.LEAVE;
        }
        // A paste can hold several lines: each is its own message, as if typed one by one.
        for (String line : typed.split("\\R")) {
            if (!line.isBlank() && !reconnector.send(line)) {
                say("*** Not connected: \"" + line + "\" was not sent.");
            }
        }
        return Outcome.STAY;
    }

    /**
     * Asks for a fresh room list whose answer is not shown (Tab after {@code /join}); false if
     * it could not be sent.
     */
    public boolean requestRooms() {
        return ask(HiddenQueries.Kind.ROOMS);
    }

    /**
     * True if the last line shown from the server asks for a password (it says "password", in
     * any case): what the user types next answers it, and must not be kept in the history.
     */
    public boolean secretAsked() {
        return secretAsked;
    }

    /**
     * Leaves: tells the server with {@code quitLine} if connected, shows its goodbye if it
     * comes within {@link #GOODBYE_WAIT}, and stops reconnecting.
     */
    public void leave(String quitLine) throws InterruptedException {
        ticker.shutdownNow();
        reconnector.leave(quitLine, GOODBYE_WAIT);
    }

    /** Stops at once, telling the server nothing more than the closed connection does. */
    @Override
    public void close() {
        ticker.shutdownNow();
        reconnector.close();
    }

    @Override
    public void onConnected(boolean again, ServerAddress server) {
        hidden.reset();
        bar.link(StatusLine.Link.CONNECTED, server.toString());
        redrawBar();
        if (!again) {
            wantedNick = chosenNick;
            return;
        }
        // Remember who and where I was: the welcome that comes next makes me userN in #lobby.
        // A default userN name (the chosen one was taken, or none was given) is not worth keeping.
        String nick = state.nick();
        wantedNick = nick != null && Names.nickProblem(nick).isEmpty() ? nick : chosenNick;
        wantedRoom = state.room();
        awaitingWelcome = true;
        reconnectedTo = server;
    }

    @Override
    public void onLost(String reason, ServerAddress next) {
        bar.link(StatusLine.Link.RECONNECTING, next.toString());
        redrawBar();
        if (awaitingWelcome) {
            return; // it never got as far as a welcome: still the loss already reported
        }
        // Only the first server of the round is named: the others are tried without a line each,
        // as one server's repeated attempts are, and "Reconnected to" says where it got through.
        String reconnecting = severalServers ? "Reconnecting to " + next + "..." : "Reconnecting...";
        say("*** Connection lost: " + TextSanitizer.sanitize(reason) + ". " + reconnecting + " (type quit to leave)");
    }

    @Override
    public void onLine(String line) {
        // A line in tagged mode (/tags on) starts with @tags: the person sees the line after them.
        Tags.Parsed tags = line.startsWith("@") ? Tags.parse(line) : null;
        String safe = TextSanitizer.sanitize(tags == null ? line : tags.line());
        Event event = Wire.parse(safe);
        if (pongOrNoPing(event)) {
            return;
        }
        state.apply(event);
        followSeq(tags);
        followGroup(tags);
        // Ask before showing: the answers are on their way sooner, and by the time the user sees
        // the welcome, anything they type is answered after them.
        if (event instanceof Event.Welcome welcome) {
            if (awaitingWelcome) {
                awaitingWelcome = false;
                say(severalServers ? "*** Reconnected to " + reconnectedTo + "." : "*** Reconnected.");
            }
            restoreOrAsk(welcome);
        } else if (event instanceof Event.YouJoined) {
            ask(HiddenQueries.Kind.WHO);
            ask(HiddenQueries.Kind.ROOMS);
        }
        if (skippingRepeats && isRepeat(event)) {
            return;
        }
        boolean ours = event instanceof Event.Who && hidden.consume(HiddenQueries.Kind.WHO)
                || event instanceof Event.RoomList && hidden.consume(HiddenQueries.Kind.ROOMS)
                || tagsAnswer(event)
                || resumeLine(event);
        redrawBar(); // names, room and count follow the line just applied
        if (ours) {
            return;
        }
        String me = state.nick();
        // Any line, not only notices: a prompt may come in any form ("Password: "), and the cost
        // of a false alarm (someone chatting about passwords) is one line missing from Up. Set
        // before the line is shown: whatever the user types after seeing it is judged by it.
        secretAsked = safe.toLowerCase(Locale.ROOT).contains("password");
        screen.show(stamped(safe, tags, me));
        if (bell && wantsAttention(event, me)) {
            screen.ring();
        }
    }

    /**
     * True for a private message to me, and for a live line (not history) in which someone else
     * names me ({@link Mention}): the lines worth a bell.
     */
    private static boolean wantsAttention(Event event, String me) {
        if (event instanceof Event.PrivateFrom) {
            return true;
        }
        return event instanceof Event.RoomEvent said
                && (said.kind() == Event.RoomEvent.Kind.CHAT || said.kind() == Event.RoomEvent.Kind.ACTION)
                && me != null && !Names.fold(me).equals(Names.fold(said.who()))
                && Mention.of(me, said.text());
    }

    @Override
    public void onLineTooLong(int maxLineBytes) {
        say("*** A line from the server was longer than " + maxLineBytes + " bytes and was dropped.");
    }

    /**
     * After a welcome: take back the nickname and room from before a reconnect, or, when there
     * is nothing to restore, ask who and which rooms are here. A {@code /join} gets its own
     * {@code You joined}, which asks then, so it is not asked twice.
     */
    private void restoreOrAsk(Event.Welcome welcome) {
        // Tags first: everything after them (a resume's missed lines too) says when and where it happened.
        ask(HiddenQueries.Kind.TAGS);
        ping();
        if (resumeToken != null && (wantedNick != null || wantedRoom != null)) {
            resuming = true; // wantedNick and wantedRoom stay, in case the server cannot resume
            skippingRepeats = true;
            boolean seqHere = seqRoom != null && wantedRoom != null && Names.fold(seqRoom).equals(Names.fold(wantedRoom));
            reconnector.send("/resume " + resumeToken + (seqHere ? " " + lastSeq : ""));
            resumeToken = null; // a token works once; the server sends the next one
            return;
        }
        ask(HiddenQueries.Kind.TOKEN);
        restore(welcome.nick(), welcome.room());
    }

    /** Asks for the nickname and room from before a reconnect, if any, by /nick and /join. */
    private void restore(String currentNick, String currentRoom) {
        String nick = wantedNick;
        String room = wantedRoom;
        wantedNick = null;
        wantedRoom = null;
        if (nick != null && !Names.fold(nick).equals(Names.fold(currentNick))) {
            reconnector.send("/nick " + nick);
        }
        if (room != null && !Names.fold(room).equals(Names.fold(currentRoom))) {
            reconnector.send("/join " + room);
            return;
        }
        ask(HiddenQueries.Kind.WHO);
        ask(HiddenQueries.Kind.ROOMS);
    }

    /**
     * While a resume is on its way: the new welcome, the lobby's history and topic, and my
     * rename back to my name, none of them news. The server's answer to the resume (a token,
     * or a refusal) ends the skipping; what follows it, the missed lines, is shown.
     */
    private boolean isRepeat(Event event) {
        if (event instanceof Event.Welcome || event instanceof Event.Replayed) {
            return true;
        }
        if (event instanceof Event.Notice notice) {
            if (TOKEN.matcher(notice.text()).matches()) {
                skippingRepeats = false;
                return false; // resumeLine keeps it, and hides it
            }
            return notice.text().startsWith("The topic of #");
        }
        if (event instanceof Event.RoomEvent said && said.kind() == Event.RoomEvent.Kind.RENAME) {
            return wantedNick != null && Names.fold(wantedNick).equals(Names.fold(said.text()));
        }
        if (event instanceof Event.Error) {
            skippingRepeats = false; // a refusal is the answer too
        }
        return false;
    }

    /**
     * True if {@code event} is part of resuming and is not to be shown: a token (kept for the
     * next drop; shown only when the user typed {@code /token}), or the refusal of a
     * {@code /resume} this client sent, after which it asks for its name and room the old way.
     * "Welcome back" ends a resume and is shown, as are the missed lines before it.
     */
    private boolean resumeLine(Event event) {
        if (event instanceof Event.Notice notice) {
            java.util.regex.Matcher m = TOKEN.matcher(notice.text());
            if (m.matches()) {
                resumeToken = m.group(1);
                return hidden.consume(HiddenQueries.Kind.TOKEN) || resuming;
            }
            if (resuming && notice.text().startsWith("Welcome back, ")) {
                resuming = false;
                wantedNick = null;
                wantedRoom = null;
                ask(HiddenQueries.Kind.WHO);
                ask(HiddenQueries.Kind.ROOMS);
            }
            return false;
        }
        if (event instanceof Event.Error refused && (refused.text().startsWith("Unknown command /token")
                || refused.text().startsWith("Resuming a session is not available"))
                && hidden.consume(HiddenQueries.Kind.TOKEN)) {
            return true; // a server that cannot resume: nothing to keep, nothing to show
        }
        if (resuming && event instanceof Event.Error error
                && (error.text().startsWith("That token is not valid") || error.text().startsWith("Resuming a session")
                    || error.text().startsWith("Too many /resume attempts"))) {
            resuming = false;
            say("*** The session could not be resumed; joining again.");
            ask(HiddenQueries.Kind.TOKEN);
            restore(state.nick(), state.room());
            return true;
        }
        return false;
    }

    /**
     * The answer to the client's own {@code /tags on} (or, from a server without tags, the
     * error saying so): not shown.
     */
    private boolean tagsAnswer(Event event) {
        boolean answer = event instanceof Event.Notice notice && notice.text().startsWith("Tagged mode is on")
                || event instanceof Event.Error error && error.text().startsWith("Unknown command /tags");
        return answer && hidden.consume(HiddenQueries.Kind.TAGS);
    }

    /**
     * A big room tells several joins, leaves or returns in one line; its tags name them all
     * ({@code kind=joins}, {@code names=ann,bob,...}), so the names and the count stay exact.
     */
    private void followGroup(Tags.Parsed tags) {
        String kind = tags == null ? null : tags.get("kind");
        String names = tags == null ? null : tags.get("names");
        String room = tags == null ? null : tags.get("room");
        if (names == null || room == null || kind == null) {
            return;
        }
        Event.RoomEvent.Kind each = switch (kind) {
            case "joins", "backs" -> Event.RoomEvent.Kind.JOIN;
            case "leaves" -> Event.RoomEvent.Kind.LEAVE;
            default -> null;
        };
        if (each == null) {
            return;
        }
        for (String name : names.split(",")) {
            if (!name.isEmpty()) {
                state.apply(new Event.RoomEvent(room, 0, 0, each, name, ""));
            }
        }
    }

    /** Keeps the {@code seq} of a tagged line of my room: where a resume picks up. */
    private void followSeq(Tags.Parsed tags) {
        String seq = tags == null ? null : tags.get("seq");
        String room = tags == null ? null : tags.get("room");
        if (seq == null || room == null || !state.isMyRoom(room)) {
            return;
        }
        try {
            lastSeq = Long.parseLong(seq);
            seqRoom = room;
        } catch (NumberFormatException notANumber) {
            // a server of another kind; the resume goes without SEQ and the server's position does
        }
    }

    /**
     * Sends a hidden {@code /ping lag-N}, N the time it was sent, unless one is still out, the
     * server has no /ping, or there is no connection. Ticker and link thread.
     */
    private void ping() {
        if (!pingsAnswered || bar.pingOut()) {
            return;
        }
        long now = System.nanoTime();
        bar.pinged(now);
        if (!reconnector.send("/ping " + PING_MARK + now)) {
            bar.pinged(0);
        }
    }

    /**
     * True for the answer to the client's own ping (the lag is measured) and for a server's
     * refusal of it (no more pings): neither is shown.
     */
    private boolean pongOrNoPing(Event event) {
        if (event instanceof Event.Notice notice && notice.text().startsWith("pong " + PING_MARK)) {
            try {
                long sent = Long.parseLong(notice.text().substring(("pong " + PING_MARK).length()));
                if (bar.ponged(sent, System.nanoTime())) {
                    redrawBar();
                    return true;
                }
            } catch (NumberFormatException typedByHand) {
                // "/ping lag-x" typed by the user: theirs to see
            }
            return false;
        }
        if (event instanceof Event.Error error && error.text().startsWith("Unknown command /ping") && bar.pingOut()) {
            pingsAnswered = false;
            bar.pinged(0);
            return true;
        }
        return false;
    }

    /** Draws the status line if it changed. Any thread. */
    private void redrawBar() {
        synchronized (bar) {
            bar.place(state.nick(), state.room(), state.here());
            AttributedString now = bar.render(System.nanoTime());
            if (!now.equals(barShown)) {
                barShown = now;
                screen.status(now);
            }
        }
    }

    /** Shows a line of the client's own (connection trouble, a line not sent), in the time column if there is one. */
    private void say(String text) {
        AttributedString line = LineStyler.status(text);
        screen.show(timestamps.on() ? LineStyler.timed(timestamps.format(Instant.now()), line) : line);
    }

    /**
     * A server line as shown: styled, and with the time column when there is one: the line's
     * {@code time} tag, else now. A replayed line's own {@code [HH:MM]} gives way to the column
     * (the tag's time, or, untagged, the server's {@code HH:MM} itself).
     */
    private AttributedString stamped(String safe, Tags.Parsed tags, String me) {
        if (!timestamps.on()) {
            return LineStyler.style(safe, me);
        }
        Instant at = timeOf(tags);
        if (LineKind.of(safe) == LineKind.HISTORY) {
            String column = at != null ? timestamps.format(at) : safe.substring(1, Wire.STAMP_CHARS - 2);
            return LineStyler.timed(column, LineStyler.replayed(safe.substring(Wire.STAMP_CHARS), me));
        }
        return LineStyler.timed(timestamps.format(at != null ? at : Instant.now()), LineStyler.style(safe, me));
    }

    /** The {@code time} tag, or null if the line has none (or one that is not a time). */
    private static Instant timeOf(Tags.Parsed tags) {
        String time = tags == null ? null : tags.get("time");
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeException notATime) {
            return null;
        }
    }

    /**
     * Sends a query whose answer is hidden; counted first, so a fast answer is still recognised.
     * False if it could not be sent.
     */
    private boolean ask(HiddenQueries.Kind kind) {
        hidden.expect(kind);
        if (!reconnector.send(kind.command())) {
            hidden.cancel(kind);
            return false;
        }
        return true;
    }
}
