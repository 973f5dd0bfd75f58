package chat.client;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The typed-line history (Up, Ctrl-R, the history file), which leaves secrets out: a line that
 * starts with a command whose argument is a password ({@link #SECRET_COMMANDS}), and the line
 * typed while the server's last line asks for a password. Such a line is sent, but neither
 * kept for Up nor written to the file.
 *
 * <p>Threads: the keyboard thread, inside {@code readLine}, like JLine's own history;
 * {@code secretAsked} is read there and must be safe to call from it.
 */
final class ChatHistory extends DefaultHistory {

    /** Commands whose words are a password or a resume token, lower case, each followed by a space or the end of the line. */
    static final List<String> SECRET_COMMANDS = List.of("/oper", "/pass", "/password", "/identify", "/login", "/resume");

    /** True while what the user types next answers a password prompt. */
    private final BooleanSupplier secretAsked;

    ChatHistory(BooleanSupplier secretAsked) {
        this.secretAsked = secretAsked;
    }

    @Override
    public void add(Instant time, String line) {
        if (isSecret(line) || secretAsked.getAsBoolean()) {
            return;
        }
        super.add(time, line);
    }

    /** True if {@code line} starts with one of {@link #SECRET_COMMANDS}, in any case. */
    static boolean isSecret(String line) {
        String word = line.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return SECRET_COMMANDS.contains(word);
    }
}
