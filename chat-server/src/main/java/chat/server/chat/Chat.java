package chat.server.chat;

import chat.core.Command;
import chat.core.Event;
import chat.core.Event.RoomEvent;
import chat.core.TextSanitizer;
import chat.core.Wire;
import chat.server.bus.Directory;
import chat.server.loop.Later;
import chat.server.bus.RoomBus;
import chat.server.bus.SessionStore;
import chat.server.store.HistoryStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat itself: what a user's arrival, lines and departure do (docs/protocol.md is the
 * contract; the commands are {@link Commands}'). Knows users and rooms, never sockets.
 *
 * <p>Everything said in a room goes out on the {@link RoomBus} and is delivered only when it
 * comes back ({@link #onEvent}): rendered there once, the same bytes fanned out to every member
 * here, and the chat and action lines kept in the {@link HistoryStore}. Who is where, which
 * names are taken and where a private message goes are the {@link Directory}'s to say.
 *
 * <p>Reactor thread only. Invariant: a user is in the directory, and in exactly one of this
 * process's rooms, from {@link #arrive} until {@link #leave}; {@code user.room()} is that room.
 */
public final class Chat implements RoomBus.Listener {

    private final RoomBus bus;
    private final Directory directory;
    private final HistoryStore history;
    private final Rooms rooms;
    /** Rooms holding joins, leaves or returns until the end of this pass ({@link #endOfPass}). */
    private final List<Room> holding = new ArrayList<>();
    /** Above this many people here, a room's comings and goings of one pass are told together. */
    private int coalesceAbove = Integer.MAX_VALUE;
    /** Above this many people here, plain users hear only of those who spoke lately. */
    private int quietAbove = Integer.MAX_VALUE;
    private final Commands commands;
    /** Resume tokens ({@code /token}, {@code /resume}); null until {@link #enableResume}. */
    private Sessions sessions;
    /** The loop's timers, once a server gave them ({@link #enableResume}); null in a bare chat. */
    private Later later;
    /** Operators, bans and mutes: in memory with no operators until {@link #enableModeration}. */
    private ModerationCommands moderation;
    /** The message of the day ({@code --motd}): shown to each newcomer after the welcome; empty if none. */
    private List<Event> motd = List.of();

    public Chat(RoomBus bus, Directory directory, HistoryStore history) {
        this.bus = bus;
        this.directory = directory;
        this.history = history;
        this.rooms = new Rooms(bus);
        this.commands = new Commands(this, directory);
        bus.listen(this);
        this.moderation = new ModerationCommands(this, directory, new chat.server.bus.LocalModerationBus(), null,
                System::currentTimeMillis);
    }

    /** Rooms this process has members in (the lobby always counts). */
    public int roomCount() {
        return rooms.all().size();
    }

    /** Where this chat's rooms' events go: for the metrics, which count what a broker's bus saw. */
    public RoomBus bus() {
        return bus;
    }

    /** Where this chat keeps history: for the metrics, which count what a journal wrote. */
    public HistoryStore history() {
        return history;
    }

    /**
     * A new connection: it gets its default name (unique in the whole chat), the welcome, the
     * lobby's history; the lobby is told; then {@code entered} runs (at once in one process).
     */
    public void arrive(User user, Runnable entered) {
        directory.newcomer(user, nick -> {
            if (user.isGone()) {
                directory.release(nick, user); // it left while its name was on the way
                return;
            }
            user.rename(nick);
            Room lobby = rooms.lobby();
            directory.count(lobby.key(), n -> {
                reply(user, new Event.Welcome(user.nick(), lobby.name(), n + 1));
                if (!motd.isEmpty()) {
                    user.deliverAll(motd);
                }
                enter(user, lobby, entered);
            });
        });
    }

    /** The user is gone (quit, closed, too slow...): its room is told why. Idempotent. */
    public void leave(User user, String why) {
        leave(user, why, why.startsWith("quit"));
    }

    /** As {@link #leave(User, String)}; {@code forGood}: the session ends, its name is free at once (as after /quit). */
    private void leave(User user, String why, boolean forGood) {
        user.markGone();
        Room room = user.room();
        if (room == null) {
            return;
        }
        String nick = user.nick();
        boolean quit = forGood;
        if (sessions != null && quit) {
            sessions.end(user); // after /quit the token is dead and the name free at once
        }
        // An abrupt end of a user with a token: its name stays reserved for a while, for /resume.
        if (quit || sessions == null || !sessions.drop(user,
                new SessionStore.Dropped(nick, room.name(), room.lastSeq(), directory.ownerOf(user)),
                () -> directory.release(nick, user))) {
            directory.release(nick, user);
        }
        exit(user, TextSanitizer.sanitize(why));
    }

    /**
     * The server is shutting down: every one of {@code users} leaves. Their rooms here are
     * emptied first, without a notice per departure to those who are leaving anyway (a thousand
     * users would cost a million notices); then each departure is published, so the users of
     * the chat's other servers, if any, are told.
     */
    public void shutDown(java.util.Collection<User> users) {
        List<RoomEvent> departures = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (User user : users) {
            user.markGone();
            Room room = user.room();
            if (room != null) {
                directory.release(user.nick(), user);
                directory.left(room.key(), user);
                user.moveTo(null);
                room.remove(user);
                departures.add(RoomEvent.leave(room.name(), user.nick(), "server shutting down"));
                keys.add(room.key());
            }
        }
        for (int i = 0; i < departures.size(); i++) {
            bus.publish(keys.get(i), departures.get(i));
        }
    }

    /** A plain chat line from {@code user}, as bytes ({@link chat.core.Command#isPlainChat}): the fast path. */
    public void sayPlain(User user, byte[] text, int offset, int length) {
        Room room = user.room();
        if (room != null) {
            // Printable ASCII: Latin-1 decoding is a plain copy into a compact string.
            say(user, RoomEvent.chat(room.name(), user.nick(), new String(text, offset, length, StandardCharsets.ISO_8859_1)));
        }
    }

    /** One line from {@code user} (never blank), a command or a line to say. */
    public void onLine(User user, String rawLine) {
        if (user.room() == null) {
            return; // already left; its connection is closing
        }
        Command command = Command.parse(TextSanitizer.sanitize(rawLine));
        if (command instanceof Command.Say say) {
            say(user, RoomEvent.chat(user.room().name(), user.nick(), say.text()));
        } else if (command instanceof Command.Me me) {
            say(user, RoomEvent.action(user.room().name(), user.nick(), me.text()));
        } else {
            commands.run(user, command);
        }
    }

    /**
     * A room's event came back from the bus: rendered once, to every member here (a line said
     * skips whoever here ignores its speaker); lines into history, a topic beside it.
     */
    @Override
    public void onEvent(String roomKey, RoomEvent event) {
        Room room = rooms.get(roomKey);
        boolean line = event.kind() == RoomEvent.Kind.CHAT || event.kind() == RoomEvent.Kind.ACTION;
        if (room != null) {
            room.sent(event.seq());
            if (room.size() > coalesceAbove) {
                if (isComingOrGoing(event)) {
                    if (room.hold(event)) {
                        holding.add(room); // told at the end of this pass, with whatever else comes meanwhile
                    }
                    return;
                }
                if (line) {
                    room.spoke(event.who(), event.time(), event.time() - QUIET_AFTER_MILLIS);
                }
            }
            if (room.holds()) {
                tellHeld(room); // what came before this event is told before it
            }
        }
        if (room != null && (event.kind() == RoomEvent.Kind.JOIN || event.kind() == RoomEvent.Kind.BACK)) {
            room.fanOutExcept(event, Wire.frame(event), event.who());
        } else if (room != null && line) {
            room.fanOutFrom(event, Wire.frame(event), event.who());
        } else if (room != null) {
            room.fanOut(event, Wire.frame(event));
        }
        if (room != null && event.kind() == RoomEvent.Kind.RENAME) {
            room.renamed(event.who(), event.text()); // an ignored user stays ignored under the new name
        }
        if (line) {
            history.append(roomKey, event);
        } else if (event.kind() == RoomEvent.Kind.TOPIC) {
            history.setTopic(roomKey, event);
        }
    }

    // Issue 15 §1: big rooms (docs/operations.md, "Big rooms").

    /** How long after speaking someone's comings and goings are still told in a quiet room. */
    static final long QUIET_AFTER_MILLIS = 5 * 60_000L;

    /**
     * Above {@code coalesce} people in a room, its joins, leaves and returns of one pass of the
     * loop are told in one line per kind; above {@code quiet}, plain users hear of them only for
     * people who spoke there in the last {@link #QUIET_AFTER_MILLIS} (tagged users hear of all).
     */
    public void crowd(int coalesce, int quiet) {
        this.coalesceAbove = coalesce;
        this.quietAbove = quiet;
    }

    /** The end of a pass of the loop: every room holding joins, leaves or returns tells them now. */
    public void endOfPass() {
        // By index: telling one room can make another hold something (a slow reader dropped), added at the end.
        for (int i = 0; i < holding.size(); i++) {
            Room room = holding.get(i);
            if (room.holds()) {
                tellHeld(room);
            }
        }
        holding.clear();
    }

    private static boolean isComingOrGoing(RoomEvent event) {
        return event.kind() == RoomEvent.Kind.JOIN || event.kind() == RoomEvent.Kind.LEAVE
                || event.kind() == RoomEvent.Kind.BACK;
    }

    /**
     * Tells {@code room} what it held: for each kind in the order it first came, one line. A
     * plain member gets the one event's own line when it is about one person, else
     * {@code *** ann, bob and 37 others joined #lobby}; in a quiet room only those who spoke
     * lately count, and with none of them, a plain member gets nothing. A tagged member gets
     * every event: the one event's own tagged line, or one {@code joins}/{@code leaves}/
     * {@code backs} line naming them all ({@link chat.core.TaggedFrame#group}). Newcomers and
     * returners are not told of themselves.
     */
    private void tellHeld(Room room) {
        boolean quiet = Math.max(room.size(), room.heldPeak()) > quietAbove;
        List<RoomEvent> held = room.takeHeld();
        long since = held.get(held.size() - 1).time() - QUIET_AFTER_MILLIS; // the room's clock, as speaking was timed
        for (RoomEvent.Kind kind : List.of(RoomEvent.Kind.JOIN, RoomEvent.Kind.LEAVE, RoomEvent.Kind.BACK)) {
            List<RoomEvent> group = new ArrayList<>();
            List<RoomEvent> heard = new ArrayList<>();
            for (RoomEvent event : held) {
                if (event.kind() == kind) {
                    group.add(event);
                    if (!quiet || room.spokeSince(event.who(), since)) {
                        heard.add(event);
                    }
                }
            }
            if (group.isEmpty()) {
                continue;
            }
            byte[] plain = heard.isEmpty() ? null
                    : heard.size() == 1 ? Wire.frame(heard.get(0)) : Wire.frame(new Event.Notice(together(heard, room)));
            java.util.Set<String> except = new java.util.HashSet<>();
            if (kind != RoomEvent.Kind.LEAVE) {
                group.forEach(event -> except.add(event.who()));
            }
            room.fanOutTogether(plain, () -> group.size() == 1
                    ? chat.core.TaggedFrame.of(group.get(0), Wire.frame(group.get(0)), System.currentTimeMillis())
                    : chat.core.TaggedFrame.group(group, Wire.frame(new Event.Notice(together(group, room)))), except);
        }
    }

    /** {@code ann and bob joined #lobby}, {@code ann, bob and carol left #lobby}, {@code ann, bob and 37 others are back in #lobby}. */
    static String together(List<RoomEvent> events, Room room) {
        int n = events.size();
        StringBuilder names = new StringBuilder();
        if (n <= 3) {
            for (int i = 0; i < n; i++) {
                names.append(i == 0 ? "" : i == n - 1 ? " and " : ", ").append(events.get(i).who());
            }
        } else {
            names.append(events.get(0).who()).append(", ").append(events.get(1).who())
                    .append(" and ").append(n - 2).append(" others");
        }
        // Not a switch: one on an enum compiles to a class of its own, loaded the first time a big
        // room tells a batch, on the loop, from the disk (and, out of descriptors, not at all).
        RoomEvent.Kind kind = events.get(0).kind();
        String what = kind == RoomEvent.Kind.JOIN ? " joined #" : kind == RoomEvent.Kind.LEAVE ? " left #" : " are back in #";
        return names.append(what).append(room.name()).toString();
    }

    private void say(User user, RoomEvent line) {
        if (moderation.silenced(user, "your line reached no one.")) {
            return;
        }
        long now = System.currentTimeMillis(); // idle time, for /whois: a clock read per line, nothing more
        user.spoke(now);
        directory.spoke(user, now);
        bus.publish(user.room().key(), line, why -> error(user,
                "Your line was not sent: the chat cannot reach its other servers right now."));
    }

    /**
     * The link to the chat's other servers went down, or came back: every user here is told,
     * once each time. While it is down, lines are refused with a line to their sender.
     */
    public void linkChanged(boolean up) {
        Event notice = new Event.Notice(up ? "The chat reaches its other servers again."
                : "The chat cannot reach its other servers; lines you send now are not delivered. Reconnecting...");
        chat.core.Broadcast line = new chat.core.Broadcast(notice); // each form rendered once for every room
        for (Room room : rooms.all()) {
            room.fanOut(line);
        }
    }

    /** Some of a room's events never arrived here and could not be recovered: its members are told. */
    @Override
    public void onLost(String roomKey, long count) {
        Room room = rooms.get(roomKey);
        if (room != null) {
            Event lost = new Event.Notice(count + (count == 1 ? " line" : " lines")
                    + " of #" + room.name() + " were lost on the way here.");
            room.fanOut(lost, Wire.frame(lost));
        }
    }

    /** {@code user} moves from its room to the room called {@code name} (valid, not the one it is in). */
    void move(User user, String name) {
        String key = chat.core.Names.fold(name);
        Room held = rooms.get(key);
        if (held != null) {
            moveTo(user, held);
        } else {
            directory.roomName(key, name, shown -> {
                if (user.room() != null && !user.isGone()) {
                    moveTo(user, rooms.getOrCreate(shown));
                }
            });
        }
    }

    private void moveTo(User user, Room to) {
        exit(user, "moved to #" + to.name());
        directory.count(to.key(), n -> enter(user, to, new Event.YouJoined(to.name(), n + 1), () -> { }));
    }

    /** {@code user} was renamed from {@code old}: its room is told. */
    void renamed(User user, String old) {
        bus.publish(user.room().key(), RoomEvent.rename(user.room().name(), old, user.nick()));
    }

    /**
     * Lets {@code user} into {@code room}: it first receives the room's history, then the others
     * are told it joined (it is added after, so it never receives its own arrival), then it gets
     * live traffic; then {@code entered} runs.
     */
    private void enter(User user, Room room, Runnable entered) {
        enter(user, room, null, entered);
    }

    /**
     * As {@link #enter(User, Room, Runnable)}, telling {@code user} {@code told} (its "You joined")
     * first, when it is let in: its history is kept back until then, so that once it reads that
     * line it is a member, and whoever comes in after it, on any server, is announced to it.
     */
    private void enter(User user, Room room, Event told, Runnable entered) {
        user.moveTo(room);
        // In the directory at once: once told it joined, the user is in /who and /rooms for
        // everyone, even while its history is still on its way from a broker. (If it leaves
        // before, exit takes it out of this room's entry again.)
        directory.entered(room.key(), room.name(), user);
        // The topic and the history are asked for together: a shared store answers both in one
        // round trip, in the order asked, and the topic is shown once the history is out.
        RoomEvent[] topic = new RoomEvent[1];
        int[] pending = {2};
        // The history kept back, bounded by the room's cap. Two lists, not a class of pairs: no
        // class of the server's jar is loaded on the loop here (it could not be, out of descriptors).
        List<RoomEvent> keptLines = told == null ? null : new ArrayList<>();
        List<byte[]> keptFrames = told == null ? null : new ArrayList<>();
        HistoryStore.Replay replay = told == null ? replayTo(user) : (said, frame) -> {
            keptLines.add(said);
            keptFrames.add(frame);
        };
        Runnable both = () -> {
            if (--pending[0] > 0) {
                return;
            }
            if (user.room() != room) {
                return; // it left, or moved on, while the history was on its way
            }
            if (told != null) {
                reply(user, told);
                HistoryStore.Replay toUser = replayTo(user);
                for (int i = 0; i < keptLines.size(); i++) {
                    toUser.line(keptLines.get(i), keptFrames.get(i));
                }
            }
            if (topic[0] != null) {
                reply(user, topicNotice(room, topic[0]));
            }
            bus.publish(room.key(), RoomEvent.join(room.name(), user.nick()));
            room.add(user);
            entered.run();
        };
        history.topic(room.key(), kept -> {
            topic[0] = kept;
            both.run();
        });
        history.replay(room.key(), replay, both);
    }

    /**
     * Where {@code user}'s history goes: to it, plain or tagged as it asked, but not the lines
     * of anyone it ignores.
     */
    private static HistoryStore.Replay replayTo(User user) {
        return (said, frame) -> {
            if (!user.ignores(said.who())) {
                user.deliverReplayed(said, frame);
            }
        };
    }

    // Issue 14 §3: moderation.

    /**
     * Operators from {@code checks} (null: none), bans and mutes kept by {@code bus}, and
     * {@code motdLines} shown to each newcomer.
     */
    public void enableModeration(chat.server.bus.ModerationBus bus, chat.server.moderation.PasswordChecks checks,
            List<String> motdLines, java.util.function.LongSupplier clockMillis) {
        moderation = new ModerationCommands(this, directory, bus, checks, clockMillis);
        List<Event> lines = new ArrayList<>();
        for (String line : motdLines) {
            lines.add(new Event.Notice(TextSanitizer.sanitize(line)));
        }
        motd = List.copyOf(lines);
    }

    ModerationCommands moderation() {
        return moderation;
    }

    /** Why a new connection from {@code address} is refused (a ban), as one sentence; null if it is not. */
    public String refusal(java.net.InetAddress address) {
        return moderation.refusal(address);
    }

    /** Every user connected here and in a room. A copy: acting on one may change the rooms. */
    List<User> localUsers() {
        List<User> users = new ArrayList<>();
        for (Room room : rooms.all()) {
            room.forEachMember(member -> {
                if (member instanceof User user) {
                    users.add(user);
                }
            });
        }
        return users;
    }

    /**
     * An operator put {@code user} out (kick, ban): it is told {@code sentence}, its room sees it
     * leave {@code why}, its session ends (no /resume back in), and its connection closes.
     */
    void expel(User user, String sentence, String why) {
        if (user.isGone()) {
            return;
        }
        error(user, sentence);
        leave(user, TextSanitizer.sanitize(why), true);
        user.outbox().closeAfterOutput(why);
    }

    /** {@code notice} to every room here. */
    void announce(Event notice) {
        chat.core.Broadcast line = new chat.core.Broadcast(notice); // each form rendered once for every room
        for (Room room : rooms.all()) {
            room.fanOut(line);
        }
    }

    // Resuming a dropped session (docs/protocol.md, "Resuming a dropped session").

    /** The loop's timers, or null when this chat runs without them (tests of the chat alone). */
    Later later() {
        return later;
    }

    /**
     * Turns {@code /token} and {@code /resume} on: a dropped session can be resumed for
     * {@code windowMillis}, and its name is kept for its owner for the first {@code reserveMillis}.
     */
    public void enableResume(Later later, SessionStore store, java.util.function.LongSupplier clockMillis,
            long windowMillis, long reserveMillis) {
        this.later = later;
        sessions = new Sessions(later, store, clockMillis, windowMillis, reserveMillis);
        sessions.handOverWith(this::resumedElsewhere);
    }

    /**
     * Another server resumes {@code old}'s session (its connection here is half dead, or not):
     * this one closes, as if it had dropped, so the session goes to the store with its name
     * still reserved, and the other server takes both from there.
     */
    private void resumedElsewhere(User old) {
        reply(old, new Event.Notice("This session was resumed on another server; this connection closes."));
        leave(old, "resumed on another server");
        old.outbox().closeAfterOutput("resumed on another server");
    }

    /** {@code /token}: the user's resume token, issued on first asking, and how to use it. */
    void showToken(User user) {
        if (sessions == null) {
            error(user, "Resuming a session is not available on this server.");
            return;
        }
        // Only a token's hash is kept, so showing it again means a new one (the old one dies).
        reply(user, tokenNotice(sessions.issue(user)));
    }

    private Event tokenNotice(String token) {
        long minutes = Math.max(1, sessions.windowMillis() / 60_000);
        return new Event.Notice("Your resume token is " + token + ". If your connection drops, connect again within "
                + minutes + (minutes == 1 ? " minute" : " minutes") + " and type /resume " + token
                + " to get your name, your room and the lines you missed. Keep it secret; it works once.");
    }

    /** {@code /resume TOKEN [SEQ]} from {@code user}, a new connection in the lobby. */
    void resume(User user, String token, long afterSeq) {
        if (sessions == null) {
            error(user, "Resuming a session is not available on this server.");
            return;
        }
        if (!sessions.mayTry(user.address())) {
            error(user, "Too many /resume attempts from your address; wait a minute.");
            return;
        }
        Session own = sessions.of(user);
        if (own != null && own.tokenHash.equals(Sessions.hash(token))) {
            reply(user, new Event.Notice("That is this connection's own session."));
            return;
        }
        sessions.take(token, taken -> {
            if (user.isGone() || user.room() == null) {
                return; // it left while the store was asked
            }
            if (taken == null) {
                error(user, "That token is not valid: it is wrong, expired or already used.");
            } else if (taken.attached() != null) {
                takeOver(user, taken.attached(), afterSeq);
            } else {
                SessionStore.Dropped dropped = taken.dropped();
                comeBack(user, dropped.nick(), dropped.roomName(), afterSeq >= 0 ? afterSeq : dropped.lastSeq(),
                        dropped.owner());
            }
        });
    }

    /**
     * The session's old connection is still open, though its user is here again: a half-dead
     * link the server has not noticed yet. This one takes over; that one is closed.
     */
    private void takeOver(User user, User old, long afterSeq) {
        String nick = old.nick();
        Room room = old.room();
        String roomName = room == null ? rooms.lobby().name() : room.name();
        long seq = room == null ? 0 : room.lastSeq();
        reply(old, new Event.Notice("This session was resumed from another connection; this one closes."));
        leave(old, "resumed from another connection"); // its name is free: the new connection takes it
        old.outbox().closeAfterOutput("resumed from another connection");
        comeBack(user, nick, roomName, afterSeq >= 0 ? afterSeq : seq, directory.ownerOf(old));
    }

    /** {@code user} takes back {@code nick} (kept for {@code owner}) and goes back to its room. */
    private void comeBack(User user, String nick, String roomName, long afterSeq, String owner) {
        String was = user.nick();
        if (moderation.nameBan(nick) != null) {
            error(user, "That session's name " + nick + " is banned; you are still " + was + ".");
            return;
        }
        if (chat.core.Names.fold(nick).equals(chat.core.Names.fold(was))) {
            resumeIn(user, roomName, afterSeq);
            return;
        }
        directory.reclaim(user, was, nick, owner, renamed -> {
            if (user.isGone() || user.room() == null) {
                return;
            }
            if (renamed) {
                user.rename(nick);
                renamed(user, was);
            } else {
                error(user, "Your name " + nick + " was taken meanwhile; you are still " + was + ".");
            }
            resumeIn(user, roomName, afterSeq);
        });
    }

    /** The resumed user goes back to the room called {@code roomName}, with what it missed after {@code afterSeq}. */
    private void resumeIn(User user, String roomName, long afterSeq) {
        reply(user, tokenNotice(sessions.issue(user))); // single-use: a resume issues a new one
        Room here = user.room();
        String key = chat.core.Names.fold(roomName);
        if (here.key().equals(key)) {
            replayMissed(user, here, afterSeq, () -> bus.publish(here.key(), RoomEvent.back(here.name(), user.nick())));
            return;
        }
        Room to = rooms.getOrCreate(roomName);
        exit(user, "moved to #" + to.name());
        directory.count(to.key(), n -> {
            reply(user, new Event.YouJoined(to.name(), n + 1));
            user.moveTo(to);
            directory.entered(to.key(), to.name(), user);
            replayMissed(user, to, afterSeq, () -> {
                bus.publish(to.key(), RoomEvent.back(to.name(), user.nick()));
                to.add(user);
            });
        });
    }

    /** Sends {@code user} the lines of {@code room} after {@code afterSeq}, says how many, then runs {@code then}. */
    private void replayMissed(User user, Room room, long afterSeq, Runnable then) {
        int[] count = {0};
        HistoryStore.Replay to = replayTo(user);
        history.since(room.key(), afterSeq, (said, frame) -> {
            count[0]++;
            to.line(said, frame);
        }, complete -> {
            if (user.room() != room) {
                return; // it left, or moved on, meanwhile
            }
            String missed = count[0] == 0 ? "you missed nothing"
                    : count[0] + (count[0] == 1 ? " line" : " lines") + " you missed";
            reply(user, new Event.Notice("Welcome back, " + user.nick() + ": " + missed + " in #" + room.name()
                    + (complete ? "." : "; lines before them are no longer kept.")));
            then.run();
        });
    }

    // Issue 13 §2: the topic.

    /** The line that shows {@code room}'s topic, {@code topic} (a TOPIC event), to one user. */
    static Event topicNotice(Room room, RoomEvent topic) {
        return new Event.Notice("The topic of #" + room.name() + " is: " + topic.text() + " (set by " + topic.who() + ")");
    }

    /** Tells {@code user} its room's topic, or that there is none. */
    void showTopic(User user) {
        Room room = user.room();
        history.topic(room.key(), topic -> reply(user, topic == null
                ? new Event.Notice("#" + room.name() + " has no topic. Set one with /topic TEXT.")
                : topicNotice(room, topic)));
    }

    /** {@code user} sets its room's topic to {@code text} (sanitised, not too long): announced to the room through the bus. */
    void setTopic(User user, String text) {
        Room room = user.room();
        bus.publish(room.key(), RoomEvent.topic(room.name(), user.nick(), text), why -> error(user,
                "The topic was not set: the chat cannot reach its other servers right now."));
    }

    /** Takes {@code user} out of its room and tells the rest why (a reason such as {@code quit: bye}). */
    private void exit(User user, String why) {
        Room room = user.room();
        directory.left(room.key(), user);
        user.moveTo(null);
        room.remove(user);
        bus.publish(room.key(), RoomEvent.leave(room.name(), user.nick(), why));
        rooms.dropIfEmpty(room); // its history stays: whoever comes back sees what was said
    }

    static void reply(User user, Event event) {
        user.deliver(event);
    }

    static void error(User user, String sentence) {
        reply(user, new Event.Error(sentence));
    }
}
