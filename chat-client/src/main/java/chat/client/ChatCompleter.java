package chat.client;

import chat.core.Command;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * What Tab offers at the {@code >>>} prompt:
 *
 * <pre>
 *   /ni|             → /nick            every command in {@link Command#USAGES}
 *   /msg b|          → /msg bob         the others in my room, after any command whose first
 *   /whois b|        → /whois bob       argument is a NAME (its usage says so), but /nick
 *   b|               → bob:             the same names, to address someone at the start of a line
 *   /join d|         → /join dev        every room I know of but mine (#d| → #dev)
 * </pre>
 *
 * <p>Only candidates that start with what was typed are offered ({@link PrefixMatcher} sees to
 * that in the reader): Tab extends the word, never replaces it. A completed word is followed
 * by a space, so typing goes straight on.
 *
 * <p>Names come from {@link RoomState}, which follows the room as people come, go and rename.
 * Rooms elsewhere change without notice, so when the room list is older than
 * {@link #ROOMS_FRESH_FOR}, Tab after {@code /join} asks for a fresh one ({@code roomsWanted})
 * and waits up to {@link #ROOMS_WAIT} for it: a room created a moment ago completes on the
 * first Tab. A slower answer still arrives and serves the next Tab.
 *
 * <p>Threads: called on the keyboard thread, inside {@link LineReader#readLine}. The wait
 * needs the link thread free to read the answer, which is why the screen the link thread
 * prints to never waits for the reader ({@link QueuedScreen}).
 */
public final class ChatCompleter implements Completer {

    /** A room list younger than this is used as it is: a second Tab in a row does not ask again. */
    static final Duration ROOMS_FRESH_FOR = Duration.ofSeconds(1);
    /** Longest a Tab waits for the room list it asked for; on a LAN the answer takes a millisecond. */
    static final Duration ROOMS_WAIT = Duration.ofMillis(500);

    /** What a command's first argument is, read from its usage ({@code /whois NAME}). */
    enum Argument { NICK, ROOM, OTHER }

    /**
     * Commands whose usage names a NAME that is not somebody already here: the name I choose, an
     * operator's name in the server's file. Every other {@code NAME} argument is a person, so new
     * commands complete without a change here.
     */
    private static final List<String> NEW_NAME_COMMANDS = List.of("/nick", "/oper");

    private final RoomState state;
    private final BooleanSupplier roomsWanted;
    /** Each command's first argument, by lower-case name; fixed at construction. */
    private final Map<String, Argument> arguments = new TreeMap<>();

    /**
     * @param roomsWanted asks the server for a room list whose answer {@code state} will apply;
     *     false if it could not be sent (not connected), and then Tab does not wait
     */
    public ChatCompleter(RoomState state, BooleanSupplier roomsWanted) {
        this.state = state;
        this.roomsWanted = roomsWanted;
        for (Command.Usage usage : Command.USAGES) {
            arguments.put(usage.name().toLowerCase(Locale.ROOT), firstArgument(usage));
        }
    }

    /** {@code NAME} or {@code ROOM} (bracketed or not) as the second word of the usage; anything else is OTHER. */
    static Argument firstArgument(Command.Usage usage) {
        String[] words = usage.syntax().split(" ");
        if (words.length < 2 || NEW_NAME_COMMANDS.contains(usage.name().toLowerCase(Locale.ROOT))) {
            return Argument.OTHER;
        }
        // NAME|ADDRESS|CIDR (/ban): the first of the alternatives is what Tab can offer.
        String placeholder = words[1].replace("[", "").replace("]", "").split("\\|")[0];
        return switch (placeholder) {
            case "NAME", "NICK" -> Argument.NICK;
            case "ROOM" -> Argument.ROOM;
            default -> Argument.OTHER;
        };
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word();
        if (line.wordIndex() == 0) {
            if (word.startsWith("/")) {
                for (Command.Usage usage : Command.USAGES) {
                    candidates.add(new Candidate(usage.name(), usage.name(), null, usage.description(),
                            null, null, true));
                }
            } else {
                // "bob:" completed, then JLine adds the space: "bob: ", the way chat addresses someone.
                for (String nick : state.others()) {
                    candidates.add(new Candidate(nick + ":", nick, null, null, null, null, true));
                }
            }
            return;
        }
        if (line.wordIndex() != 1) {
            return;
        }
        String command = line.words().get(0).toLowerCase(Locale.ROOT);
        switch (arguments.getOrDefault(command, Argument.OTHER)) {
            case NICK -> {
                for (String nick : state.others()) {
                    candidates.add(new Candidate(nick, nick, null, null, null, null, true));
                }
            }
            case ROOM -> {
                refreshRooms();
                String hash = word.startsWith("#") ? "#" : "";
                for (String room : state.rooms()) {
                    if (!state.isMyRoom(room)) {
                        candidates.add(new Candidate(hash + room, "#" + room, null, null, null, null, true));
                    }
                }
            }
            case OTHER -> {
                // free text, or a name not yet taken: nothing to offer
            }
        }
    }

    /** If the room list is stale, asks for a new one and waits briefly for it. */
    private void refreshRooms() {
        if (!state.roomListOlderThan(ROOMS_FRESH_FOR)) {
            return;
        }
        long heard = state.roomListsHeard();
        if (!roomsWanted.getAsBoolean()) {
            return;
        }
        try {
            state.awaitRoomListAfter(heard, ROOMS_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // complete with what is known; readLine sees the flag
        }
    }
}
