package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PayloadTest {

    private final PayloadParser parser = new PayloadParser();

    private static String encode(int sender, long seq, long stamp, int size) {
        ByteBuffer out = ByteBuffer.allocate(Payload.maxEncodedBytes(size));
        Payload.encode(out, sender, seq, stamp, size);
        return new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII);
    }

    private boolean parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    @Test
    void encodedLineIsPaddedToItsSizeAndEndsWithNewline() {
        String line = encode(3, 41, 1_700_000_000_123_456_789L, 64);

        assertEquals(65, line.length());
        assertTrue(line.startsWith("~cb~3~41~1700000000123456789~x"), line);
        assertTrue(line.endsWith("x\n"), line);
    }

    @Test
    void numbersWiderThanTheSizeAreNeverCut() {
        String line = encode(12345, 999_999_999L, Long.MAX_VALUE, Payload.MIN_SIZE_BYTES);

        assertEquals("~cb~12345~999999999~" + Long.MAX_VALUE + "~\n", line);
    }

    @Test
    void lineAsTheServerRelaysItParsesBackToItsNumbers() {
        String sent = encode(7, 12, 1_700_000_000_000_000_001L, 64).trim();

        assertTrue(parse("user12: " + sent + "\r"));
        assertEquals(7, parser.sender());
        assertEquals(12, parser.seq());
        assertEquals(1_700_000_000_000_000_001L, parser.stampNanos());
    }

    @Test
    void historyLineStillParsesSoTheStampCanRuleItOut() {
        assertTrue(parse("[14:03] user2: ~cb~0~5~1000~xxxx"));
        assertEquals(1000, parser.stampNanos());
    }

    @Test
    void serverLinesWithoutTheMarkerAreNotMeasured() {
        assertFalse(parse("*** Welcome, user7! You are in #lobby (3 users here). Type /help for commands."));
        assertFalse(parse("*** user7 joined #lobby"));
        assertFalse(parse("user3: hello ~cb"));
        assertFalse(parse(""));
    }

    @Test
    void malformedNumbersAreRejected() {
        assertFalse(parse("~cb~x~1~2~"), "sender not a number");
        assertFalse(parse("~cb~1~2~3"), "stamp not terminated");
        assertFalse(parse("~cb~1~~3~"), "empty sequence number");
        assertFalse(parse("~cb~1234567890~1~3~"), "sender too wide");
        assertFalse(parse("~cb~1~1~99999999999999999999~"), "stamp overflows a long");
    }

    @Test
    void markerIsFoundAtEveryOffsetAndNotPastTheEnd() {
        byte[] line = "ab~cb~1~2~3~".getBytes(StandardCharsets.US_ASCII);

        assertEquals(2, PayloadParser.indexOfMarker(line, 0, line.length));
        assertEquals(2, PayloadParser.indexOfMarker(line, 2, line.length));
        assertEquals(-1, PayloadParser.indexOfMarker(line, 3, line.length));
        assertEquals(-1, PayloadParser.indexOfMarker(line, 0, 5), "marker cut by the line's end");
    }

    @Test
    void parsingLooksOnlyBetweenTheBounds() {
        byte[] bytes = ("garbage~cb~4~8~15~" + "~cb~9~9~9~").getBytes(StandardCharsets.US_ASCII);
        int second = bytes.length - "~cb~9~9~9~".length();

        assertTrue(parser.parse(bytes, second, bytes.length));
        assertEquals(9, parser.sender());
        assertFalse(parser.parse(Arrays.copyOf(bytes, 17), 0, 17), "cut before the stamp's separator");
    }
}
