package chat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import chat.server.moderation.Sanction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bans and mutes of a one-process chat in its data directory. */
class SanctionFileTest {

    @TempDir
    Path dir;

    private static Sanction ban(String name) {
        return new Sanction(Sanction.Kind.NAME_BAN, name, name, "op", "127.0.0.1", 1, 0, "why");
    }

    @Test
    void whatIsSavedIsReadBackAfterCloseAndTheLastOfABurstWins() throws IOException {
        try (DataDir data = DataDir.open(dir)) {
            SanctionFile file = new SanctionFile(data);
            assertEquals(List.of(), file.read(), "no file yet");
            for (int i = 1; i <= 50; i++) {
                file.save(List.of(ban("a"), ban("n" + i)));
            }
            file.close(); // waits for the pending write
            assertEquals(List.of(ban("a"), ban("n50")), new SanctionFile(data).read());
            assertFalse(Files.exists(dir.resolve("bans.tmp")), "renamed over the file");
            assertEquals(0, file.failures());
        }
    }

    @Test
    void aDamagedLineIsSkippedAndTheRestRead() throws IOException {
        try (DataDir data = DataDir.open(dir)) {
            Files.writeString(dir.resolve("bans"), "# header\n" + ban("a").encode() + "\nnot a ban\n\n" + ban("b").encode() + "\n");
            assertEquals(List.of(ban("a"), ban("b")), new SanctionFile(data).read());
        }
    }
}
