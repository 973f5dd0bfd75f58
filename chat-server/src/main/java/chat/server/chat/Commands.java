package chat.server.chat;

import chat.core.Command;
import chat.core.Event;
import chat.core.Names;
import chat.server.bus.Directory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each command does (docs/protocol.md, "Line kinds"): names, /who, /msg, /join, /part,
 * /rooms, /quit, /help. Every error goes to the user who typed the command alone, as one line.
 *
 * <p>Reactor thread only.
 */
final class Commands {

    /** Names /who lists at most; a bigger room's answer ends with how many more there are. */
    static final int WHO_MAX_NAMES = 100;
    /** The answer to {@code /ping}, then the text that came with it. */
    static final String PONG = "pong";

    private final Chat chat;
    private final Directory directory;
    /** /whois, /away, /topic, /ignore, /unignore (issue 13 §2). */
    private final SocialCommands social;

    /**
     * How long a user's lines wait for the directory's answer to their {@code /nick} at most: it
     * always answers, unless the loop's full task queue dropped it; then they go on regardless.
     */
    static final long RENAME_PATIENCE_MILLIS = 5_000;

    Commands(Chat chat, Directory directory) {
        this.chat = chat;
        this.directory = directory;
        this.social = new SocialCommands(chat, directory);
    }

    /** Runs {@code command} (anything but a line to say) for {@code user}, who is in a room. */
    void run(User user, Command command) {
        if (command instanceof Command.Nick nick) {
            rename(user, nick.name());
        } else if (command instanceof Command.Who) {
            who(user);
        } else if (command instanceof Command.Msg msg) {
            privateMessage(user, msg.target(), msg.text());
        } else if (command instanceof Command.Join join) {
            join(user, join.room());
        } else if (command instanceof Command.Part) {
            join(user, Names.LOBBY);
        } else if (command instanceof Command.Rooms) {
            directory.rooms(list -> Chat.reply(user, roomList(list)), why -> unavailable(user));
        } else if (command instanceof Command.Quit quit) {
            Chat.reply(user, new Event.Goodbye(user.nick()));
            chat.leave(user, quit.reason().isEmpty() ? "quit" : "quit: " + quit.reason());
            user.outbox().closeAfterOutput("quit");
        } else if (command instanceof Command.Token) {
            chat.showToken(user);
        } else if (command instanceof Command.Resume resume) {
            chat.resume(user, resume.token(), resume.afterSeq());
        } else if (command instanceof Command.Help) {
            help(user);
        } else if (social.takes(command)) {
            social.run(user, command);
        } else if (ModerationCommands.takes(command)) {
            chat.moderation().run(user, command);
        } else if (command instanceof Command.Tags tags) {
            tags(user, tags.setting());
        } else if (command instanceof Command.Ping ping) {
            // Answered at once, whatever the broker is doing: the round trip is this server's alone.
            Chat.reply(user, new Event.Notice(ping.text().isEmpty() ? PONG : PONG + " " + ping.text()));
        } else if (command instanceof Command.Invalid invalid) {
            Chat.error(user, invalid.problem());
        }
    }

    private void rename(User user, String typedNick) {
        String newNick = Names.normalize(typedNick); // NFC: the form names are checked, kept and shown in
        Optional<String> problem = Names.nickProblem(newNick);
        if (problem.isPresent()) {
            Chat.error(user, problem.get());
            return;
        }
        if (newNick.equals(user.nick())) {
            Chat.error(user, "You are already called " + newNick + ".");
            return;
        }
        if (chat.moderation().nameBan(newNick) != null) {
            Chat.error(user, "The name " + newNick + " is banned.");
            return;
        }
        if (chat.moderation().silenced(user, "you cannot change your name meanwhile.")) {
            return; // a muted user keeps its name: a new one would shed the mute
        }
        String old = user.nick();
        user.renameAsked(); // what they type next waits for the answer
        Runnable giveUp = chat.later() == null ? () -> { } : chat.later().after(RENAME_PATIENCE_MILLIS, user::renameSettled);
        directory.rename(user, old, newNick, renamed -> {
            giveUp.run();
            if (!renamed) {
                Chat.error(user, "The name " + newNick + " is taken.");
            } else if (user.room() != null) {
                user.rename(newNick);
                chat.renamed(user, old);
            }
            user.renameSettled();
        });
    }

    private void who(User user) {
        Room room = user.room();
        directory.who(room.key(), nicks -> directory.awayIn(room.key(), away -> { // away ones are marked
            int more = Math.max(0, nicks.size() - WHO_MAX_NAMES);
            Chat.reply(user, new Event.Who(room.name(), nicks.subList(0, nicks.size() - more), more, away));
        }, why -> unavailable(user)), why -> unavailable(user));
    }

    private void privateMessage(User from, String target, String text) {
        if (chat.moderation().silenced(from, "your message reached no one.")) {
            return;
        }
        directory.find(target, to -> {
            if (to == null) {
                Chat.error(from, "No one called " + target + " is in the chat."); // in any room: so says /msg
                return;
            }
            if (to == from) {
                Chat.reply(from, new Event.PrivateTo(from.nick(), text)); // a note to self: one line, not both copies
                return;
            }
            if (to instanceof User local && local.isGone()) { // dropped, its name kept for /resume
                Chat.error(from, local.nick() + "'s connection dropped; they may be back in a moment. Try again then.");
                return;
            }
            if (!to.ignores(from.nick())) { // ignored: dropped, and (as in IRC) its sender is not told
                to.deliver(new Event.PrivateFrom(from.nick(), text)); // plain or tagged, as its recipient asked
            }
            Chat.reply(from, new Event.PrivateTo(to.nick(), text));
            if (to instanceof User local && local.isPressing()) {
                from.pressedBy(local); // it is behind: the sender's next line waits until it catches up
            }
            social.awayReply(from, to);
        }, why -> unavailable(from));
    }

    private void join(User user, String typed) {
        String name = Names.normalize(Names.stripHash(typed));
        Optional<String> problem = Names.roomProblem(name);
        if (problem.isPresent()) {
            Chat.error(user, problem.get());
            return;
        }
        Room from = user.room();
        if (from.key().equals(Names.fold(name))) {
            Chat.error(user, "You are already in #" + from.name() + ".");
            return;
        }
        chat.move(user, name);
    }

    /** The chat's shared state cannot be reached (its broker is away): say so, in one line. */
    private static void unavailable(User user) {
        Chat.error(user, "The chat cannot reach its other servers right now; try again in a moment.");
    }

    private static Event.RoomList roomList(List<Directory.RoomCount> counts) {
        List<Event.RoomList.RoomCount> rooms = new ArrayList<>(counts.size());
        for (Directory.RoomCount count : counts) {
            rooms.add(new Event.RoomList.RoomCount(count.room(), count.members()));
        }
        return new Event.RoomList(rooms);
    }

    /**
     * Each command once, aliases named on their command's line, in one column as wide as the
     * widest; the operators' commands to operators alone (to anyone else they are one error line).
     */
    private static void help(User user) {
        boolean operator = user.operator() != null;
        int width = "//TEXT".length();
        for (Command.Usage usage : Command.USAGES) {
            if (operator || !usage.forOperators()) {
                width = Math.max(width, usage.helpSyntax().length());
            }
        }
        String row = "  %-" + width + "s  %s";
        List<Event> lines = new ArrayList<>();
        lines.add(new Event.Notice("Commands:"));
        for (Command.Usage usage : Command.USAGES) {
            if (!usage.isAlias() && (operator || !usage.forOperators())) {
                lines.add(new Event.Notice(String.format(row, usage.helpSyntax(), usage.description())));
            }
        }
        lines.add(new Event.Notice(String.format(row, "//TEXT", "say a line that starts with /")));
        user.deliverAll(lines); // one frame, every line tagged if the user asked
    }

    // Issue 12 §3: tagged mode.

    /**
     * {@code /tags on|off} (or "" to ask). The confirmation of {@code on} is the first tagged
     * line, that of {@code off} the first plain one again, so a program sees the switch happen.
     */
    private static void tags(User user, String setting) {
        if (setting.isEmpty()) {
            Chat.reply(user, new Event.Notice(user.isTagged() ? "Tagged mode is on; /tags off to stop it."
                    : "Tagged mode is off; /tags on starts every line with @tags."));
            return;
        }
        boolean on = setting.equals("on");
        user.setTagged(on);
        Chat.reply(user, new Event.Notice(on ? "Tagged mode is on: every line now starts with @tags (docs/protocol.md, \"Tagged mode\"). /tags off to stop."
                : "Tagged mode is off."));
    }
}
