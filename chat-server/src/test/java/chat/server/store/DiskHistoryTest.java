package chat.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.core.Event.RoomEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on real files in a temp directory: what goes in comes back after a restart, and nothing else. */
class DiskHistoryTest {

    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
    private final List<DataDir> open = new ArrayList<>();
    private Retention retention = new Retention(50, 1000, 30 * DAY);
    private long minCompactBytes = DiskHistory.MIN_COMPACT_BYTES;

    @AfterEach
    void closeDirs() {
        open.forEach(DataDir::close);
    }

    private DiskHistory start() throws IOException {
        DataDir data = DataDir.open(dir);
        open.add(data);
        return DiskHistory.open(data, retention, 1 << 20, Fsync.EVERYSEC, ZoneOffset.UTC, clock::get, minCompactBytes);
    }

    /** Stops the server's history as a restart does, and lets its directory go. */
    private void stop(DiskHistory history) {
        history.close(10_000);
        open.remove(open.size() - 1).close();
    }

    private long seq;

    private RoomEvent said(String room, String who, String text) {
        return RoomEvent.chat(room, who, text).withSeq(++seq, clock.get());
    }

    private static List<String> replayed(HistoryStore history, String key) {
        List<String> lines = new ArrayList<>();
        history.replay(key, (said, frame) -> lines.add(new String(frame, StandardCharsets.UTF_8).strip()), () -> { });
        return lines;
    }

    @Test
    void linesAppendedComeBackAfterARestartInOrderPerRoom() throws IOException {
        DiskHistory history = start();
        history.append("lobby", said("lobby", "ann", "hello"));
        history.append("café", said("Café", "bob", "bonjour"));
        history.append("lobby", said("lobby", "bob", "hi ann"));
        stop(history);

        DiskHistory again = start();
        assertEquals(List.of("[08:00] ann: hello", "[08:00] bob: hi ann"), replayed(again, "lobby"));
        assertEquals(List.of("[08:00] bob: bonjour"), replayed(again, "café"));
        assertEquals(3, again.lastSeq("lobby"), "numbers go on from the newest kept line");
        stop(again);
    }

    @Test
    void aRoomsTopicSurvivesARestartAndARewriteButIsNotOneOfItsLines() throws IOException {
        retention = new Retention(2, 1000, 30 * DAY);
        minCompactBytes = 2048;
        DiskHistory history = start();
        history.setTopic("lobby", RoomEvent.topic("lobby", "ann", "old topic").withSeq(++seq, clock.get()));
        history.setTopic("lobby", RoomEvent.topic("lobby", "ann", "plans").withSeq(++seq, clock.get()));
        for (int i = 1; i <= 200; i++) {
            history.append("lobby", said("lobby", "bob", "line " + i));
        }
        stop(history);
        assertTrue(history.writer().compactions() > 0, "rewritten at least once");

        DiskHistory again = start();
        RoomEvent[] topic = new RoomEvent[1];
        again.topic("lobby", t -> topic[0] = t);
        assertEquals("plans", topic[0].text());
        assertEquals(List.of("[08:00] bob: line 199", "[08:00] bob: line 200"), replayed(again, "lobby"));
        assertEquals(seq, again.lastSeq("lobby"));
        stop(again);
        assertTrue(!Files.readString(dir.resolve(DiskHistory.JOURNAL)).contains("old topic"));
    }

    @Test
    void aTornLastLineIsCutOffAndEverythingBeforeItKept() throws IOException {
        DiskHistory history = start();
        history.append("lobby", said("lobby", "ann", "one"));
        history.append("lobby", said("lobby", "ann", "two"));
        stop(history);
        Path journal = dir.resolve(DiskHistory.JOURNAL);
        long whole = Files.size(journal);
        Files.write(journal, "0badc0de lobby\u001F3\u001F17".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        DiskHistory again = start();
        assertEquals(List.of("[08:00] ann: one", "[08:00] ann: two"), replayed(again, "lobby"));
        assertEquals(whole, Files.size(journal), "the torn tail is gone from the file");
        again.append("lobby", said("lobby", "ann", "three"));
        stop(again);
        assertEquals(List.of("[08:00] ann: one", "[08:00] ann: two", "[08:00] ann: three"),
                replayed(start(), "lobby"), "a line written after the cut is read back");
    }

    @Test
    void aDamagedLineEndsTheGoodPartOfTheJournal() throws IOException {
        DiskHistory history = start();
        for (String text : List.of("one", "two", "three")) {
            history.append("lobby", said("lobby", "ann", text));
        }
        stop(history);
        Path journal = dir.resolve(DiskHistory.JOURNAL);
        String text = Files.readString(journal);
        Files.writeString(journal, text.replace("two", "tw0")); // the CRC no longer matches

        assertEquals(List.of("[08:00] ann: one"), replayed(start(), "lobby"));
    }

    @Test
    void aFileThatIsNotAJournalIsRefusedRatherThanOverwritten() throws IOException {
        Path journal = dir.resolve(DiskHistory.JOURNAL);
        Files.writeString(journal, "my notes\n");
        IOException e = assertThrows(IOException.class, this::start);
        assertTrue(e.getMessage().contains("not a history journal"), e.getMessage());
        assertEquals("my notes\n", Files.readString(journal));
    }

    @Test
    void aSecondServerOnTheSameDirectoryIsRefusedWithOneLine() throws IOException {
        open.add(DataDir.open(dir));
        IOException e = assertThrows(IOException.class, () -> DataDir.open(dir));
        assertEquals("--data-dir " + dir + " is in use by another running server (pid "
                + ProcessHandle.current().pid() + ")", e.getMessage());
    }

    @Test
    void theJournalIsCompactedToWhatHistoryKeeps() throws IOException {
        retention = new Retention(5, 1000, 30 * DAY);
        minCompactBytes = 4096;
        DiskHistory history = start();
        for (int i = 1; i <= 2000; i++) {
            history.append("lobby", said("lobby", "ann", "line " + i));
        }
        stop(history);
        long size = Files.size(dir.resolve(DiskHistory.JOURNAL));
        assertTrue(size < 3 * 4096, "bounded by twice the compaction threshold and a batch: " + size);
        assertTrue(history.writer().compactions() > 0);

        List<String> lines = replayed(start(), "lobby");
        assertEquals(List.of("[08:00] ann: line 1996", "[08:00] ann: line 1997", "[08:00] ann: line 1998",
                "[08:00] ann: line 1999", "[08:00] ann: line 2000"), lines);
    }

    @Test
    void roomsBeyondTheBoundAndRoomsTooOldAreNotKept() throws IOException {
        retention = new Retention(50, 2, 30 * DAY);
        DiskHistory history = start();
        history.append("old", said("old", "ann", "long ago"));
        clock.addAndGet(31 * DAY);
        history.append("a", said("a", "ann", "in a"));
        history.append("b", said("b", "ann", "in b"));
        history.append("c", said("c", "ann", "in c"));
        stop(history);

        DiskHistory again = start();
        assertEquals(List.of(), replayed(again, "old"), "older than --history-days");
        assertEquals(List.of(), replayed(again, "a"), "beyond --history-rooms: the room used longest ago goes");
        assertEquals(1, replayed(again, "b").size());
        assertEquals(1, replayed(again, "c").size());
        stop(again);
        String journal = Files.readString(dir.resolve(DiskHistory.JOURNAL));
        assertTrue(!journal.contains("long ago") && !journal.contains("in a"), "and the file was compacted: " + journal);
    }

    @Test
    void aFullQueueCountsTheLinesItCouldNotTakeAndNeverBlocks() throws IOException {
        Path file = dir.resolve("unstarted.log");
        Files.write(file, JournalFile.HEADER);
        JournalWriter writer = new JournalWriter(file, JournalFile.HEADER.length, Fsync.NO, retention, clock::get,
                minCompactBytes); // never started: nothing drains its queue
        for (int i = 0; i < JournalWriter.QUEUE_LINES + 10; i++) {
            writer.offer(new JournalRecord("lobby", said("lobby", "ann", "x")));
        }
        assertEquals(10, writer.notWritten());
        assertEquals(JournalWriter.QUEUE_LINES, writer.backlog());
    }
}
