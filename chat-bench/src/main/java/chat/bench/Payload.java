package chat.bench;

import java.nio.ByteBuffer;

/**
 * The text of one measured line, written straight into a send buffer without allocating:
 *
 * <pre>
 *   ~cb~SENDER~SEQ~STAMP~xxxxxxxx…\n
 * </pre>
 *
 * <p>{@code SENDER} is the sender's index, {@code SEQ} its own sequence number from 0 and
 * {@code STAMP} the line's intended send time ({@link BenchClock}, nanoseconds), all decimal;
 * 'x' pads the line to the requested size (the newline not counted). A server puts its own
 * prefix before the text ({@code NAME: }), so {@link PayloadParser} looks for the marker anywhere
 * in a line. Stateless; any thread.
 */
final class Payload {

    /** Opens every measured line; nothing a server sends of its own contains it. */
    static final byte[] MARKER = {'~', 'c', 'b', '~'};
    /** Separates the numbers and ends the last one. */
    static final byte SEPARATOR = '~';
    /** Smallest {@code --size}: the marker and three numbers at their usual widths fit in it. */
    static final int MIN_SIZE_BYTES = 40;
    /** Largest {@code --size}: the chat server's default line limit. */
    static final int MAX_SIZE_BYTES = 4096;

    private static final byte PAD = 'x';

    private Payload() {}

    /**
     * Appends one line, newline included, at {@code out}'s position. The line is {@code
     * sizeBytes} long (plus the newline), or longer if the numbers alone need more room.
     *
     * @throws java.nio.BufferOverflowException if {@code out} has less room than
     *     {@link #maxEncodedBytes(int)}
     */
    static void encode(ByteBuffer out, int sender, long seq, long stampNanos, int sizeBytes) {
        encodeText(out, sender, seq, stampNanos, sizeBytes);
        out.put((byte) '\n');
    }

    /**
     * Appends the text alone, without a newline: {@link #textBytes} bytes (a Redis PUBLISH
     * carries it as a bulk string, whose length goes before it).
     */
    static void encodeText(ByteBuffer out, int sender, long seq, long stampNanos, int sizeBytes) {
        int start = out.position();
        out.put(MARKER);
        putDecimal(out, sender);
        out.put(SEPARATOR);
        putDecimal(out, seq);
        out.put(SEPARATOR);
        putDecimal(out, stampNanos);
        out.put(SEPARATOR);
        for (int written = out.position() - start; written < sizeBytes; written++) {
            out.put(PAD);
        }
    }

    /** How many bytes {@link #encodeText} writes for these numbers and size. */
    static int textBytes(int sender, long seq, long stampNanos, int sizeBytes) {
        int numbers = MARKER.length + digits(sender) + digits(seq) + digits(stampNanos) + 3;
        return Math.max(sizeBytes, numbers);
    }

    /** The most bytes {@link #encode} can write for this size. */
    static int maxEncodedBytes(int sizeBytes) {
        // marker, three numbers of up to 20 characters, three separators, newline
        return Math.max(sizeBytes, MARKER.length + 3 * 20 + 3) + 1;
    }

    private static int digits(long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /** Writes a non-negative number in decimal, digits placed from the right (no String). */
    static void putDecimal(ByteBuffer out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("payload numbers are never negative, got " + value);
        }
        int end = out.position() + digits(value);
        long rest = value;
        for (int i = end - 1; i >= out.position(); i--) {
            out.put(i, (byte) ('0' + rest % 10));
            rest /= 10;
        }
        out.position(end);
    }
}
