package chat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every case runs whole, one byte at a time, and cut in two at every position (so inside CR LF
 * and inside each UTF-8 character), through heap and direct buffers.
 */
class LineFramerTest {

    private static final String TOO_LONG = "<too long>";
    private static final int MAX = 16;

    @Test
    void lfEndsALine() {
        assertFrames("hello\nworld\n", "hello", "world");
    }

    @Test
    void crBeforeLfIsDropped() {
        assertFrames("hello\r\nworld\r\n", "hello", "world");
    }

    @Test
    void onlyOneCrBeforeLfIsDroppedAndOthersStayInTheLine() {
        assertFrames("a\rb\r\r\n", "a\rb\r");
    }

    @Test
    void lineWithoutLfIsNotDeliveredUntilItEnds() {
        assertFrames("no end yet");
    }

    @Test
    void emptyAndBlankLinesAreSkipped() {
        assertFrames("\n\r\n   \n\t \r\n\u3000\nreal\n", "real");
    }

    @Test
    void manyLinesInOneRead() {
        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            in.append("line ").append(i).append('\n');
            expected.add("line " + i);
        }
        // Too many for the split-everywhere run to be quick: whole and byte by byte.
        byte[] bytes = utf8(in.toString());
        assertEquals(expected, frameWhole(bytes, 4096, false));
        assertEquals(expected, frameInPieces(bytes, 1, 4096, true));
    }

    @Test
    void multiByteCharactersSplitAcrossReadsDecodeIntact() {
        assertFrames("你好，世界\n😀 émoji\n", "你好，世界", "😀 émoji");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacter() {
        byte[] in = {'a', (byte) 0xFF, 'b', (byte) 0xC3, '\n', (byte) 0xE4, (byte) 0xB8, '\n'};
        assertFrames(in, MAX, "a\uFFFDb\uFFFD", "\uFFFD");
    }

    @Test
    void lineOfExactlyTheLimitIsDelivered() {
        String sixteen = "0123456789abcdef";
        assertFrames(sixteen + "\n" + sixteen + "\r\n", sixteen, sixteen);
    }

    @Test
    void overlongLineIsReportedOnceThenNextLineDecodes() {
        String seventeen = "0123456789abcdefg";
        assertFrames(seventeen + "\nnext\n", TOO_LONG, "next");
    }

    @Test
    void veryLongLineIsReportedOnceAndDiscardedUpToItsEnd() {
        String huge = "x".repeat(MAX * 10);
        assertFrames("before\n" + huge + "\r\nafter\n", "before", TOO_LONG, "after");
    }

    @Test
    void overlongLineIsReportedBeforeItEnds() {
        // The user learns as soon as the limit is passed, not only once they press Enter.
        LineFramer framer = new LineFramer(MAX);
        Recorder recorder = new Recorder();
        framer.feed(ByteBuffer.wrap(utf8("x".repeat(MAX + 2))), recorder);
        assertEquals(List.of(TOO_LONG), recorder.events);
        framer.feed(ByteBuffer.wrap(utf8("yyy\nok\n")), recorder);
        assertEquals(List.of(TOO_LONG, "ok"), recorder.events);
    }

    @Test
    void limitCountsBytesNotCharacters() {
        String sixChinese = "一二三四五六"; // 18 bytes in UTF-8
        assertFrames(sixChinese + "\n一二三四五\n", TOO_LONG, "一二三四五");
    }

    @Test
    void finishDeliversALastLineWithoutLf() {
        LineFramer framer = new LineFramer(MAX);
        Recorder recorder = new Recorder();
        framer.feed(ByteBuffer.wrap(utf8("one\ntwo")), recorder);
        framer.finish(recorder);
        assertEquals(List.of("one", "two"), recorder.events);
        assertFalse(framer.hasPartialLine());
    }

    @Test
    void finishDropsTheRestOfAnOverlongLine() {
        LineFramer framer = new LineFramer(MAX);
        Recorder recorder = new Recorder();
        framer.feed(ByteBuffer.wrap(utf8("x".repeat(40))), recorder);
        framer.finish(recorder);
        assertEquals(List.of(TOO_LONG), recorder.events);
    }

    @Test
    void discardPartialLineForgetsWhatWasTyped() {
        LineFramer framer = new LineFramer(MAX);
        Recorder recorder = new Recorder();
        framer.feed(ByteBuffer.wrap(utf8("secr")), recorder);
        assertTrue(framer.hasPartialLine());
        framer.discardPartialLine();
        framer.feed(ByteBuffer.wrap(utf8("et\nnew\n")), recorder);
        assertEquals(List.of("et", "new"), recorder.events);
    }

    @Test
    void sinkCanStopFramingAndTheRestStaysInTheBuffer() {
        LineFramer framer = new LineFramer(MAX);
        List<String> seen = new ArrayList<>();
        LineFramer.Sink stopAfterFirst = new LineFramer.Sink() {
            @Override
            public boolean onLine(String line) {
                seen.add(line);
                return false;
            }

            @Override
            public void onLineTooLong(int maxLineBytes) {
                seen.add(TOO_LONG);
            }
        };
        ByteBuffer in = ByteBuffer.wrap(utf8("a\nb\nc"));
        framer.feed(in, stopAfterFirst);
        assertEquals(List.of("a"), seen);
        assertEquals(2, in.position());
        framer.feed(in, stopAfterFirst);
        assertEquals(List.of("a", "b"), seen);
        assertEquals(4, in.position());
    }

    @Test
    void partialBufferIsReleasedAfterALongLine() {
        LineFramer framer = new LineFramer(4096);
        Recorder recorder = new Recorder();
        framer.feed(ByteBuffer.wrap(utf8("y".repeat(3000))), recorder);
        assertTrue(framer.retainedBytes() >= 3000);
        framer.feed(ByteBuffer.wrap(utf8("\n")), recorder);
        assertEquals(0, framer.retainedBytes());
    }

    @Test
    void idleFramerHoldsNoBuffer() {
        LineFramer framer = new LineFramer(4096);
        framer.feed(ByteBuffer.wrap(utf8("whole line\n")), new Recorder());
        assertEquals(0, framer.retainedBytes());
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> new LineFramer(0));
    }

    @Test
    void wordAtATimeScanFindsLfAtEveryOffset() {
        for (int length = 1; length <= 40; length++) {
            for (int at = 0; at < length; at++) {
                byte[] bytes = new byte[length];
                // Neighbours chosen to provoke false matches: 0x0B and 0x8A differ from LF by one bit.
                Arrays.fill(bytes, (byte) 0x0B);
                for (int i = 0; i < length; i += 3) {
                    bytes[i] = (byte) 0x8A;
                }
                bytes[at] = '\n';
                if (at + 1 < length) {
                    bytes[at + 1] = '\n';
                }
                assertEquals(at, LineFramer.indexOfLf(bytes, 0, length), "length " + length + " at " + at);
                assertEquals(-1, LineFramer.indexOfLf(bytes, 0, at), "before the LF");
            }
        }
    }

    // ---- harness -----------------------------------------------------------------------------

    private static void assertFrames(String input, String... expected) {
        assertFrames(utf8(input), MAX, expected);
    }

    /** Whole, byte by byte, and cut in two at every position; heap and direct buffers. */
    private static void assertFrames(byte[] input, int max, String... expected) {
        List<String> want = List.of(expected);
        for (boolean direct : new boolean[] {false, true}) {
            assertEquals(want, frameWhole(input, max, direct), "whole, direct=" + direct);
            assertEquals(want, frameInPieces(input, 1, max, direct), "one byte at a time, direct=" + direct);
            for (int cut = 1; cut < input.length; cut++) {
                assertEquals(want, frameCutAt(input, cut, max, direct), "cut at " + cut + ", direct=" + direct);
            }
        }
    }

    private static List<String> frameWhole(byte[] input, int max, boolean direct) {
        return frameInPieces(input, Math.max(1, input.length), max, direct);
    }

    private static List<String> frameInPieces(byte[] input, int pieceSize, int max, boolean direct) {
        LineFramer framer = new LineFramer(max);
        Recorder recorder = new Recorder();
        for (int i = 0; i < input.length; i += pieceSize) {
            feed(framer, recorder, input, i, Math.min(input.length, i + pieceSize), direct);
        }
        return recorder.events;
    }

    private static List<String> frameCutAt(byte[] input, int cut, int max, boolean direct) {
        LineFramer framer = new LineFramer(max);
        Recorder recorder = new Recorder();
        feed(framer, recorder, input, 0, cut, direct);
        feed(framer, recorder, input, cut, input.length, direct);
        return recorder.events;
    }

    /** Feeds {@code input[from, to)} through a buffer whose position and array offset are not 0. */
    private static void feed(LineFramer framer, Recorder recorder, byte[] input, int from, int to, boolean direct) {
        int n = to - from;
        ByteBuffer backing = direct ? ByteBuffer.allocateDirect(n + 6) : ByteBuffer.allocate(n + 6);
        ByteBuffer buffer = backing.position(3).slice(); // a non-zero array offset
        buffer.position(3);                                // and a non-zero position
        buffer.put(input, from, n);
        buffer.flip().position(3);
        framer.feed(buffer, recorder);
        assertFalse(buffer.hasRemaining(), "the framer consumes everything it is given");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Records lines and too-long events in order. */
    static final class Recorder implements LineFramer.Sink {
        final List<String> events = new ArrayList<>();

        @Override
        public boolean onLine(String line) {
            events.add(line);
            return true;
        }

        @Override
        public void onLineTooLong(int maxLineBytes) {
            events.add(TOO_LONG);
        }
    }
}
