package chat.server.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.bus.LocalDirectory;
import chat.server.bus.LocalRoomBus;
import chat.server.store.MemoryHistory;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What a plain chat line costs the heap, counted by the JVM for this thread: its frame, once,
 * and the event kept in history (its text, the event and its numbered copy), about 330 bytes for
 * a 64-byte line; nothing per member, so a room of 1,000 costs what a room of 10 does (a copy or
 * a wrapper per member would be 16 KB or more per line here). Before ASCII lines were framed
 * straight into their bytes it was about 590 bytes, which the first bound catches.
 */
class LineAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A member whose output is kept by reference only: it allocates nothing per delivery. */
    private Chat chat;

    private static final class Sink implements Outbox {
        byte[] last;
        long delivered;

        @Override
        public void deliver(byte[] frame) {
            last = frame;
            delivered++;
        }

        @Override
        public void closeAfterOutput(String why) {
        }
    }

    @Test
    void aPlainLineAllocatesTheSameFewHundredBytesInARoomOfTenAsInARoomOfAThousand() {
        long inTen = bytesPerLine(10);
        long inThousand = bytesPerLine(1_000);
        assertTrue(inTen < 512, "bytes per line in a room of 10: " + inTen);
        assertTrue(inThousand < inTen + 256, "bytes per line in a room of 1,000: " + inThousand + ", of 10: " + inTen);
    }

    @Test
    void everyMemberGetsTheOneFrame() {
        Sink[] sinks = new Sink[3];
        User speaker = roomOf(sinks);
        byte[] line = "hello".getBytes(StandardCharsets.US_ASCII);
        chat.sayPlain(speaker, line, 0, line.length);
        assertEquals("user1: hello\r\n", new String(sinks[0].last, StandardCharsets.US_ASCII));
        for (Sink sink : sinks) {
            assertSame(sinks[0].last, sink.last, "the same array, not a copy per member");
        }
    }

    private long bytesPerLine(int members) {
        Sink[] sinks = new Sink[members];
        User speaker = roomOf(sinks);
        byte[] line = ("~cb~1~1~1234~" + "x".repeat(51)).getBytes(StandardCharsets.US_ASCII); // 64 bytes
        int lines = 20_000;
        for (int i = 0; i < lines; i++) { // warm: history at its cap, the path compiled
            chat.sayPlain(speaker, line, 0, line.length);
        }
        long deliveredBefore = delivered(sinks);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < lines; i++) {
            chat.sayPlain(speaker, line, 0, line.length);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals((long) lines * members, delivered(sinks) - deliveredBefore, "every line reached every member");
        return allocated / lines;
    }

    private static long delivered(Sink[] sinks) {
        long sum = 0;
        for (Sink sink : sinks) {
            sum += sink.delivered;
        }
        return sum;
    }

    /** A fresh chat with {@code sinks.length} members in #lobby; the first of them. */
    private User roomOf(Sink[] sinks) {
        chat = new Chat(new LocalRoomBus(System::currentTimeMillis), new LocalDirectory(),
                new MemoryHistory(50, 32 * 1024, ZoneOffset.UTC));
        User first = null;
        for (int i = 0; i < sinks.length; i++) {
            sinks[i] = new Sink();
            User user = new User(i + 1, "user" + (i + 1), new InetSocketAddress("127.0.0.1", 40000), sinks[i]);
            chat.arrive(user, () -> { });
            first = first == null ? user : first;
        }
        return first;
    }
}
