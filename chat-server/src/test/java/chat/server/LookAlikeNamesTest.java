package chat.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over real sockets: the look-alike names a hostile tester got past the server are refused
 * while {@code ann} and {@code user5}'s pattern are taken, and names in every script still work.
 */
class LookAlikeNamesTest {

    @RegisterExtension
    final RunningServer server = new RunningServer(ServerConfig.defaults().withFlood(100, 0));
    private TestClient ann;
    private TestClient eve;

    @BeforeEach
    void start() throws IOException {
        ann = server.join();
        ann.send("/nick ann");
        ann.expect("*** " + ann.nick() + " is now known as ann");
        eve = server.join();
    }

    private void refused(String name) throws IOException {
        eve.send("/nick " + name);
        String answer = nextAnswer(eve);
        assertTrue(answer.startsWith("! "), name + " was not refused: " + answer);
    }

    private void accepted(String name, String shownAs) throws IOException {
        eve.send("/nick " + name);
        String answer = nextAnswer(eve);
        assertTrue(answer.endsWith(" is now known as " + shownAs), name + " was refused: " + answer);
    }

    /** The answer to a /nick: a rename notice or an error, skipping the room's other notices. */
    private static String nextAnswer(TestClient client) throws IOException {
        String line;
        do {
            line = client.readLine();
        } while (!line.startsWith("! ") && !line.contains(" is now known as "));
        return line;
    }

    @Test
    void lookAlikesOfATakenNameAreRefused() throws IOException {
        for (String name : new String[] {"\u0430nn", "ａｎｎ", "𝐚𝐧𝐧", "ɑnn", "ann\u034f", "ann\ufe0f", "ann\u180b", "ANN"}) {
            refused(name);
        }
    }

    @Test
    void lookAlikesOfDefaultNamesAreReservedAndBlankOrPunctuationLikeNamesRefused() throws IOException {
        for (String name : new String[] {"user５", "user٥", "us\u0435r5", "\u3164", "\uffa0", "ǃ"}) {
            refused(name);
        }
    }

    @Test
    void aDecomposedNameIsTheSameNameAsItsComposedForm() throws IOException {
        accepted("jose\u0301", "jos\u00e9");
        ann.expect("*** " + eve.nick() + " is now known as jos\u00e9");
        ann.send("/nick jos\u00e9");
        String answer = nextAnswer(ann);
        assertTrue(answer.contains("taken"), answer);
    }

    @Test
    void namesInEveryScriptStillWork() throws IOException {
        for (String name : new String[] {"小明", "नमस्ते", "José", "Ünal", "Владимир", "محمد", "bob_2"}) {
            accepted(name, name);
        }
    }
}
