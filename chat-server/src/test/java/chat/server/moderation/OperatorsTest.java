package chat.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operators file and the password tokens in it. */
class OperatorsTest {

    @TempDir
    Path dir;

    private static String token(String password) {
        return PasswordHash.hash(password.toCharArray(), PasswordHash.MIN_ITERATIONS);
    }

    private Operators load(String text) throws IOException {
        Path file = dir.resolve("ops");
        Files.writeString(file, text);
        return Operators.load(file);
    }

    private String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> load(text)).getMessage();
    }

    @Test
    void theRightPasswordMatchesAndAWrongOneOrAnUnknownNameDoNot() throws IOException {
        Operators operators = load("root " + token("pä55 wörd") + " # comment\n# only a comment\n\nann " + token("x") + "\n");
        assertEquals(2, operators.size());
        assertTrue(operators.check("root", "pä55 wörd".toCharArray()));
        assertFalse(operators.check("root", "pa55 word".toCharArray()), "every character counts, not its low byte");
        assertFalse(operators.check("Root", "pä55 wörd".toCharArray()), "names are compared as typed");
        assertFalse(operators.check("nobody", "x".toCharArray()));
    }

    @Test
    void twoTokensOfOnePasswordDifferByTheirSalt() {
        assertNotEquals(token("same"), token("same"));
    }

    @Test
    void eachBadLineIsNamedByItsNumber() {
        String file = dir.resolve("ops").toString();
        assertEquals("--operators " + file + " line 2: expected NAME HASH, got 1 word", refusal("\nroot\n"));
        assertEquals("--operators " + file + " line 1: expected NAME HASH, got 3 words", refusal("root a b\n"));
        assertEquals("--operators " + file + " line 1: the hash's iteration count must be at least 10000",
                refusal("root pbkdf2-sha256$1000$AAAAAAAAAAA$AAAA\n"));
        assertEquals("--operators " + file + " line 1: the hash's salt or value is not Base64",
                refusal("root pbkdf2-sha256$10000$!!$AAAA\n"));
        assertEquals("--operators " + file + " line 1: an operator name is 1-32 letters, digits, _ or -",
                refusal("r:oot " + token("x") + "\n"));
        assertEquals("--operators " + file + " line 2: operator root is named twice",
                refusal("root " + token("x") + "\nroot " + token("y") + "\n"));
    }
}
