package chat.server.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Frames leave in order, whole, however the socket splits its writes. */
class OutboundQueueTest {

    @Test
    void framesAreGatheredInOrderIntoOneBuffer() {
        OutboundQueue queue = new OutboundQueue();
        queue.add(bytes("one\r\n"));
        queue.add(bytes("two\r\n"));
        ByteBuffer out = ByteBuffer.allocate(64);
        assertEquals(10, queue.copyTo(out));
        assertEquals("one\r\ntwo\r\n", text(out));
        assertEquals(10, queue.queuedBytes(), "copying does not consume");
    }

    @Test
    void shortWritesResumeInsideAFrame() {
        // A socket that takes 3 bytes per write: every frame boundary and offset is exercised.
        OutboundQueue queue = new OutboundQueue();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] frame = bytes("line " + i + "\r\n");
            queue.add(frame);
            expected.writeBytes(frame);
        }
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteBuffer staging = ByteBuffer.allocate(16);
        while (!queue.isEmpty()) {
            staging.clear();
            queue.copyTo(staging);
            staging.flip();
            int taken = Math.min(3, staging.remaining());
            sent.write(staging.array(), 0, taken);
            queue.consume(taken);
        }
        assertArrayEquals(expected.toByteArray(), sent.toByteArray());
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void copyStopsWhenTheBufferIsFull() {
        OutboundQueue queue = new OutboundQueue();
        queue.add(bytes("abcdef"));
        queue.add(bytes("ghij"));
        ByteBuffer out = ByteBuffer.allocate(8);
        assertEquals(8, queue.copyTo(out));
        assertEquals("abcdefgh", text(out));
    }

    @Test
    void queueGrowsPastItsFirstCapacityAndKeepsOrder() {
        OutboundQueue queue = new OutboundQueue();
        for (int i = 0; i < 100; i++) {
            queue.add(new byte[] {(byte) i});
        }
        queue.consume(40);
        for (int i = 100; i < 120; i++) {
            queue.add(new byte[] {(byte) i});
        }
        ByteBuffer out = ByteBuffer.allocate(200);
        queue.copyTo(out);
        out.flip();
        for (int i = 40; i < 120; i++) {
            assertEquals((byte) i, out.get());
        }
        assertTrue(!out.hasRemaining());
    }

    @Test
    void idleQueueHoldsNoRingAndABusyOneKeepsItsRingUntilTrimmed() {
        OutboundQueue queue = new OutboundQueue();
        assertEquals(0, queue.ringCapacity(), "no output yet, no ring");
        for (int i = 0; i < 40; i++) {
            queue.add(bytes("x"));
        }
        queue.consume(40);
        assertEquals(64, queue.ringCapacity(), "kept for the next pass: no allocation per pass");
        queue.add(bytes("y"));
        queue.trim();
        assertEquals(64, queue.ringCapacity(), "not while something is queued");
        queue.consume(1);
        queue.trim();
        assertEquals(0, queue.ringCapacity(), "an idle connection gives its ring back");
    }

    @Test
    void ringGrownPastTheKeptSizeIsDroppedOnceDrained() {
        OutboundQueue queue = new OutboundQueue();
        for (int i = 0; i < OutboundQueue.KEPT_CAPACITY + 1; i++) {
            queue.add(bytes("z"));
        }
        queue.consume(OutboundQueue.KEPT_CAPACITY + 1);
        assertEquals(0, queue.ringCapacity());
    }

    @Test
    void consumingMoreThanQueuedIsABug() {
        OutboundQueue queue = new OutboundQueue();
        queue.add(bytes("ab"));
        assertThrows(IllegalArgumentException.class, () -> queue.consume(3));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer out) {
        return new String(out.array(), 0, out.position(), StandardCharsets.UTF_8);
    }
}
