package chat.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a byte stream into text lines, as the bytes arrive.
 *
 * <p>LF ends a line and one CR right before it is dropped. Bytes are decoded as UTF-8 only
 * once a line is complete, so a character split across reads decodes intact; malformed input
 * becomes U+FFFD. Empty and blank lines are skipped. A line longer than {@code maxLineBytes}
 * (not counting its CR LF) is reported once through {@link Sink#onLineTooLong} and its bytes
 * are discarded up to the next LF; the lines after it decode normally.
 *
 * <p>Every byte is looked at once: bytes of an unfinished line are copied aside and never
 * scanned again. Nothing is allocated per byte; the copy-aside buffer exists only while a
 * line is unfinished, so an idle connection holds no buffer.
 *
 * <p>Not thread-safe: one framer belongs to one connection and is used by one thread.
 */
public final class LineFramer {

    /** The default for {@code --max-line-bytes}. */
    public static final int DEFAULT_MAX_LINE_BYTES = 4096;

    /** Receives what the framer finds. */
    public interface Sink {
        /**
         * One complete, non-blank line, without its line end.
         *
         * @return {@code true} to go on framing; {@code false} to stop right after this line,
         *     leaving the rest of the input in the buffer (the caller's back-pressure)
         */
        boolean onLine(String line);

        /** A line was longer than the limit; it is being discarded. Called once per such line. */
        void onLineTooLong(int maxLineBytes);

        /**
         * One complete line as bytes, valid only during the call: what the framer actually
         * calls. This default decodes it (invalid UTF-8 becomes U+FFFD) and hands it to
         * {@link #onLine(String)} unless it is blank. A sink overrides it to handle common
         * lines without decoding them (the server's plain-ASCII chat path).
         */
        default boolean onLine(byte[] bytes, int offset, int length) {
            String line = new String(bytes, offset, length, StandardCharsets.UTF_8);
            return line.isBlank() || onLine(line); // blank in a wider sense: only Unicode white space
        }
    }

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    /** An unfinished line's buffer starts this small and doubles: most lines are short. */
    private static final int FIRST_PARTIAL_BYTES = 256;
    /** A partial buffer bigger than this is dropped once its line completes, so it is not kept idle. */
    private static final int KEPT_PARTIAL_BYTES = 1024;
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxLineBytes;
    /** The bytes of the unfinished line seen so far (no LF among them); null when none are kept. */
    private byte[] partial;
    /** How many bytes of {@code partial} are in use; 0 between lines. */
    private int partialLength;
    /** True while the rest of a too-long line is skipped, up to and including its LF. */
    private boolean discarding;

    public LineFramer(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** True if bytes of an unfinished line are held (or being discarded). */
    public boolean hasPartialLine() {
        return partialLength > 0 || discarding;
    }

    /** Bytes of buffer this framer holds right now (0 between lines): its whole memory cost. */
    int retainedBytes() {
        return partial == null ? 0 : partial.length;
    }

    /**
     * Frames {@code in} from its position to its limit. On return the position is at the limit,
     * or just past the line whose {@link Sink#onLine} returned {@code false}.
     */
    public void feed(ByteBuffer in, Sink sink) {
        while (in.hasRemaining()) {
            int start = in.position();
            int end = in.limit();
            int lf = indexOfLf(in, start, end);
            if (lf < 0) {
                // No line end yet: keep the bytes aside (or skip them) and wait for more.
                if (!discarding) {
                    keep(in, start, end, sink);
                }
                in.position(end);
                return;
            }
            in.position(lf + 1);
            if (discarding) {
                // The LF that ends a too-long line: the next byte starts a fresh line.
                discarding = false;
                continue;
            }
            boolean goOn;
            if (partialLength == 0 && in.hasArray()) {
                // The common case: a whole line inside this read, decoded in place.
                goOn = complete(in.array(), in.arrayOffset() + start, lf - start, sink);
            } else {
                if (!keep(in, start, lf, sink)) {
                    discarding = false; // too long, and already ended by this LF: nothing to skip
                    continue;
                }
                goOn = complete(partial, 0, partialLength, sink);
                partialLength = 0;
                if (partial.length > KEPT_PARTIAL_BYTES) {
                    partial = null;
                }
            }
            if (!goOn) {
                return;
            }
        }
    }

    /**
     * Ends the stream: an unfinished last line (no LF before end of input) is delivered as a
     * line, as a file's last line without a newline would be.
     */
    public void finish(Sink sink) {
        if (discarding || partialLength == 0) {
            discarding = false;
            partialLength = 0;
            return;
        }
        int length = partialLength;
        partialLength = 0;
        complete(partial, 0, length, sink);
    }

    /** Forgets the unfinished line (telnet's Interrupt Process): the next byte starts a new line. */
    public void discardPartialLine() {
        partialLength = 0;
        discarding = false;
    }

    /**
     * Appends {@code in[from, to)} to the unfinished line. If that makes the line too long
     * (beyond the limit plus one byte, which may be the CR of a CR LF), reports it once and
     * starts discarding; returns false then.
     */
    private boolean keep(ByteBuffer in, int from, int to, LineFramer.Sink sink) {
        int n = to - from;
        int needed = partialLength + n;
        if (needed > maxLineBytes + 1) {
            partialLength = 0;
            discarding = true;
            sink.onLineTooLong(maxLineBytes);
            return false;
        }
        if (partial == null || partial.length < needed) {
            int capacity = Math.max(FIRST_PARTIAL_BYTES, partial == null ? 0 : partial.length * 2);
            capacity = Math.min(Math.max(capacity, needed), maxLineBytes + 1);
            byte[] grown = new byte[capacity];
            if (partialLength > 0) {
                System.arraycopy(partial, 0, grown, 0, partialLength);
            }
            partial = grown;
        }
        in.get(from, partial, partialLength, n);
        partialLength = needed;
        return true;
    }

    /** Delivers one finished line held in {@code bytes[offset, offset+length)} (no LF). */
    private boolean complete(byte[] bytes, int offset, int length, Sink sink) {
        if (length > 0 && bytes[offset + length - 1] == CR) {
            length--;
        }
        if (length > maxLineBytes) {
            sink.onLineTooLong(maxLineBytes);
            return true;
        }
        if (isBlankAscii(bytes, offset, length)) {
            return true;
        }
        return sink.onLine(bytes, offset, length);
    }

    /** Spaces and tabs only (or nothing): skipped without decoding. */
    private static boolean isBlankAscii(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != CR) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first LF in {@code in[from, to)}, or -1. */
    static int indexOfLf(ByteBuffer in, int from, int to) {
        if (in.hasArray()) {
            int base = in.arrayOffset();
            int i = indexOfLf(in.array(), base + from, base + to);
            return i < 0 ? -1 : i - base;
        }
        for (int i = from; i < to; i++) {
            if (in.get(i) == LF) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the first LF in {@code bytes[from, to)}, or -1. Eight bytes at a time: the
     * classic "has a zero byte" test on the word XOR '\n'. A borrow can only mark bytes above a
     * real match, so the lowest marked byte is the first LF (see LineFramerTest's SWAR cases).
     */
    static int indexOfLf(byte[] bytes, int from, int to) {
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long found = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == LF) {
                return i;
            }
        }
        return -1;
    }
}
