package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatHistoryTest {

    private final AtomicBoolean asked = new AtomicBoolean();
    private final ChatHistory history = new ChatHistory(asked::get);

    private List<String> kept() {
        List<String> lines = new ArrayList<>();
        for (History.Entry entry : history) {
            lines.add(entry.line());
        }
        return lines;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/oper hunter2", "/OPER admin hunter2", "  /oper x", "/pass x", "/identify x", "/login x", "/resume 3fq7u2kx5mzjv6a4pdr2c5yhne"})
    void secretCommandsAreNotKept(String line) {
        assertTrue(ChatHistory.isSecret(line));
        history.add(Instant.now(), line);
        assertEquals(List.of(), kept());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/operator", "my /oper is down", "/msg ann hi", "hello"})
    void otherLinesAreKept(String line) {
        assertFalse(ChatHistory.isSecret(line));
        history.add(Instant.now(), line);
        assertEquals(List.of(line), kept());
    }

    @Test
    void aLineTypedWhileThePasswordIsAskedForIsNotKept() {
        asked.set(true);
        history.add(Instant.now(), "hunter2");
        asked.set(false);
        history.add(Instant.now(), "after");
        assertEquals(List.of("after"), kept());
    }
}
