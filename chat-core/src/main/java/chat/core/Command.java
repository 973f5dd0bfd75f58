package chat.core;

import java.util.List;
import java.util.Locale;

/**
 * What one line from a user asks for. A line starting with {@code /} is a command; a line
 * starting with {@code //} is an ordinary message with one {@code /} removed; anything else is
 * said to the room.
 */
public sealed interface Command {

    /** Say {@code text} to the room. */
    record Say(String text) implements Command {
    }

    /** {@code /nick NAME}: change my name. */
    record Nick(String name) implements Command {
    }

    /** {@code /who} or {@code /names}: who is in my room. */
    record Who() implements Command {
    }

    /** {@code /msg NAME TEXT}: a private message. */
    record Msg(String target, String text) implements Command {
    }

    /** {@code /me TEXT}: an action. */
    record Me(String text) implements Command {
    }

    /** {@code /join ROOM}: move to another room. */
    record Join(String room) implements Command {
    }

    /** {@code /part}: leave my room for #lobby. */
    record Part() implements Command {
    }

    /** {@code /rooms} or {@code /list}: every room and its member count. */
    record Rooms() implements Command {
    }

    /** {@code /quit [REASON]}: leave; {@code reason} is empty when none was given. */
    record Quit(String reason) implements Command {
    }

    /** {@code /help}: the list of commands. */
    record Help() implements Command {
    }

    // Issue 13 §2: the social commands, kept together.

    /** {@code /whois NAME}: who someone is, where, since when, how idle, whether away. */
    record Whois(String name) implements Command {
    }

    /** {@code /away [MESSAGE]}: mark me away with {@code message}; "" means I am back. */
    record Away(String message) implements Command {
    }

    /** {@code /topic [TEXT]}: show my room's topic ({@code text} ""), or set it. */
    record Topic(String text) implements Command {
    }

    /** {@code /ignore [NAME]}: stop hearing NAME; {@code name} "" lists whom I ignore. */
    record Ignore(String name) implements Command {
    }

    /** {@code /unignore NAME}: hear NAME again. */
    record Unignore(String name) implements Command {
    }

    /** {@code /token}: my resume token, for {@code /resume} after a dropped connection. */
    record Token() implements Command {
    }

    /**
     * {@code /resume TOKEN [SEQ]}: take back a dropped session's name and room, with the lines
     * missed since; {@code afterSeq} is the SEQ a tagged client saw last, or -1 when not given.
     */
    record Resume(String token, long afterSeq) implements Command {
    }

    // Issue 12 §3: tagged mode.

    /**
     * {@code /tags on|off}: every line the server sends me starts with IRCv3 message tags, or
     * stops doing so; {@code setting} is "on", "off", or "" to be told which it is now.
     */
    record Tags(String setting) implements Command {
    }

    // Issue 12 §4: the client's lag.

    /**
     * {@code /ping [TEXT]}: the server answers the notice {@code pong TEXT} at once; a client
     * times the round trip (its lag), a user checks that the link is alive.
     */
    record Ping(String text) implements Command {
    }

    // Issue 14 §3: moderation. Every command but /oper is for operators alone.

    /** {@code /oper NAME PASSWORD}: become an operator; the password is never shown or logged. */
    record Oper(String name, String password) implements Command {
        @Override
        public String toString() {
            return "Oper[name=" + name + ", password=***]"; // a record's own toString would show it
        }
    }

    /** {@code /kick NAME [REASON]}: disconnect NAME; {@code reason} "" if none. */
    record Kick(String name, String reason) implements Command {
    }

    /**
     * {@code /ban NAME|ADDRESS|CIDR [DURATION] [REASON]}: {@code millis} 0 means permanent;
     * {@code reason} "" if none.
     */
    record Ban(String target, long millis, String reason) implements Command {
    }

    /** {@code /unban NAME|ADDRESS|CIDR}. */
    record Unban(String target) implements Command {
    }

    /** {@code /bans}: every ban and mute in force. */
    record Bans() implements Command {
    }

    /** {@code /mute NAME [DURATION]}: NAME's lines are not relayed; {@code millis} 0 means until /unmute. */
    record Mute(String name, long millis) implements Command {
    }

    /** {@code /unmute NAME}. */
    record Unmute(String name) implements Command {
    }

    /** {@code /announce TEXT}: a notice to every room. */
    record Announce(String text) implements Command {
    }

    /** A command that cannot be carried out as typed; {@code problem} is the sentence for the user. */
    record Invalid(String problem) implements Command {
    }

    /**
     * One line of {@code /help}: how a command is typed and what it does. An alias ({@code aliasOf}
     * names the command it stands for; empty for a command) is in {@link #USAGES} so clients
     * complete it, but gets no line of its own: its command's line names it ({@link #helpSyntax}).
     */
    record Usage(String name, String syntax, String description, String aliasOf, boolean forOperators) {

        public Usage(String name, String syntax, String description) {
            this(name, syntax, description, "", false);
        }

        /** {@code name}, typed alone, does what {@code command} does. */
        static Usage alias(String name, String command) {
            return new Usage(name, name, "same as " + command, command, false);
        }

        /** A command for operators alone: {@code /help} lists it to them only; clients complete it for all. */
        static Usage operator(String name, String syntax, String description) {
            return new Usage(name, syntax, description, "", true);
        }

        public boolean isAlias() {
            return !aliasOf.isEmpty();
        }

        /** The syntax as {@code /help} shows it: with its aliases, {@code /who (also /names)}. */
        public String helpSyntax() {
            List<String> aliases = USAGES.stream().filter(u -> u.aliasOf.equals(name)).map(Usage::name).toList();
            return aliases.isEmpty() ? syntax : syntax + " (also " + String.join(", ", aliases) + ")";
        }
    }

    /** Every command, in the order {@code /help} lists them. Clients complete from these names. */
    List<Usage> USAGES = List.of(
            new Usage("/nick", "/nick NAME", "choose your name (letters, digits, _ and -; up to 24)"),
            new Usage("/who", "/who", "who is in your room"),
            new Usage("/msg", "/msg NAME TEXT", "a private message to NAME, in any room"),
            new Usage("/me", "/me TEXT", "an action: /me waves shows * you waves"),
            new Usage("/join", "/join ROOM", "leave this room for ROOM (created on first use)"),
            new Usage("/part", "/part", "leave this room for #lobby"),
            new Usage("/rooms", "/rooms", "every room with how many are in it"),
            Usage.alias("/list", "/rooms"),
            new Usage("/quit", "/quit [REASON]", "leave the chat"),
            new Usage("/whois", "/whois NAME", "who NAME is: room, connected since, idle, away"),
            new Usage("/away", "/away [MESSAGE]", "mark yourself away; /away alone: back"),
            new Usage("/topic", "/topic [TEXT]", "show the room's topic, or set it to TEXT"),
            new Usage("/ignore", "/ignore [NAME]", "stop seeing NAME's lines and messages; alone: list"),
            new Usage("/unignore", "/unignore NAME", "see NAME's lines and messages again"),
            new Usage("/token", "/token", "your resume token, for /resume after a dropped connection"),
            new Usage("/resume", "/resume TOKEN", "after a drop: your name and room back, with what you missed"),
            new Usage("/tags", "/tags on|off", "start every line sent to you with @tags, for programs"),
            new Usage("/ping", "/ping [TEXT]", "the server answers pong TEXT: is the link alive, how slow"),
            new Usage("/help", "/help", "this list"),
            new Usage("/oper", "/oper NAME PASSWORD", "become an operator (the server's --operators file names them)"),
            Usage.operator("/kick", "/kick NAME [REASON]", "disconnect NAME; their room is told why"),
            Usage.operator("/ban", "/ban NAME|ADDRESS|CIDR [DURATION] [REASON]",
                    "keep a name or addresses out, for DURATION (10m, 2h, 7d) or for good"),
            Usage.operator("/unban", "/unban NAME|ADDRESS|CIDR", "lift a ban"),
            Usage.operator("/bans", "/bans", "every ban and mute: who set it, when, until when, why"),
            Usage.operator("/mute", "/mute NAME [DURATION]", "NAME's lines, actions and messages reach no one"),
            Usage.operator("/unmute", "/unmute NAME", "lift a mute"),
            Usage.operator("/announce", "/announce TEXT", "a notice to every room"),
            Usage.alias("/names", "/who"));

    /** Reads one line (never blank: the framer skips those). */
    static Command parse(String line) {
        if (!line.startsWith("/")) {
            return new Say(line);
        }
        if (line.startsWith("//")) {
            return new Say(line.substring(1));
        }
        int space = line.indexOf(' ');
        String word = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : line.substring(space + 1).strip();
        switch (word) {
            case "/nick": // "x y" goes on: the invalid-name error says why a name cannot have a space
                return args.isEmpty() ? usage("/nick NAME") : new Nick(args);
            case "/who":
            case "/names":
                return new Who();
            case "/msg": {
                int gap = args.indexOf(' ');
                String text = gap < 0 ? "" : args.substring(gap + 1).strip();
                if (text.isEmpty()) {
                    return usage("/msg NAME TEXT");
                }
                return new Msg(args.substring(0, gap), text);
            }
            case "/me":
                return args.isEmpty() ? usage("/me TEXT") : new Me(args);
            case "/join":
                return isOneWord(args) ? new Join(args) : usage("/join ROOM");
            case "/part":
                return args.isEmpty() ? new Part() : usage("/part");
            case "/rooms":
            case "/list":
                return new Rooms();
            case "/quit":
                return new Quit(args);
            case "/help":
                return new Help();
            case "/token":
                return new Token();
            case "/resume":
                return parseResume(args);
            case "/whois":
            case "/away":
            case "/topic":
            case "/ignore":
            case "/unignore":
                return parseSocial(word, args);
            case "/tags":
                return parseTags(args);
            case "/ping":
                return new Ping(args);
            case "/oper":
            case "/kick":
            case "/ban":
            case "/unban":
            case "/bans":
            case "/mute":
            case "/unmute":
            case "/announce":
                return parseModeration(word, args);
            default:
                return new Invalid("Unknown command " + TextSanitizer.sanitize(word)
                        + ". Type /help for the list, or // to start a message with /.");
        }
    }

    /** The social commands (issue 13 §2); {@code args} is stripped. */
    private static Command parseSocial(String word, String args) {
        switch (word) {
            case "/whois":
                return isOneWord(args) ? new Whois(args) : usage("/whois NAME");
            case "/away":
                return new Away(args);
            case "/topic":
                return new Topic(args);
            case "/ignore":
                return args.isEmpty() || isOneWord(args) ? new Ignore(args) : usage("/ignore [NAME]");
            default:
                return isOneWord(args) ? new Unignore(args) : usage("/unignore NAME");
        }
    }

    /** The moderation commands (issue 14 §3); {@code args} is stripped. */
    private static Command parseModeration(String word, String args) {
        int gap = args.indexOf(' ');
        String first = gap < 0 ? args : args.substring(0, gap);
        String rest = gap < 0 ? "" : args.substring(gap + 1).strip();
        switch (word) {
            case "/oper":
                // The password is the rest of the line; a usage error never repeats it.
                return first.isEmpty() || rest.isEmpty() ? usage("/oper NAME PASSWORD") : new Oper(first, rest);
            case "/kick":
                return first.isEmpty() ? usage("/kick NAME [REASON]") : new Kick(first, rest);
            case "/ban": {
                if (first.isEmpty()) {
                    return usage("/ban NAME|ADDRESS|CIDR [DURATION] [REASON]");
                }
                int next = rest.indexOf(' ');
                String maybeDuration = next < 0 ? rest : rest.substring(0, next);
                long millis = durationMillis(maybeDuration);
                if (millis <= 0 && maybeDuration.matches("[0-9]+[A-Za-z]*")) {
                    // A duration mistyped must not become a ban for good with it as its reason.
                    return new Invalid(DURATION_PROBLEM);
                }
                return millis > 0 ? new Ban(first, millis, next < 0 ? "" : rest.substring(next + 1).strip())
                        : new Ban(first, 0, rest);
            }
            case "/unban":
                return isOneWord(args) ? new Unban(args) : usage("/unban NAME|ADDRESS|CIDR");
            case "/bans":
                return args.isEmpty() ? new Bans() : usage("/bans");
            case "/mute": {
                long millis = durationMillis(rest);
                if (first.isEmpty()) {
                    return usage("/mute NAME [DURATION]");
                }
                if (!rest.isEmpty() && millis <= 0) {
                    return new Invalid(DURATION_PROBLEM);
                }
                return new Mute(first, Math.max(0, millis));
            }
            case "/unmute":
                return isOneWord(args) ? new Unmute(args) : usage("/unmute NAME");
            default:
                return args.isEmpty() ? usage("/announce TEXT") : new Announce(args);
        }
    }

    /** What a mistyped DURATION gets. */
    String DURATION_PROBLEM = "A DURATION is a whole number with s, m, h or d, up to a year: 10m, 2h, 7d.";

    /** Longest duration a ban or mute may be given: a year (longer is "for good"). */
    long MAX_DURATION_MILLIS = 366L * 86_400_000L;

    /**
     * {@code 90s}, {@code 10m}, {@code 2h}, {@code 7d} (a whole number and a unit) in
     * milliseconds; -1 if {@code text} is not a duration or is longer than a year.
     */
    static long durationMillis(String text) {
        if (!text.matches("[0-9]{1,6}[smhd]")) {
            return -1;
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        long unit = switch (text.charAt(text.length() - 1)) {
            case 's' -> 1000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            default -> 86_400_000L;
        };
        long millis = n * unit;
        return millis == 0 || millis > MAX_DURATION_MILLIS ? -1 : millis;
    }

    /** {@code TOKEN [SEQ]}: SEQ, from a tagged client, is a room sequence number (0 or more). */
    private static Command parseResume(String args) {
        String[] words = args.isEmpty() ? new String[0] : args.split(" ");
        if (words.length == 1) {
            return new Resume(words[0], -1);
        }
        if (words.length == 2 && words[1].matches("[0-9]{1,18}")) {
            return new Resume(words[0], Long.parseLong(words[1]));
        }
        return usage("/resume TOKEN (or /resume TOKEN SEQ from a tagged client)");
    }

    /** {@code /tags} (issue 12 §3); {@code args} is stripped. */
    private static Command parseTags(String args) {
        String setting = args.toLowerCase(Locale.ROOT);
        return setting.isEmpty() || setting.equals("on") || setting.equals("off") ? new Tags(setting) : usage("/tags on|off");
    }

    private static Invalid usage(String syntax) {
        return new Invalid("Usage: " + syntax);
    }

    private static boolean isOneWord(String args) {
        return !args.isEmpty() && args.indexOf(' ') < 0;
    }

    /**
     * True if a line a user sent can be relayed byte for byte as chat text: it does not start
     * with '/' (not a command) and is printable ASCII with no run of spaces (nothing to decode,
     * sanitise or collapse).
     * Most lines are; the rest take the general path through {@link Command#parse}.
     */
    public static boolean isPlainChat(byte[] bytes, int offset, int length) {
        if (length == 0 || bytes[offset] == '/') {
            return false;
        }
        byte previous = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = bytes[i];
            if (b < 0x20 || b > 0x7E || (b == ' ' && previous == ' ')) {
                return false; // a control, not ASCII, or a run of spaces to collapse: the decoded path
            }
            previous = b;
        }
        return true;
    }
}
