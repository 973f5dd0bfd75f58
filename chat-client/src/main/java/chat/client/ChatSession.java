package chat.client;

import chat.core.Command;
import chat.core.Event;
import chat.core.Names;
import chat.core.TextSanitizer;
import chat.core.Wire;
import java.time.Duration;
import java.util.Locale;

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
 * <p>Threads: the {@link Reconnector.Listener} methods run on the link thread; {@link #submit},
 * {@link #requestRooms} and {@link #leave} on the keyboard thread. What both touch is
 * thread-safe ({@link RoomState}, {@link HiddenQueries}, {@link Reconnector}, the screen).
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
    /** True while the last line shown from the server asks for a password: the next typed line is a secret. */
    private volatile boolean secretAsked;
    /** The nickname to ask for once the next welcome arrives; link thread only; null: keep the new one. */
    private String wantedNick;
    /** The room to go back to once the next welcome arrives; link thread only; null: stay. */
    private String wantedRoom;
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
        this.screen = screen;
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
                screen.show(LineStyler.status("*** Not connected: \"" + line + "\" was not sent."));
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
        reconnector.leave(quitLine, GOODBYE_WAIT);
    }

    /** Stops at once, telling the server nothing more than the closed connection does. */
    @Override
    public void close() {
        reconnector.close();
    }

    @Override
    public void onConnected(boolean again, ServerAddress server) {
        hidden.reset();
        if (!again) {
            wantedNick = chosenNick;
            return;
        }
        // Remember who and where I was: the welcome that comes next makes me userN in #lobby.
        // A default userN name (the chosen one was taken, or none was given) is not worth keeping.
        String nick = state.nick();
        wantedNick = nick != null && Names.nickProblem(nick).isEmpty() ? nick : chosenNick;
        wantedRoom = state.room();
        screen.show(LineStyler.status(severalServers ? "*** Reconnected to " + server + "." : "*** Reconnected."));
    }

    @Override
    public void onLost(String reason, ServerAddress next) {
        // Only the first server of the round is named: the others are tried without a line each,
        // as one server's repeated attempts are, and "Reconnected to" says where it got through.
        String reconnecting = severalServers ? "Reconnecting to " + next + "..." : "Reconnecting...";
        screen.show(LineStyler.status("*** Connection lost: " + TextSanitizer.sanitize(reason) + ". "
                + reconnecting + " (type quit to leave)"));
    }

    @Override
    public void onLine(String line) {
        // A line in tagged mode (/tags on) starts with @tags: the person sees the line after them.
        String safe = TextSanitizer.sanitize(line.startsWith("@") ? chat.core.Tags.parse(line).line() : line);
        Event event = Wire.parse(safe);
        state.apply(event);
        // Ask before showing: the answers are on their way sooner, and by the time the user sees
        // the welcome, anything they type is answered after them.
        if (event instanceof Event.Welcome welcome) {
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
                || resumeLine(event);
        if (ours) {
            return;
        }
        String me = state.nick();
        screen.show(LineStyler.style(safe, me));
        // Any line, not only notices: a prompt may come in any form ("Password: "), and the cost
        // of a false alarm (someone chatting about passwords) is one line missing from Up.
        secretAsked = safe.toLowerCase(Locale.ROOT).contains("password");
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
        screen.show(LineStyler.status("*** A line from the server was longer than " + maxLineBytes
                + " bytes and was dropped."));
    }

    /**
     * After a welcome: take back the nickname and room from before a reconnect, or, when there
     * is nothing to restore, ask who and which rooms are here. A {@code /join} gets its own
     * {@code You joined}, which asks then, so it is not asked twice.
     */
    private void restoreOrAsk(Event.Welcome welcome) {
        if (resumeToken != null && (wantedNick != null || wantedRoom != null)) {
            resuming = true; // wantedNick and wantedRoom stay, in case the server cannot resume
            skippingRepeats = true;
            reconnector.send("/resume " + resumeToken);
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
            screen.show(LineStyler.status("*** The session could not be resumed; joining again."));
            ask(HiddenQueries.Kind.TOKEN);
            restore(state.nick(), state.room());
            return true;
        }
        return false;
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
