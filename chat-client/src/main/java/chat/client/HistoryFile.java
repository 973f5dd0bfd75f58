package chat.client;

import chat.core.Names;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where typed lines are kept by default: one file per server and nickname, so lines typed to
 * one chat (or as one person) do not come back on Up in another.
 *
 * <pre>
 *   ~/.chat/history/127.0.0.1_2020            no --nick
 *   ~/.chat/history/chat.example.org_2020_ann  --nick Ann (names in lower case)
 *   ~/.chat/history/%3A%3A1_2020              [::1]:2020
 * </pre>
 *
 * <p>With several servers ({@code --server}), the first one names the file: they are one chat.
 * A character other than an ASCII letter, digit, {@code .}, {@code _} or {@code -} is written
 * as {@code %XX} per UTF-8 byte, so the name is safe on every file system, never a path, and
 * two different servers or nicknames never share a file. Stateless.
 */
final class HistoryFile {

    private HistoryFile() {
    }

    /** The history file in {@code dir} for {@code server} and {@code nick} (null: no nickname given). */
    static Path in(Path dir, ServerAddress server, String nick) {
        StringBuilder name = new StringBuilder();
        escape(server.host().toLowerCase(Locale.ROOT), name);
        name.append('_').append(server.port());
        if (nick != null) {
            name.append('_');
            escape(Names.normalize(nick).toLowerCase(Locale.ROOT), name);
        }
        return dir.resolve(name.toString());
    }

    private static void escape(String text, StringBuilder out) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || (c == '.' && out.length() > 0);
            if (safe) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
    }
}
