package chat.core;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Takes the telnet protocol (RFC 854) out of a connection's input, in place, so the line
 * framer sees only text. Always on: IAC (0xFF) can never start valid UTF-8, so a client that
 * does not speak telnet is unaffected.
 *
 * <ul>
 *   <li>IAC commands and option negotiations are removed, even when split across reads.
 *   <li>IAC IAC is one literal 0xFF byte.
 *   <li>Options are refused: DO x is answered WONT x and WILL x DONT x, so the client never
 *       waits on us. That includes DO TIMING-MARK, which a telnet client sends after Ctrl-C
 *       (IAC IP) and waits on. The one exception is BINARY, below.
 *   <li>IAC IP (interrupt) and IAC EL (erase line) discard the line being typed.
 *   <li>CR NUL ends a line, as CR LF does; any other NUL is the NVT no-op and is dropped.
 *   <li>Subnegotiations (IAC SB ... IAC SE) are skipped whatever their length; nothing is buffered.
 * </ul>
 *
 * <p><b>Answers are bounded</b> (RFC 1143's loop prevention): each option is answered once per
 * side, however often it is asked; repeating a request we already answered gets nothing, as
 * RFC 854 asks (never acknowledge a request for the state you are in). The one exception is
 * DO TIMING-MARK, which a client sends after each Ctrl-C and waits on: it is answered each time,
 * at most once per {@link #filter} call. And a call hands all its answers over in one array, at
 * most one {@link Replies#reply} per call. So a connection's answers over its whole life are at
 * most 2 × 256 × 3 bytes plus 3 bytes per read: a client sending megabytes of {@code IAC DO x}
 * gets a few bytes back (before this, each request queued a 3-byte array of its own, and a
 * hostile tester's 1,000 such clients took the server to 4.4 GB).
 *
 * <p><b>UTF-8 through netkit telnet.</b> Until BINARY is agreed, the common Linux {@code telnet}
 * compares each typed byte, stripped to 7 bits, with its special keys: the second byte of
 * 小 (0x8F) looks like Ctrl-O and is sent as IAC AO instead. So: a client that sends any telnet
 * command is asked (once) to send BINARY, and its offer to send BINARY is accepted; and a
 * command that arrives in the middle of a UTF-8 character, where no key press can fall, is put
 * back as the byte it replaced ({@link #mangledByte}).
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
    static final int EC = 0xF7;
    static final int AO = 0xF5;
    static final int IP = 0xF4;
    static final int BRK = 0xF3;
    static final int ABORT = 0xEE;
    static final int SUSP = 0xED;
    static final int EOF = 0xEC;
    static final int SE = 0xF0;
    static final int BINARY = 0;
    static final int TIMING_MARK = 6;

    /** Room for eight answers: a usual telnet client's whole negotiation. */
    private static final int FIRST_PENDING_BYTES = 24;

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
    /** Continuation bytes still due to finish the UTF-8 character the text stopped in; 0 at a boundary. */
    private int utf8Pending;
    /** True once we asked the client for BINARY (or accepted its offer): never ask twice. */
    private boolean binaryAsked;
    /** Options answered: bit {@code o} for DO o, bit {@code 256 + o} for WILL o; null until a first request. */
    private long[] answered;
    /** Answers of the current call, sent together at its end; null until the first answer. */
    private byte[] pending;
    /** Bytes of {@code pending} in use. */
    private int pendingLength;
    /** True once this call answered a DO TIMING-MARK: once per call is enough for any client. */
    private boolean timingMarkAnswered;
    /** Telnet commands consumed so far (IAC IAC, a literal byte, is not one). */
    private long commandsSeen;

    /**
     * Filters {@code buf} from its position to its limit in place; on return the limit is the
     * end of the text that remains.
     *
     * @return {@code true} if the line the client was typing before this read must be
     *     discarded (an interrupt arrived before any line end in this read); the text of this
     *     read up to the interrupt has already been cut
     */
    public boolean filter(ByteBuffer buf, Replies replies) {
        timingMarkAnswered = false;
        boolean discardBefore = filterText(buf);
        if (pendingLength > 0) {
            replies.reply(Arrays.copyOf(pending, pendingLength));
            pendingLength = 0;
            if (pending.length > FIRST_PENDING_BYTES) {
                pending = null; // a big negotiation is over: do not keep its buffer
            }
        }
        return discardBefore;
    }

    /**
     * Telnet commands consumed since the filter was made: input that is not text, but costs the
     * server work all the same (its flood control charges for it).
     */
    public long commandsSeen() {
        return commandsSeen;
    }

    @SuppressWarnings("fallthrough") // AFTER_CR falls into DATA on purpose: a byte after CR but NUL is data
    private boolean filterText(ByteBuffer buf) {
        int start = buf.position();
        int end = buf.limit();
        boolean discardBefore = false;
        int out = start;
        for (int in = start; in < end; in++) {
            int b = buf.get(in) & 0xFF;
            switch (state) {
                case AFTER_CR:
                    state = DATA;
                    if (b == 0) {
                        out = emit(buf, out, '\n'); // CR NUL: the line ends here
                        break;
                    }
                    // fall through: any other byte is ordinary data
                case DATA:
                    if (b == IAC) {
                        state = AFTER_IAC;
                    } else if (b != 0) {
                        out = emit(buf, out, b);
                        if (b == '\r') {
                            state = AFTER_CR;
                        }
                    }
                    break;
                case AFTER_IAC:
                    state = DATA;
                    if (b == IAC) {
                        out = emit(buf, out, IAC);
                        break;
                    }
                    commandsSeen++;
                    askForBinary();
                    if (b >= WILL) {
                        verb = b;
                        state = AFTER_VERB;
                    } else if (b == SB) {
                        state = IN_SUBNEGOTIATION;
                    } else if (utf8Pending > 0 && mangledByte(b) != 0) {
                        out = emit(buf, out, mangledByte(b));
                    } else if (b == IP || b == EL) {
                        int lineStart = afterLastLf(buf, start, out);
                        if (lineStart == start) {
                            discardBefore = true;
                        }
                        out = lineStart;
                        utf8Pending = 0;
                    }
                    break;
                case AFTER_VERB:
                    state = DATA;
                    negotiate(verb, b);
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

    /** Writes one text byte at {@code out} and follows where it leaves the UTF-8 character. */
    private int emit(ByteBuffer buf, int out, int b) {
        buf.put(out, (byte) b);
        if (b >= 0x80 && b <= 0xBF) {
            utf8Pending = Math.max(0, utf8Pending - 1);
        } else if (b >= 0xC2 && b <= 0xDF) {
            utf8Pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            utf8Pending = 2;
        } else if (b >= 0xF0 && b <= 0xF4) {
            utf8Pending = 3;
        } else {
            utf8Pending = 0;
        }
        return out + 1;
    }

    private void negotiate(int verb, int option) {
        if (verb == WILL && option == BINARY) {
            if (!binaryAsked) {
                binaryAsked = true;
                answer(DO, BINARY); // yes, send 8-bit text
            }
            // else: the answer to our own DO BINARY; answering again would loop
        } else if (verb == DO && option == TIMING_MARK) {
            if (!timingMarkAnswered) {
                timingMarkAnswered = true;
                answer(WONT, TIMING_MARK); // the client waits on this after each Ctrl-C
            }
        } else if (verb == DO && firstTime(option)) {
            answer(WONT, option);
        } else if (verb == WILL && firstTime(256 + option)) {
            answer(DONT, option);
        }
        // WONT and DONT need no answer: we are already in that state (RFC 854); nor does a
        // request repeated after we answered it.
    }

    /** True the first time {@code bit} (an option on one side) is asked about; marks it. */
    private boolean firstTime(int bit) {
        if (answered == null) {
            answered = new long[8];
        }
        long mask = 1L << (bit & 63);
        if ((answered[bit >> 6] & mask) != 0) {
            return false;
        }
        answered[bit >> 6] |= mask;
        return true;
    }

    /** The client speaks telnet: ask it, once, to send 8-bit text so UTF-8 is never mangled. */
    private void askForBinary() {
        if (!binaryAsked) {
            binaryAsked = true;
            answer(DO, BINARY);
        }
    }

    /** Adds {@code IAC verb option} to this call's answers. */
    private void answer(int verb, int option) {
        if (pending == null) {
            pending = new byte[FIRST_PENDING_BYTES];
        } else if (pendingLength + 3 > pending.length) {
            pending = Arrays.copyOf(pending, pending.length * 2);
        }
        pending[pendingLength++] = (byte) IAC;
        pending[pendingLength++] = (byte) verb;
        pending[pendingLength++] = (byte) option;
    }

    /**
     * The byte a 7-bit telnet client turned into {@code command}: its special key (Linux's
     * default bindings) with the high bit back. 0 if the command is not one a key sends.
     */
    static int mangledByte(int command) {
        return switch (command) {
            case IP -> 0x80 | 0x03;    // Ctrl-C
            case AO -> 0x80 | 0x0F;    // Ctrl-O
            case BRK -> 0x80 | 0x1C;   // Ctrl-\
            case EL -> 0x80 | 0x15;    // Ctrl-U
            case EC -> 0x80 | 0x08;    // Ctrl-H
            case SUSP -> 0x80 | 0x1A;  // Ctrl-Z
            case EOF -> 0x80 | 0x04;   // Ctrl-D
            case ABORT -> 0x80 | 0x1C; // Ctrl-\ in some modes
            default -> 0;
        };
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
