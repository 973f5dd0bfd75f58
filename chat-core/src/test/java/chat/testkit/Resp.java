package chat.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Just enough of RESP, Redis's wire protocol (version 2), for a test to talk to a real Redis
 * without a client library: a command goes out as an array of bulk strings, and a reply comes
 * back as one of the five RESP2 types.
 *
 * <p>Replies map to Java as: simple string and bulk string to {@link String} (UTF-8), integer to
 * {@link Long}, array to {@code List<Object>} of these, nil bulk string and nil array to
 * {@code null}, and an error to an {@link Error} value. Errors are values, not exceptions, so
 * that an error inside an array (a failed command in EXEC's reply) keeps its place, and a test
 * can {@code assertEquals} on a refusal as on any other reply.
 *
 * <p>Stateless; safe from any thread. Nothing here buffers ahead of a reply's end, but callers
 * should pass a buffered stream: the decoder reads byte by byte.
 */
public final class Resp {

    /** An error reply, such as {@code ERR unknown command} or {@code NOAUTH Authentication required.} */
    public record Error(String message) {
        public Error {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A reply line longer than this is not a reply a test expects: stop instead of eating memory. */
    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private Resp() {
    }

    /** The command {@code args} as RESP: {@code *N}, then {@code $len} and the bytes of each argument. */
    public static byte[] encode(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("a command needs at least its name");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLine(out, "*" + args.length);
        for (String arg : args) {
            byte[] bytes = Objects.requireNonNull(arg, "argument").getBytes(StandardCharsets.UTF_8);
            writeLine(out, "$" + bytes.length);
            out.writeBytes(bytes);
            out.writeBytes(CRLF);
        }
        return out.toByteArray();
    }

    /**
     * Reads exactly one reply from {@code in}, arrays with all their elements.
     *
     * @throws EOFException if the stream ends inside the reply (Redis went away)
     * @throws IOException  if what arrives is not RESP2
     */
    public static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the connection closed before a reply");
        }
        String line = readLine(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> new Error(line);
            case ':' -> parseLong(line);
            case '$' -> readBulk(in, (int) parseLong(line));
            case '*' -> readArray(in, (int) parseLong(line));
            default -> throw new IOException("not a RESP reply: starts with " + describe(type) + " then '" + line + "'");
        };
    }

    private static String readBulk(InputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the connection closed inside a bulk string");
        }
        if (in.read() != '\r' || in.read() != '\n') {
            throw new IOException("a bulk string of " + length + " bytes does not end with CR LF");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<Object> readArray(InputStream in, int count) throws IOException {
        if (count < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(read(in));
        }
        return items;
    }

    /** The rest of a line, without its CR LF. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed inside a reply line");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("a CR not followed by LF in a reply line");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new IOException("a reply line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    private static long parseLong(String text) throws IOException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("not a RESP number: '" + text + "'", e);
        }
    }

    private static String describe(int type) {
        return type >= 0x20 && type < 0x7f ? "'" + (char) type + "'" : String.format("0x%02x", type);
    }

    private static void writeLine(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(CRLF);
    }
}
