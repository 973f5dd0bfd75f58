package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Redis target's framer: whole, a byte at a time, and split at every place (inside CR LF too). */
class RespReaderTest {

    private static final String PAYLOAD = "~cb~3~41~1700000000123456789~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    private static final String MESSAGE = "*3\r\n$7\r\nmessage\r\n$4\r\nroom\r\n$" + PAYLOAD.length() + "\r\n" + PAYLOAD + "\r\n";
    private static final String SUBSCRIBED = "*3\r\n$9\r\nsubscribe\r\n$4\r\nroom\r\n:1\r\n";

    /** What the reader handed over: frames counted, texts copied. */
    private static final class Seen implements Inbound.Receiver {
        int frames;
        final List<String> texts = new ArrayList<>();

        @Override
        public void onFrame() {
            frames++;
        }

        @Override
        public void onText(byte[] bytes, int from, int to) {
            texts.add(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
        }
    }

    /** Feeds {@code input} in pieces cut at {@code cuts} (ascending offsets), each in a buffer of its own, as reads come. */
    private static Seen feed(String input, int... cuts) throws IOException {
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        RespReader reader = new RespReader();
        Seen seen = new Seen();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : bytes.length;
            // A read lands in the middle of a shared buffer: the reader must honour position and limit.
            ByteBuffer read = ByteBuffer.allocate(bytes.length + 16);
            read.position(7);
            read.put(bytes, from, to - from);
            read.flip().position(7);
            reader.feed(read, seen);
            assertEquals(read.limit(), read.position(), "every byte consumed");
            from = to;
        }
        return seen;
    }

    private static int[] everyByte(String input) {
        int[] cuts = new int[input.length() - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return cuts;
    }

    @Test
    void aPushedMessageIsOneFrameAndItsPayloadIsTheText() throws IOException {
        Seen seen = feed(MESSAGE);

        assertEquals(1, seen.frames);
        assertEquals(List.of(PAYLOAD), seen.texts);
    }

    @Test
    void aMessageSplitAtAnyPlaceReadsTheSame() throws IOException {
        for (int cut = 1; cut < MESSAGE.length(); cut++) {
            Seen seen = feed(MESSAGE + MESSAGE, cut, MESSAGE.length() + cut / 2 + 1);

            assertEquals(2, seen.frames, "cut at " + cut);
            assertEquals(List.of(PAYLOAD, PAYLOAD), seen.texts, "cut at " + cut);
        }
    }

    @Test
    void aMessageArrivingOneByteAtATimeReadsTheSame() throws IOException {
        String input = SUBSCRIBED + MESSAGE + ":10\r\n" + MESSAGE;
        Seen seen = feed(input, everyByte(input));

        assertEquals(4, seen.frames);
        assertEquals(List.of(PAYLOAD, PAYLOAD), seen.texts);
    }

    @Test
    void repliesAndConfirmationsAreFramesWithoutText() throws IOException {
        Seen seen = feed(SUBSCRIBED + "+PONG\r\n" + ":0\r\n" + "$-1\r\n" + "*0\r\n");

        assertEquals(5, seen.frames);
        assertEquals(List.of(), seen.texts, "only a message's payload may be a measured line");
    }

    @Test
    void anotherChannelsKindOfArrayCarriesNoText() throws IOException {
        // The third element of anything but "message" (here an unsubscribe's count) is not a payload.
        Seen seen = feed("*3\r\n$11\r\nunsubscribe\r\n$4\r\nroom\r\n$3\r\nabc\r\n");

        assertEquals(1, seen.frames);
        assertEquals(List.of(), seen.texts);
    }

    @Test
    void anErrorReplyEndsTheConnectionWithRedissWords() {
        IOException error = assertThrows(IOException.class, () -> feed("-ERR max number of clients reached\r\n", 5));

        assertEquals("Redis answered ERR max number of clients reached", error.getMessage());
    }

    @Test
    void aChatServersLinesAreNotResp() {
        IOException error = assertThrows(IOException.class, () -> feed("*** Welcome, user1!\r\n"));

        assertTrue(error.getMessage().startsWith("the server does not speak RESP (it sent '*** Welcome"), error.getMessage());
    }

    @Test
    void aBulkStringWithoutItsCrLfIsRefused() {
        IOException error = assertThrows(IOException.class, () -> feed("$3\r\nabcd\r\n"));

        assertEquals("Redis sent a bulk string not ended by CR LF", error.getMessage());
    }

    @Test
    void whatRedisWireWritesForAPublishIsAValidCommand() {
        ByteBuffer out = ByteBuffer.allocate(RedisWire.INSTANCE.maxLineBytes(64, "room7".getBytes(StandardCharsets.US_ASCII)));
        RedisWire.INSTANCE.encodeLine(out, "room7".getBytes(StandardCharsets.US_ASCII), 3, 41, 1_700_000_000_123_456_789L, 64);
        String command = new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII);

        String text = "~cb~3~41~1700000000123456789~" + "x".repeat(64 - 29);
        assertEquals("*3\r\n$7\r\nPUBLISH\r\n$5\r\nroom7\r\n$64\r\n" + text + "\r\n", command);
    }
}
