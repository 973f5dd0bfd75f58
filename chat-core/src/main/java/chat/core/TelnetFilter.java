package chat.core;

import java.nio.ByteBuffer;

/**
 * Takes the telnet protocol (RFC 854) out of a connection's input, in place, so the line
 * framer sees only text. Always on: IAC (0xFF) can never start valid UTF-8, so a client that
 * does not speak telnet is unaffected.
 *
 * <ul>
 *   <li>IAC commands and option negotiations are removed, even when split across reads.
 *   <li>IAC IAC is one literal 0xFF byte.
 *   <li>Every option the client offers or asks for is refused: DO x is answered WONT x and
 *       WILL x DONT x, so the client never waits on us. That includes DO TIMING-MARK, which a
 *       telnet client sends after Ctrl-C (IAC IP) and waits on.
 *   <li>IAC IP (interrupt) and IAC EL (erase line) discard the line being typed.
 *   <li>CR NUL ends a line, as CR LF does; any other NUL is the NVT no-op and is dropped.
 *   <li>Subnegotiations (IAC SB ... IAC SE) are skipped whatever their length; nothing is buffered.
 * </ul>
 *
 * <p>Not thread-safe: one filter belongs to one connection.
 */
public final class TelnetFilter {

    /** Where the filter's answers to the client go (whole telnet commands, to be sent as-is). */
    public interface Replies {
        void reply(byte[] command);
    }

    static final int IAC = 0xFF;
    static final int DONT = 0xFE;
    static final int DO = 0xFD;
    static final int WONT = 0xFC;
    static final int WILL = 0xFB;
    static final int SB = 0xFA;
    static final int EL = 0xF8;
    static final int IP = 0xF4;
    static final int SE = 0xF0;
    static final int TIMING_MARK = 6;

    private static final int DATA = 0;
    private static final int AFTER_CR = 1;
    private static final int AFTER_IAC = 2;
    private static final int AFTER_VERB = 3;
    private static final int IN_SUBNEGOTIATION = 4;
    private static final int IN_SUBNEGOTIATION_AFTER_IAC = 5;

    /** Where the previous read left the parser; one of the constants above. */
    private int state = DATA;
    /** The WILL/WONT/DO/DONT whose option byte is awaited (valid in AFTER_VERB). */
    private int verb;

    /**
     * Filters {@code buf} from its position to its limit in place; on return the limit is the
     * end of the text that remains.
     *
     * @return {@code true} if the line the client was typing before this read must be
     *     discarded (an interrupt arrived before any line end in this read); the text of this
     *     read up to the interrupt has already been cut
     */
    public boolean filter(ByteBuffer buf, Replies replies) {
        int start = buf.position();
        int end = buf.limit();
        int first = state == DATA ? firstSpecial(buf, start, end) : start;
        if (first == end) {
            // Plain text, the usual case: nothing to move.
            if (end > start && buf.get(end - 1) == '\r') {
                state = AFTER_CR;
            }
            return false;
        }
        if (first > start && buf.get(first - 1) == '\r') {
            state = AFTER_CR; // the fast scan skipped this CR; it still pairs with a NUL next
        }
        boolean discardBefore = false;
        int out = first;
        for (int in = first; in < end; in++) {
            int b = buf.get(in) & 0xFF;
            switch (state) {
                case AFTER_CR:
                    state = DATA;
                    if (b == 0) {
                        buf.put(out++, (byte) '\n'); // CR NUL: the line ends here
                        break;
                    }
                    // fall through: any other byte is ordinary data
                case DATA:
                    if (b == IAC) {
                        state = AFTER_IAC;
                    } else if (b != 0) {
                        buf.put(out++, (byte) b);
                        if (b == '\r') {
                            state = AFTER_CR;
                        }
                    }
                    break;
                case AFTER_IAC:
                    state = DATA;
                    if (b == IAC) {
                        buf.put(out++, (byte) IAC);
                    } else if (b >= WILL) {
                        verb = b;
                        state = AFTER_VERB;
                    } else if (b == SB) {
                        state = IN_SUBNEGOTIATION;
                    } else if (b == IP || b == EL) {
                        int lineStart = afterLastLf(buf, start, out);
                        if (lineStart == start) {
                            discardBefore = true;
                        }
                        out = lineStart;
                    }
                    break;
                case AFTER_VERB:
                    state = DATA;
                    if (verb == DO) {
                        replies.reply(new byte[] {(byte) IAC, (byte) WONT, (byte) b});
                    } else if (verb == WILL) {
                        replies.reply(new byte[] {(byte) IAC, (byte) DONT, (byte) b});
                    }
                    // WONT and DONT need no answer: we are already in that state (RFC 854).
                    break;
                case IN_SUBNEGOTIATION:
                    if (b == IAC) {
                        state = IN_SUBNEGOTIATION_AFTER_IAC;
                    }
                    break;
                case IN_SUBNEGOTIATION_AFTER_IAC:
                    state = b == SE ? DATA : IN_SUBNEGOTIATION;
                    break;
                default:
                    throw new IllegalStateException("telnet state " + state);
            }
        }
        buf.limit(out);
        return discardBefore;
    }

    /** The first IAC or NUL in {@code buf[from, to)}, or {@code to}. */
    private static int firstSpecial(ByteBuffer buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf.get(i);
            if (b == (byte) IAC || b == 0) {
                return i;
            }
        }
        return to;
    }

    /** The index just after the last LF in {@code buf[from, to)}, or {@code from} if there is none. */
    private static int afterLastLf(ByteBuffer buf, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (buf.get(i) == '\n') {
                return i + 1;
            }
        }
        return from;
    }
}
