package chat.server;

import chat.core.Command;
import chat.core.Names;
import chat.core.Protocol;
import chat.core.TextSanitizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat itself: what each line a user sends does (docs/protocol.md is the contract), and
 * what happens when a user arrives or leaves. Knows users, nicknames and rooms; knows nothing of
 * sockets or bytes beyond the frames it hands to {@link Outbox}es.
 *
 * <p>Reactor thread only. Invariant: {@code byNick} maps the folded nickname of every user
 * who is in a room, and only those.
 */
final class CommandHandler {

    /** Names /who lists at most; a bigger room's answer ends with how many more there are. */
    static final int WHO_MAX_NAMES = 100;

    private final Rooms rooms;
    /** Connected users by folded nickname. */
    private final Map<String, User> byNick = new HashMap<>();

    CommandHandler(Rooms rooms) {
        this.rooms = rooms;
    }

    /** A new connection: it gets its default name, the welcome, the lobby's history; the lobby is told. */
    void arrive(User user) {
        byNick.put(Names.fold(user.nick()), user);
        Room lobby = rooms.lobby();
        reply(user, Protocol.welcome(user.nick(), lobby.name(), lobby.size() + 1));
        user.moveTo(lobby);
        lobby.enter(user);
    }

    /** The user is gone (quit, closed, too slow...): its room is told why. Idempotent. */
    void leave(User user, String why) {
        Room room = user.room();
        if (room == null) {
            return;
        }
        forget(user);
        room.leave(user, TextSanitizer.sanitize(why));
        rooms.dropIfEmpty(room);
    }

    /** As {@link #leave}, telling no one: the server is shutting down. */
    void leaveQuietly(User user) {
        Room room = user.room();
        if (room != null) {
            forget(user);
            room.leaveQuietly(user);
        }
    }

    /** A plain chat line from {@code user}, as bytes ({@link chat.core.Protocol#isPlainChat}): the fast path. */
    void sayPlain(User user, byte[] text, int offset, int length) {
        Room room = user.room();
        if (room != null) {
            room.say(user.chatFrame(text, offset, length));
        }
    }

    /** One line from {@code user} (never blank). */
    void onLine(User user, String rawLine) {
        if (user.room() == null) {
            return; // already left; its connection is closing
        }
        String line = TextSanitizer.sanitize(rawLine);
        Command command = Command.parse(line);
        if (command instanceof Command.Say say) {
            user.room().say(Protocol.frame(Protocol.chat(user.nick(), say.text())));
        } else if (command instanceof Command.Me me) {
            user.room().say(Protocol.frame(Protocol.action(user.nick(), me.text())));
        } else if (command instanceof Command.Nick nick) {
            rename(user, nick.name());
        } else if (command instanceof Command.Who) {
            Room room = user.room();
            reply(user, Protocol.who(room.name(), room.nicks(), WHO_MAX_NAMES));
        } else if (command instanceof Command.Msg msg) {
            privateMessage(user, msg.target(), msg.text());
        } else if (command instanceof Command.Join join) {
            join(user, join.room());
        } else if (command instanceof Command.Rooms) {
            listRooms(user);
        } else if (command instanceof Command.Quit quit) {
            reply(user, Protocol.goodbye(user.nick()));
            leave(user, quit.reason().isEmpty() ? "quit" : "quit: " + quit.reason());
            user.outbox().closeAfterOutput("quit");
        } else if (command instanceof Command.Help) {
            help(user);
        } else if (command instanceof Command.Invalid invalid) {
            error(user, invalid.problem());
        }
    }

    private void rename(User user, String typedNick) {
        String newNick = Names.normalize(typedNick); // NFC: the form names are checked, kept and shown in
        Optional<String> problem = Names.nickProblem(newNick);
        if (problem.isPresent()) {
            error(user, problem.get());
            return;
        }
        if (newNick.equals(user.nick())) {
            error(user, "You are already called " + newNick + ".");
            return;
        }
        String key = Names.fold(newNick);
        User holder = byNick.get(key);
        if (holder != null && holder != user) {
            error(user, "The name " + newNick + " is taken.");
            return;
        }
        String old = user.nick();
        byNick.remove(Names.fold(old));
        byNick.put(key, user);
        user.rename(newNick);
        user.room().announce(Protocol.renamed(old, newNick));
    }

    private void privateMessage(User from, String target, String text) {
        User to = byNick.get(Names.fold(target));
        if (to == null) {
            error(from, "No one here is called " + target + ".");
            return;
        }
        reply(to, Protocol.privateFrom(from.nick(), text));
        if (to != from) {
            reply(from, Protocol.privateTo(to.nick(), text));
            if (to.isPressing()) {
                from.pressedBy(to); // it is behind: the sender's next line waits until it catches up
            }
        }
    }

    private void join(User user, String typed) {
        String name = Names.normalize(Names.stripHash(typed));
        Optional<String> problem = Names.roomProblem(name);
        if (problem.isPresent()) {
            error(user, problem.get());
            return;
        }
        Room from = user.room();
        if (from.key().equals(Names.fold(name))) {
            error(user, "You are already in #" + from.name() + ".");
            return;
        }
        Room to = rooms.getOrCreate(name);
        from.leave(user, "moved to #" + to.name());
        rooms.dropIfEmpty(from);
        reply(user, Protocol.youJoined(to.name(), to.size() + 1));
        user.moveTo(to);
        to.enter(user);
    }

    private void listRooms(User user) {
        List<String> names = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Room room : rooms.sorted()) {
            names.add(room.name());
            counts.add(room.size());
        }
        reply(user, Protocol.rooms(names, counts));
    }

    private void help(User user) {
        StringBuilder lines = new StringBuilder(Protocol.notice("Commands:")).append(Protocol.LINE_END);
        for (Command.Usage usage : Command.USAGES) {
            lines.append(Protocol.notice(String.format("  %-16s %s", usage.syntax(), usage.description())))
                    .append(Protocol.LINE_END);
        }
        lines.append(Protocol.notice("  //TEXT           say a line that starts with /"))
                .append(Protocol.LINE_END);
        user.deliver(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void forget(User user) {
        byNick.remove(Names.fold(user.nick()), user);
        user.moveTo(null);
    }

    private static void reply(User user, String line) {
        user.deliver(Protocol.frame(line));
    }

    private static void error(User user, String sentence) {
        reply(user, Protocol.error(sentence));
    }
}
