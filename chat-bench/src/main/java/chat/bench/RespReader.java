package chat.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a Redis connection's input into RESP2 values, just the few a pub/sub client meets: a
 * pushed message ({@code *3 $7 message $ CHANNEL $ PAYLOAD}), a subscribe confirmation ({@code
 * *3 $9 subscribe $ CHANNEL :COUNT}), integer and simple replies ({@code :10} to a PUBLISH,
 * {@code +PONG}) and errors. Each top-level value is one frame; a message's payload is its text.
 * An error reply ends the connection, with Redis's own words.
 *
 * <p>A value may arrive split anywhere, over any number of reads: a header line ({@code *3},
 * {@code $64}, {@code :10}) is kept aside until its LF arrives, and a bulk string until all its
 * bytes and CR LF have; one that lies whole within a read is handed over in place, uncopied.
 *
 * <p>Invariants: {@code bulkBytes} is -1 exactly while a header line is awaited; {@code
 * partialLength} bytes of {@code partial} hold the unfinished header line or bulk string (CR LF
 * included once they arrive), 0 between values; {@code elementsLeft} is 0 at the top level.
 * One per connection; its event loop's thread only.
 */
final class RespReader implements Inbound {

    /** A header line longer than this is not one of the values above. */
    static final int MAX_HEADER_BYTES = 64;
    /** A bulk string longer than this is not one of ours (a measured line is at most 4 KiB). */
    static final int MAX_BULK_BYTES = 64 * 1024;
    /** A kept buffer bigger than this is dropped once its value completes, so idle connections stay small. */
    private static final int KEPT_PARTIAL_BYTES = 1024;

    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** What the array being read is, once its first element says. */
    private enum Kind { MESSAGE, OTHER }

    /** The unfinished header line or bulk string, across reads; null when none is kept. */
    private byte[] partial;
    /** Bytes of {@link #partial} in use. */
    private int partialLength;
    /** Length of the bulk string being read, CR LF not counted; -1 while a header line is awaited. */
    private int bulkBytes = -1;
    /** Elements still to come in the top-level array being read; 0 at the top level. */
    private int elementsLeft;
    /** Index of the next element of that array. */
    private int element;
    /** What that array is; meaningful from its second element on. */
    private Kind kind = Kind.OTHER;

    @Override
    public void feed(ByteBuffer in, Receiver receiver) throws IOException {
        byte[] bytes = in.array();
        int at = in.arrayOffset() + in.position();
        int end = in.arrayOffset() + in.limit();
        while (at < end) {
            at = bulkBytes < 0 ? header(bytes, at, end, receiver) : bulk(bytes, at, end, receiver);
        }
        in.position(in.limit());
    }

    /** Reads a header line from {@code at}, or keeps what there is of it; returns where reading goes on. */
    private int header(byte[] bytes, int at, int end, Receiver receiver) throws IOException {
        int lf = indexOf(bytes, at, end, LF);
        if (lf < 0) {
            keep(bytes, at, end, MAX_HEADER_BYTES, "a RESP header line");
            return end;
        }
        if (partialLength == 0) {
            onHeader(bytes, at, lf + 1, receiver);
        } else {
            keep(bytes, at, lf + 1, MAX_HEADER_BYTES, "a RESP header line");
            int length = partialLength;
            partialLength = 0;
            onHeader(partial, 0, length, receiver);
            release();
        }
        return lf + 1;
    }

    /** Reads (the rest of) a bulk string from {@code at}; returns where reading goes on. */
    private int bulk(byte[] bytes, int at, int end, Receiver receiver) throws IOException {
        int whole = bulkBytes + 2;
        if (partialLength == 0 && end - at >= whole) {
            // The common case: the whole string within this read, handed over in place.
            requireCrLf(bytes, at + bulkBytes);
            bulkBytes = -1;
            onValue(bytes, at, at + whole - 2, receiver);
            return at + whole;
        }
        int take = Math.min(whole - partialLength, end - at);
        keep(bytes, at, at + take, MAX_BULK_BYTES + 2, "a RESP bulk string");
        if (partialLength == whole) {
            requireCrLf(partial, whole - 2);
            bulkBytes = -1;
            partialLength = 0;
            onValue(partial, 0, whole - 2, receiver);
            release();
        }
        return at + take;
    }

    /** One header line, {@code bytes[from, to)}, CR LF included. */
    private void onHeader(byte[] bytes, int from, int to, Receiver receiver) throws IOException {
        if (to - from < 3 || bytes[to - 2] != CR) {
            throw notResp(bytes, from, to);
        }
        byte type = bytes[from];
        switch (type) {
            case '*' -> {
                if (elementsLeft > 0) {
                    throw new IOException("Redis sent a nested array, which a pub/sub client does not expect");
                }
                long count = number(bytes, from + 1, to - 2);
                if (count <= 0) {
                    receiver.onFrame(); // an empty or null array: a whole value already
                } else {
                    elementsLeft = (int) Math.min(count, Integer.MAX_VALUE);
                    element = 0;
                    kind = Kind.OTHER;
                }
            }
            case '$' -> {
                long length = number(bytes, from + 1, to - 2);
                if (length > MAX_BULK_BYTES) {
                    throw new IOException("Redis sent a bulk string of " + length + " bytes, more than a measured line");
                }
                if (length < 0) {
                    onValue(null, 0, 0, receiver); // a null bulk string
                } else {
                    bulkBytes = (int) length;
                }
            }
            case ':', '+' -> onValue(null, 0, 0, receiver);
            case '-' -> throw new IOException("Redis answered " + new String(bytes, from + 1, to - from - 3,
                    StandardCharsets.UTF_8));
            default -> throw notResp(bytes, from, to);
        }
    }

    /**
     * One value, a bulk string's {@code bytes[from, to)} or null for any other: at the top
     * level a frame; in an array, its next element.
     */
    private void onValue(byte[] bytes, int from, int to, Receiver receiver) {
        if (elementsLeft == 0) {
            receiver.onFrame();
            return;
        }
        if (element == 0) {
            kind = bytes != null && equals(bytes, from, to, MESSAGE) ? Kind.MESSAGE : Kind.OTHER;
        } else if (element == 2 && kind == Kind.MESSAGE && bytes != null) {
            receiver.onText(bytes, from, to);
        }
        element++;
        if (--elementsLeft == 0) {
            receiver.onFrame();
        }
    }

    /** Appends {@code bytes[from, to)} to {@link #partial}, which may hold at most {@code limit} bytes. */
    private void keep(byte[] bytes, int from, int to, int limit, String what) throws IOException {
        int needed = partialLength + (to - from);
        if (needed > limit) {
            throw new IOException("Redis sent " + what + " longer than " + limit + " bytes");
        }
        if (partial == null || partial.length < needed) {
            int size = partial == null ? Math.max(MAX_HEADER_BYTES, needed) : Math.max(partial.length * 2, needed);
            byte[] grown = new byte[Math.min(size, limit)];
            if (partialLength > 0) {
                System.arraycopy(partial, 0, grown, 0, partialLength);
            }
            partial = grown;
        }
        System.arraycopy(bytes, from, partial, partialLength, to - from);
        partialLength = needed;
    }

    /** Drops a big kept buffer once its value is done. */
    private void release() {
        if (partial != null && partial.length > KEPT_PARTIAL_BYTES) {
            partial = null;
        }
    }

    private static void requireCrLf(byte[] bytes, int at) throws IOException {
        if (bytes[at] != CR || bytes[at + 1] != LF) {
            throw new IOException("Redis sent a bulk string not ended by CR LF");
        }
    }

    /** A decimal number, perhaps negative, in {@code bytes[from, to)}. */
    private static long number(byte[] bytes, int from, int to) throws IOException {
        boolean negative = from < to && bytes[from] == '-';
        int i = negative ? from + 1 : from;
        if (i >= to || to - i > 18) {
            throw notResp(bytes, from - 1, to + 2);
        }
        long value = 0;
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                throw notResp(bytes, from - 1, to + 2);
            }
            value = value * 10 + (b - '0');
        }
        return negative ? -value : value;
    }

    private static IOException notResp(byte[] bytes, int from, int to) {
        int shown = Math.min(to - from, 40);
        String text = new String(bytes, from, shown, StandardCharsets.US_ASCII).replace("\r", "\\r").replace("\n", "\\n");
        return new IOException("the server does not speak RESP (it sent '" + text + "')");
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean equals(byte[] bytes, int from, int to, byte[] expected) {
        if (to - from != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[from + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
