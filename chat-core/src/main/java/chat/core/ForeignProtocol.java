package chat.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognises a client that speaks something other than chat lines, from the first bytes it
 * sends, so it gets one clear line and a close instead of a stream of garbled messages:
 * a TLS handshake, an HTTP request, an SSH banner, or binary data.
 *
 * <p>Deliberately narrow: a person typing anything at all into telnet or nc, in any language or
 * legacy encoding, with stray control keys, is never taken for a foreign protocol. Stateless.
 */
public final class ForeignProtocol {

    /** Only this much of the first read is looked at. */
    static final int SNIFF_BYTES = 512;
    /** Control bytes a terminal user may plausibly send: TAB, LF, CR, ESC (arrow keys), BS, BEL, FF. */
    private static final String TYPED_CONTROLS = "\t\n\r\u001b\b\u0007\f";
    private static final String[] HTTP_METHODS = {
        "GET ", "HEAD ", "POST ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE ", "PRI "};
    private static final byte[] HTTP_VERSION = " HTTP/".getBytes(StandardCharsets.US_ASCII);

    private ForeignProtocol() {
    }

    /**
     * What to tell a client whose first bytes are {@code first} (position to limit, left
     * unchanged), if they are not chat; empty if they may be.
     */
    public static Optional<String> detect(ByteBuffer first) {
        int start = first.position();
        int length = Math.min(first.remaining(), SNIFF_BYTES);
        if (length == 0 || (first.get(start) & 0xFF) == TelnetFilter.IAC) {
            return Optional.empty(); // telnet negotiation comes first from some clients
        }
        if (isTlsHandshake(first)) {
            return Optional.of("This chat server speaks plain text, not TLS: connect with telnet or nc,"
                    + " without TLS.");
        }
        if (isHttpRequest(first, start, length)) {
            return Optional.of("This is a chat server, not a web server: connect with telnet or nc.");
        }
        if (startsWith(first, start, length, "SSH-")) {
            return Optional.of("This is a chat server, not an SSH server: connect with telnet or nc.");
        }
        if (looksBinary(first, start, length)) {
            return Optional.of("This is a text chat server and that looked like binary data:"
                    + " connect with telnet or nc and type lines.");
        }
        return Optional.empty();
    }

    /**
     * True if {@code first} (position to limit, left unchanged) starts as a TLS client does: a
     * handshake record (0x16) of some version 3.x (SSL 3.0 to TLS 1.3).
     */
    public static boolean isTlsHandshake(ByteBuffer first) {
        int start = first.position();
        return first.remaining() >= 2 && first.get(start) == 0x16 && first.get(start + 1) == 0x03;
    }

    /** A request line: a method, a space, a target, then " HTTP/" before the first line end. */
    private static boolean isHttpRequest(ByteBuffer in, int start, int length) {
        for (String method : HTTP_METHODS) {
            if (startsWith(in, start, length, method)) {
                for (int i = start + method.length(); i + HTTP_VERSION.length <= start + length; i++) {
                    byte b = in.get(i);
                    if (b == '\n') {
                        return false;
                    }
                    if (b == ' ' && matchesAt(in, i, HTTP_VERSION)) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    private static boolean startsWith(ByteBuffer in, int start, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (in.get(start + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAt(ByteBuffer in, int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (in.get(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A NUL not after a CR (telnet's CR NUL), or several control bytes no keyboard sends.
     * Telnet commands are skipped. Text in a legacy encoding (Latin-1, GBK) is not binary: it
     * has no control bytes, however little of it is valid UTF-8.
     */
    private static boolean looksBinary(ByteBuffer in, int start, int length) {
        int controls = 0;
        for (int i = start, end = start + length; i < end; i++) {
            int b = in.get(i) & 0xFF;
            if (b == TelnetFilter.IAC && i + 1 < end) {
                int command = in.get(i + 1) & 0xFF;
                i += command >= TelnetFilter.WILL && command < TelnetFilter.IAC ? 2 : 1;
                continue;
            }
            if (b == 0 && (i == start || in.get(i - 1) != '\r')) {
                return true;
            }
            if (b < 0x20 && b != 0 && TYPED_CONTROLS.indexOf(b) < 0) {
                controls++;
            }
        }
        return controls >= 4;
    }
}
