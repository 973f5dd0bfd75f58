package chat.client;

import chat.core.Command;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * What Tab offers at the {@code >>>} prompt:
 *
 * <pre>
 *   /ni|             → /nick            every command in {@link Command#USAGES}
 *   /msg b|          → /msg bob         the others in my room
 *   b|               → bob:             the same names, to address someone at the start of a line
 *   /join d|         → /join dev        every room I know of but mine (#d| → #dev)
 * </pre>
 *
 * <p>A completed word is followed by a space, so typing goes straight on. Names come from
 * {@link RoomState}, which follows the room as people come, go and rename. Rooms elsewhere
 * change without notice, so each Tab after {@code /join} also asks for a fresh room list
 * ({@code roomsWanted}); the next Tab sees rooms created since.
 *
 * <p>Threads: called on the keyboard thread, inside {@link LineReader#readLine}.
 */
public final class ChatCompleter implements Completer {

    private final RoomState state;
    private final Runnable roomsWanted;

    /** {@code roomsWanted} is run on each Tab after {@code /join}; it must not block for long. */
    public ChatCompleter(RoomState state, Runnable roomsWanted) {
        this.state = state;
        this.roomsWanted = roomsWanted;
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
        if (command.equals("/msg")) {
            for (String nick : state.others()) {
                candidates.add(new Candidate(nick, nick, null, null, null, null, true));
            }
        } else if (command.equals("/join")) {
            roomsWanted.run();
            String hash = word.startsWith("#") ? "#" : "";
            for (String room : state.rooms()) {
                if (!state.isMyRoom(room)) {
                    candidates.add(new Candidate(hash + room, "#" + room, null, null, null, null, true));
                }
            }
        }
    }
}
