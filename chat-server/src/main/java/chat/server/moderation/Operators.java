package chat.server.moderation;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may become an operator: the {@code --operators} file, one operator per line,
 * {@code NAME HASH} (a {@link PasswordHash} token, never a password); {@code #} starts a comment,
 * blank lines are skipped. Operator names are compared as typed, case and all.
 *
 * <p>Read once on the main thread at start; immutable after, so {@link #check} may run on any
 * thread ({@link PasswordChecks}' worker).
 */
public final class Operators {

    /** No operators: {@code /oper} always fails. */
    public static final Operators NONE = new Operators(Map.of());

    /** Operator name → its token. */
    private final Map<String, PasswordHash.Token> tokens;
    /**
     * Checked against when the name is unknown, so a wrong name costs what a wrong password
     * costs: the answer's time does not tell whether the name exists.
     */
    private final PasswordHash.Token decoy;

    private Operators(Map<String, PasswordHash.Token> tokens) {
        this.tokens = Map.copyOf(tokens);
        int iterations = tokens.values().stream().mapToInt(PasswordHash.Token::iterations).max()
                .orElse(PasswordHash.MIN_ITERATIONS);
        // Random bytes stand for a hash: nothing derives to them, and making one costs nothing.
        byte[] salt = new byte[PasswordHash.SALT_BYTES];
        byte[] value = new byte[PasswordHash.HASH_BYTES];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(salt);
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(value);
        this.decoy = new PasswordHash.Token(iterations, salt, value);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException with one line naming the file and, for a bad line, its
     *                                  number: {@code --operators ops.txt line 3: ...}
     */
    public static Operators load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--operators " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("--operators " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("--operators " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        Map<String, PasswordHash.Token> tokens = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (content.isEmpty()) {
                continue;
            }
            String where = "--operators " + file + " line " + (i + 1) + ": ";
            String[] words = content.split("\\s+");
            if (words.length != 2) {
                throw new IllegalArgumentException(where + "expected NAME HASH, got " + words.length
                        + (words.length == 1 ? " word" : " words"));
            }
            if (!words[0].matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException(where + "an operator name is 1-32 letters, digits, _ or -");
            }
            if (tokens.containsKey(words[0])) {
                throw new IllegalArgumentException(where + "operator " + words[0] + " is named twice");
            }
            try {
                tokens.put(words[0], PasswordHash.parse(words[1]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
        }
        return new Operators(tokens);
    }

    /** True if no operator is named. */
    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** How many operators there are. */
    public int size() {
        return tokens.size();
    }

    /**
     * True if {@code password} is operator {@code name}'s. Slow (PBKDF2) whatever the answer, and
     * as slow for an unknown name; any thread but the reactor's.
     */
    boolean check(String name, char[] password) {
        PasswordHash.Token token = tokens.get(name);
        boolean matches = PasswordHash.matches(password, token == null ? decoy : token);
        return token != null && matches;
    }
}
