package chat.server.chat;

import chat.core.Command;
import chat.core.Event;
import chat.core.Names;
import chat.server.bus.Directory;
import chat.server.bus.Member;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the social commands do (docs/protocol.md): {@code /whois}, {@code /away}, {@code /topic},
 * {@code /ignore}, {@code /unignore}, and the away message a private message gets back.
 *
 * <p>Where their state lives decides what works across servers: profiles and away messages are
 * the {@link Directory}'s to share; a topic travels on the room's bus and stays in the history
 * store ({@link Chat#setTopic}); ignoring is the ignorer's own server's alone, because that
 * server is where the ignored lines would be delivered, so it filters them there
 * ({@link Room#fanOutFrom}, and private messages on arrival).
 *
 * <p>Reactor thread only. Stateless beyond its collaborators.
 */
final class SocialCommands {

    /** Longest away message, in characters (code points). */
    static final int MAX_AWAY_CHARS = 200;
    /** Longest topic, in characters (code points). */
    static final int MAX_TOPIC_CHARS = 300;

    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Chat chat;
    private final Directory directory;

    SocialCommands(Chat chat, Directory directory) {
        this.chat = chat;
        this.directory = directory;
    }

    /** True if {@code command} is one of these. */
    boolean takes(Command command) {
        return command instanceof Command.Whois || command instanceof Command.Away || command instanceof Command.Topic
                || command instanceof Command.Ignore || command instanceof Command.Unignore;
    }

    /** Runs {@code command} (one {@link #takes}) for {@code user}, who is in a room. */
    void run(User user, Command command) {
        if (command instanceof Command.Whois whois) {
            whois(user, whois.name());
        } else if (command instanceof Command.Away away) {
            away(user, away.message());
        } else if (command instanceof Command.Topic topic) {
            topic(user, topic.text());
        } else if (command instanceof Command.Ignore ignore) {
            ignore(user, ignore.name());
        } else if (command instanceof Command.Unignore unignore) {
            unignore(user, unignore.name());
        }
    }

    /** {@code from} sent a private message to {@code to}: if {@code to} is away, {@code from} is told, once per away period. */
    void awayReply(User from, Member to) {
        Directory.Away away = to.away();
        if (away != null && to != from && from.firstToldOfAway(to.nick(), away)) {
            Chat.reply(from, awayNotice(to.nick(), away));
        }
    }

    private static Event.Notice awayNotice(String nick, Directory.Away away) {
        return new Event.Notice(nick + " is away: " + away.message());
    }

    private void whois(User user, String name) {
        directory.whois(name, profile -> {
            if (profile == null) {
                Chat.error(user, "No one called " + name + " is in the chat.");
                return;
            }
            long now = System.currentTimeMillis();
            String where = profile.room().isEmpty() ? " is between rooms" : " is in #" + profile.room();
            java.util.List<Event> lines = new java.util.ArrayList<>();
            line(lines, profile.nick() + where + ", connected since " + UTC_TIME.format(Instant.ofEpochMilli(profile.connectedAtMillis()))
                    + " (" + duration(now - profile.connectedAtMillis()) + " ago), idle " + duration(now - profile.spokeAtMillis()));
            if (profile.away() != null) {
                line(lines, awayNotice(profile.nick(), profile.away()).text());
            }
            user.deliverAll(lines);
        }, why -> Chat.error(user, "The chat cannot reach its other servers right now; try again in a moment."));
    }

    private static void line(java.util.List<Event> lines, String notice) {
        lines.add(new Event.Notice(notice));
    }

    /** A span of time as people say it, to the largest two units: {@code 45 s}, {@code 3 min 12 s}, {@code 2 h 5 min}, {@code 3 d 4 h}. */
    static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }

    private void away(User user, String message) {
        int chars = message.codePointCount(0, message.length());
        if (chars > MAX_AWAY_CHARS) {
            Chat.error(user, "An away message has at most " + MAX_AWAY_CHARS + " characters; yours has " + chars + ".");
            return;
        }
        if (message.isEmpty()) {
            boolean wasAway = user.away() != null;
            user.setAway("", 0);
            directory.awayChanged(user, () -> Chat.reply(user, new Event.Notice(wasAway ? "You are back." : "You were not away.")));
            return;
        }
        user.setAway(message, System.currentTimeMillis());
        directory.awayChanged(user, () -> Chat.reply(user, new Event.Notice("You are away: " + message
                + " (/away alone when you are back)")));
    }

    private void topic(User user, String text) {
        if (text.isEmpty()) {
            chat.showTopic(user);
            return;
        }
        if (chat.moderation().silenced(user, "you cannot set the topic meanwhile.")) {
            return;
        }
        int chars = text.codePointCount(0, text.length());
        if (chars > MAX_TOPIC_CHARS) {
            Chat.error(user, "A topic has at most " + MAX_TOPIC_CHARS + " characters; yours has " + chars + ".");
            return;
        }
        chat.setTopic(user, text);
    }

    private void ignore(User user, String typed) {
        if (typed.isEmpty()) {
            java.util.List<String> names = user.ignored();
            Chat.reply(user, new Event.Notice(names.isEmpty() ? "You are ignoring no one."
                    : "You are ignoring " + names.size() + ": " + String.join(", ", names)));
            return;
        }
        String name = Names.normalize(typed);
        if (Names.fold(name).equals(Names.fold(user.nick()))) {
            Chat.error(user, "You cannot ignore yourself.");
            return;
        }
        if (user.ignores(name)) {
            Chat.error(user, "You are already ignoring " + name + ".");
            return;
        }
        directory.find(name, found -> {
            if (found == null) {
                Chat.error(user, "No one called " + name + " is in the chat.");
            } else if (!user.ignore(found.nick())) {
                Chat.error(user, "You are ignoring " + User.MAX_IGNORED + " people, the most there can be; /unignore someone first.");
            } else {
                Chat.reply(user, new Event.Notice("You are ignoring " + found.nick()
                        + ": their lines, actions and private messages no longer reach you. /unignore " + found.nick() + " to undo."));
            }
        }, why -> Chat.error(user, "The chat cannot reach its other servers right now; try again in a moment."));
    }

    private void unignore(User user, String typed) {
        String name = Names.normalize(typed);
        if (!user.unignore(name)) {
            Chat.error(user, "You are not ignoring " + name + ".");
            return;
        }
        Chat.reply(user, new Event.Notice("You are no longer ignoring " + name + "."));
    }
}
