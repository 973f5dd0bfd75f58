package chat.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Telnet input, fed whole and cut at every position, comes out as the text alone plus our refusals. */
class TelnetFilterTest {

    private static final int IAC = 0xFF;
    private static final int DO = 0xFD;
    private static final int DONT = 0xFE;
    private static final int WILL = 0xFB;
    private static final int WONT = 0xFC;
    private static final int SB = 0xFA;
    private static final int SE = 0xF0;
    private static final int IP = 0xF4;
    private static final int EL = 0xF8;
    private static final int NAWS = 31;
    private static final int ECHO = 1;
    private static final int TM = 6;
    private static final int AO = 0xF5;
    private static final int BINARY = 0;
    /** Sent once to every client that shows it speaks telnet. */
    private static final byte[] ASK_BINARY = b(IAC, DO, BINARY);

    @Test
    void plainTextPassesUntouched() {
        assertFiltered(bytes("hello\r\nworld\n"), bytes("hello\r\nworld\n"), new byte[0]);
    }

    @Test
    void negotiationsAreRemovedAndRefused() {
        byte[] in = concat(bytes("hi"), b(IAC, DO, ECHO), bytes(" there"), b(IAC, WILL, NAWS), bytes("\r\n"));
        assertFiltered(in, bytes("hi there\r\n"), concat(ASK_BINARY, b(IAC, WONT, ECHO, IAC, DONT, NAWS)));
    }

    @Test
    void refusalsAreNotAnswered() {
        // Answering WONT/DONT would start an endless exchange with some clients.
        assertFiltered(concat(b(IAC, WONT, ECHO, IAC, DONT, NAWS), bytes("x\n")), bytes("x\n"), ASK_BINARY);
    }

    @Test
    void doubledIacIsOneLiteralByte() {
        assertFiltered(concat(bytes("a"), b(IAC, IAC), bytes("b\n")), concat(bytes("a"), b(0xFF), bytes("b\n")), new byte[0]);
    }

    @Test
    void subnegotiationIsSkippedWhole() {
        byte[] in = concat(bytes("a"), b(IAC, SB, NAWS, 0, 80, IAC, IAC, 0, 24, IAC, SE), bytes("b\n"));
        assertFiltered(in, bytes("ab\n"), ASK_BINARY);
    }

    @Test
    void crNulEndsALineAndOtherNulsVanish() {
        assertFiltered(concat(bytes("one\r"), b(0), bytes("t"), b(0), bytes("wo\r\n")), bytes("one\r\ntwo\r\n"), new byte[0]);
    }

    @Test
    void interruptDiscardsTheLineBeingTypedAndTimingMarkIsRefused() {
        // What `telnet` sends on Ctrl-C: IAC IP, then IAC DO TIMING-MARK, and waits for an answer.
        byte[] in = concat(bytes("kept\r\nhalf typ"), b(IAC, IP, IAC, DO, TM), bytes("new\r\n"));
        assertFiltered(in, bytes("kept\r\nnew\r\n"), concat(ASK_BINARY, b(IAC, WONT, TM)));
    }

    @Test
    void eraseLineAlsoDiscardsTheLine() {
        assertFiltered(concat(bytes("oops"), b(IAC, EL), bytes("fine\n")), bytes("fine\n"), ASK_BINARY);
    }

    @Test
    void interruptAsksToDiscardWhatEarlierReadsLeftUnfinished() {
        TelnetFilter filter = new TelnetFilter();
        Replies replies = new Replies();
        ByteBuffer first = ByteBuffer.wrap(bytes("earlier part"));
        assertFalse(filter.filter(first, replies));
        ByteBuffer second = ByteBuffer.wrap(concat(bytes("more"), b(IAC, IP), bytes("next\n")));
        assertTrue(filter.filter(second, replies), "the framer must drop 'earlier part'");
        assertEquals("next\n", text(second));
    }

    @Test
    void interruptAfterALineEndKeepsThatLine() {
        TelnetFilter filter = new TelnetFilter();
        ByteBuffer in = ByteBuffer.wrap(concat(bytes("done\nhalf"), b(IAC, IP)));
        assertFalse(filter.filter(in, new Replies()), "the unfinished line before this read ended at 'done'");
        assertEquals("done\n", text(in));
    }

    @Test
    void utf8MangledByASevenBitTelnetIsRepaired() {
        // netkit telnet typing 小明 before BINARY: 0x8F (Ctrl-O once stripped) became IAC AO IAC DO TM.
        byte[] in = concat(b(0xE5, 0xB0, IAC, AO, IAC, DO, TM, 0xE6, 0x98, 0x8E), bytes("\r\n"));
        assertFiltered(in, bytes("小明\r\n"), concat(ASK_BINARY, b(IAC, WONT, TM)));
    }

    @Test
    void interruptInsideACharacterIsTheByteItReplacedNotCtrlC() {
        // 0x83 stripped is Ctrl-C: mid-character it cannot be a key press.
        byte[] in = concat(bytes("ok "), b(0xE4, IAC, IP, IAC, DO, TM, 0x80), bytes("\n"));
        assertFiltered(in, concat(bytes("ok "), b(0xE4, 0x83, 0x80), bytes("\n")), concat(ASK_BINARY, b(IAC, WONT, TM)));
    }

    @Test
    void binaryOfferIsAcceptedOnceAndOtherOptionsRefused() {
        // What `telnet -8` sends: it offers to send 8-bit text and asks us to.
        byte[] in = concat(b(IAC, WILL, BINARY, IAC, DO, BINARY, IAC, WILL, BINARY), bytes("x\n"));
        assertFiltered(in, bytes("x\n"), concat(ASK_BINARY, b(IAC, WONT, BINARY)));
    }

    @Test
    void clientThatNeverSpeaksTelnetIsNeverSentAnything() {
        assertFiltered(bytes("just text 你好\r\n"), bytes("just text 你好\r\n"), new byte[0]);
    }

    // ---- harness -------------------------------------------------------------------------------

    /** Whole, and cut in two at every position: the same text and the same replies. */
    private static void assertFiltered(byte[] in, byte[] expectedText, byte[] expectedReplies) {
        for (int cut = 0; cut <= in.length; cut++) {
            TelnetFilter filter = new TelnetFilter();
            Replies replies = new Replies();
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (int[] piece : new int[][] {{0, cut}, {cut, in.length}}) {
                ByteBuffer buffer = ByteBuffer.wrap(in.clone(), piece[0], piece[1] - piece[0]);
                if (filter.filter(buffer, replies)) {
                    text = dropUnfinishedLine(text); // what the framer does when told to
                }
                text.write(buffer.array(), buffer.position(), buffer.remaining());
            }
            assertArrayEquals(expectedText, text.toByteArray(), "text, cut at " + cut);
            assertArrayEquals(expectedReplies, replies.all(), "replies, cut at " + cut);
        }
    }

    private static ByteArrayOutputStream dropUnfinishedLine(ByteArrayOutputStream text) {
        byte[] sofar = text.toByteArray();
        int keep = sofar.length;
        while (keep > 0 && sofar[keep - 1] != '\n') {
            keep--;
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        kept.write(sofar, 0, keep);
        return kept;
    }

    @Test
    void aHundredThousandRepeatedRequestsGetOneAnswerInOneReply() {
        byte[] flood = new byte[300_000];
        for (int i = 0; i < flood.length; i += 3) {
            flood[i] = (byte) 0xFF;
            flood[i + 1] = (byte) 0xFD; // DO ECHO, over and over
            flood[i + 2] = 1;
        }
        TelnetFilter filter = new TelnetFilter();
        Replies replies = new Replies();
        filter.filter(ByteBuffer.wrap(flood), replies);
        assertEquals(1, replies.sent.size(), "one reply call per filter call");
        assertArrayEquals(b(0xFF, 0xFD, 0, 0xFF, 0xFC, 1), replies.all(), "DO BINARY asked once, ECHO refused once");
        assertEquals(100_000, filter.commandsSeen());
    }

    @Test
    void repeatedRequestsOneByteAtATimeAreStillAnsweredOnce() {
        TelnetFilter filter = new TelnetFilter();
        Replies replies = new Replies();
        for (int i = 0; i < 3_000; i++) {
            int b = i % 3 == 0 ? 0xFF : i % 3 == 1 ? 0xFB : 0x18; // WILL TERMINAL-TYPE, over and over
            filter.filter(ByteBuffer.wrap(b(b)), replies);
        }
        assertArrayEquals(b(0xFF, 0xFD, 0, 0xFF, 0xFE, 0x18), replies.all());
        assertEquals(2, replies.sent.size(), "the ask for BINARY, then the refusal: one call each");
    }

    @Test
    void everyOptionAskedManyTimesOnBothSidesStaysWithinTheDocumentedBound() {
        TelnetFilter filter = new TelnetFilter();
        Replies replies = new Replies();
        for (int round = 0; round < 5; round++) {
            for (int verb : new int[] {0xFB, 0xFC, 0xFD, 0xFE}) {
                for (int option = 0; option < 256; option++) {
                    filter.filter(ByteBuffer.wrap(b(0xFF, verb, option)), replies);
                }
            }
        }
        // 255 refusals of each of WILL and DO, the BINARY exchange, and one WONT TIMING-MARK per DO TIMING-MARK.
        assertTrue(replies.all().length <= 2 * 256 * 3 + 5 * 3, "answered " + replies.all().length + " bytes");
    }

    @Test
    void aRepeatedWillBinaryIsAcceptedOnceAndADontForAnOptionOffGetsNothing() {
        assertFiltered(b(0xFF, 0xFB, 0, 0xFF, 0xFB, 0, 0xFF, 0xFE, 1, 0xFF, 0xFC, 3), b(), b(0xFF, 0xFD, 0));
    }

    @Test
    void timingMarkIsAnsweredAfterEachInterruptSoTelnetNeverHangs() {
        TelnetFilter filter = new TelnetFilter();
        Replies replies = new Replies();
        byte[] ctrlC = b(0xFF, 0xF4, 0xFF, 0xFD, 0x06); // IAC IP, IAC DO TIMING-MARK
        filter.filter(ByteBuffer.wrap(ctrlC), replies);
        filter.filter(ByteBuffer.wrap(ctrlC), replies);
        assertArrayEquals(b(0xFF, 0xFD, 0, 0xFF, 0xFC, 6, 0xFF, 0xFC, 6), replies.all());
    }

    @Test
    void aLiteralFfIsNotCountedAsACommand() {
        TelnetFilter filter = new TelnetFilter();
        filter.filter(ByteBuffer.wrap(b(0xFF, 0xFF, 'a', 0xFF, 0xF1)), new Replies()); // IAC IAC, then IAC NOP
        assertEquals(1, filter.commandsSeen());
    }

    static final class Replies implements TelnetFilter.Replies {
        private final List<byte[]> sent = new ArrayList<>();

        @Override
        public void reply(byte[] command) {
            sent.add(command);
        }

        byte[] all() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sent.forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    private static String text(ByteBuffer buffer) {
        return new String(buffer.array(), buffer.position(), buffer.remaining(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] b(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
