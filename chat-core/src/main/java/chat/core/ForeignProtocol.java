package chat.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

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
    private static final Pattern HTTP_REQUEST = Pattern.compile(
            "(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH|CONNECT|TRACE|PRI) \\S+ HTTP/\\d.*", Pattern.DOTALL);

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
        byte[] head = new byte[length];
        first.get(start, head);
        if (length >= 2 && head[0] == 0x16 && head[1] == 0x03) {
            return Optional.of("This chat server speaks plain text, not TLS: connect with telnet or nc,"
                    + " without TLS.");
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (HTTP_REQUEST.matcher(text).matches()) {
            return Optional.of("This is a chat server, not a web server: connect with telnet or nc.");
        }
        if (text.startsWith("SSH-")) {
            return Optional.of("This is a chat server, not an SSH server: connect with telnet or nc.");
        }
        if (looksBinary(head)) {
            return Optional.of("This is a text chat server and that looked like binary data:"
                    + " connect with telnet or nc and type lines.");
        }
        return Optional.empty();
    }

    /**
     * A NUL not after a CR (telnet's CR NUL), or several control bytes no keyboard sends.
     * Telnet commands are skipped. Text in a legacy encoding (Latin-1, GBK) is not binary: it
     * has no control bytes, however little of it is valid UTF-8.
     */
    private static boolean looksBinary(byte[] head) {
        int controls = 0;
        for (int i = 0; i < head.length; i++) {
            int b = head[i] & 0xFF;
            if (b == TelnetFilter.IAC && i + 1 < head.length) {
                int command = head[i + 1] & 0xFF;
                i += command >= TelnetFilter.WILL && command < TelnetFilter.IAC ? 2 : 1;
                continue;
            }
            if (b == 0 && (i == 0 || head[i - 1] != '\r')) {
                return true;
            }
            if (b < 0x20 && b != 0 && TYPED_CONTROLS.indexOf(b) < 0) {
                controls++;
            }
        }
        return controls >= 4;
    }
}
