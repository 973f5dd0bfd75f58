package chat.core;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notices a client follows to know its own name, its room, who is in it and which rooms
 * exist: the inverse of the notice builders in {@link Protocol}.
 */
public sealed interface ServerEvent {

    /** The first line after connecting: {@code nick} is my name, {@code room} my room. */
    record Welcome(String nick, String room) implements ServerEvent {
    }

    /** I moved to {@code room}. */
    record YouJoined(String room) implements ServerEvent {
    }

    /** Someone entered my room. */
    record Joined(String nick, String room) implements ServerEvent {
    }

    /** Someone left my room. */
    record Left(String nick, String room) implements ServerEvent {
    }

    /** Someone in my room (perhaps me) changed name. */
    record Renamed(String from, String to) implements ServerEvent {
    }

    /** The answer to /who. */
    record Who(String room, List<String> nicks) implements ServerEvent {
    }

    /** The answer to /rooms. */
    record Rooms(List<String> rooms) implements ServerEvent {
    }

    /** Any other line. */
    record Other() implements ServerEvent {
    }

    /** Name characters, as {@link Names} allows them. */
    String NAME = "([\\p{L}\\p{M}\\p{Nd}_-]+)";
    Pattern WELCOME = Pattern.compile("\\*\\*\\* Welcome, " + NAME + "! You are in #" + NAME + " .*");
    Pattern YOU_JOINED = Pattern.compile("\\*\\*\\* You joined #" + NAME + " .*");
    Pattern JOINED = Pattern.compile("\\*\\*\\* " + NAME + " joined #" + NAME);
    Pattern LEFT = Pattern.compile("\\*\\*\\* " + NAME + " left #" + NAME + " \\(.*\\)");
    Pattern RENAMED = Pattern.compile("\\*\\*\\* " + NAME + " is now known as " + NAME);
    Pattern WHO = Pattern.compile("\\*\\*\\* \\d+ users? in #" + NAME + ": (.*?)(?:, and \\d+ more)?");
    Pattern ROOMS = Pattern.compile("\\*\\*\\* \\d+ rooms?: (.*)");
    Pattern ROOM_ENTRY = Pattern.compile("#" + NAME + " \\(\\d+\\)");

    /** What {@code line} (as received, without its line end) tells a client. */
    static ServerEvent parse(String line) {
        if (!line.startsWith(Protocol.NOTICE)) {
            return new Other();
        }
        Matcher m;
        if ((m = WELCOME.matcher(line)).matches()) {
            return new Welcome(m.group(1), m.group(2));
        }
        if ((m = YOU_JOINED.matcher(line)).matches()) {
            return new YouJoined(m.group(1));
        }
        if ((m = JOINED.matcher(line)).matches()) {
            return new Joined(m.group(1), m.group(2));
        }
        if ((m = LEFT.matcher(line)).matches()) {
            return new Left(m.group(1), m.group(2));
        }
        if ((m = RENAMED.matcher(line)).matches()) {
            return new Renamed(m.group(1), m.group(2));
        }
        if ((m = WHO.matcher(line)).matches()) {
            return new Who(m.group(1), Arrays.asList(m.group(2).split(", ")));
        }
        if ((m = ROOMS.matcher(line)).matches()) {
            List<String> rooms = Arrays.stream(m.group(1).split(", "))
                    .map(ROOM_ENTRY::matcher)
                    .filter(Matcher::matches)
                    .map(r -> r.group(1))
                    .toList();
            return new Rooms(rooms);
        }
        return new Other();
    }
}
