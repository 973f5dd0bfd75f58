package chat.server;

import chat.core.TextSanitizer;
import chat.server.moderation.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code --hash-password}: reads one password line (from the terminal without echo when there is
 * one, else from standard input, a pipe), prints its {@link PasswordHash} token for the
 * {@code --operators} file. The password is cleaned as the server cleans every line it reads
 * (spaces at the ends and runs of spaces do not count), so what is typed after /oper matches.
 *
 * <p>Main thread.
 */
final class PasswordPrompt {

    private PasswordPrompt() {
    }

    /** Exit status: 0 with the hash printed on {@code out}; 1 with one line on {@code err}. */
    static int printHash(PrintWriter out, PrintWriter err) {
        String line;
        Console console = System.console();
        try {
            if (console != null) {
                char[] typed = console.readPassword("password: ");
                line = typed == null ? null : new String(typed);
                if (typed != null) {
                    Arrays.fill(typed, '\0');
                }
            } else {
                line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
        } catch (IOException e) {
            err.println("chat-server: --hash-password: cannot read standard input: " + e.getMessage());
            err.flush();
            return 1;
        }
        String password = line == null ? "" : TextSanitizer.sanitize(line).strip();
        if (password.isEmpty()) {
            err.println("chat-server: --hash-password: no password given (type one line, or pipe it in)");
            err.flush();
            return 1;
        }
        out.println(PasswordHash.hash(password.toCharArray(), PasswordHash.DEFAULT_ITERATIONS));
        out.flush();
        return 0;
    }
}
