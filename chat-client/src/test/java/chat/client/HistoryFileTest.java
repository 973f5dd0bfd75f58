package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HistoryFileTest {

    private static final Path DIR = Path.of("/home/ann/.chat/history");

    @Test
    void eachServerAndNickHasItsOwnFile() {
        assertEquals(DIR.resolve("127.0.0.1_2020"), HistoryFile.in(DIR, new ServerAddress("127.0.0.1", 2020), null));
        assertEquals(DIR.resolve("chat.example.org_2121_ann"),
                HistoryFile.in(DIR, new ServerAddress("Chat.Example.org", 2121), "Ann"));
        assertNotEquals(HistoryFile.in(DIR, new ServerAddress("chat", 2020), "ann"),
                HistoryFile.in(DIR, new ServerAddress("chat", 2020), "bob"));
        assertNotEquals(HistoryFile.in(DIR, new ServerAddress("chat", 2020), null),
                HistoryFile.in(DIR, new ServerAddress("chat", 2021), null));
    }

    @Test
    void anythingButLettersDigitsDotsDashesAndUnderscoresIsEscapedSoTheNameIsNeverAPath() {
        // A leading dot is escaped (no hidden file, never ".."); later dots are kept.
        assertEquals(DIR.resolve("%3A%3A1_2020"), HistoryFile.in(DIR, new ServerAddress("::1", 2020), null));
        assertEquals(DIR.resolve("%2E._2020_%2F"), HistoryFile.in(DIR, new ServerAddress("..", 2020), "/"));
        assertEquals(DIR.resolve("h_1_%E5%B0%8F%E6%98%8E"), HistoryFile.in(DIR, new ServerAddress("h", 1), "小明"));
        Path escaped = HistoryFile.in(DIR, new ServerAddress("a/../../b", 1), "x\\y");
        assertEquals(DIR, escaped.getParent());
    }
}
