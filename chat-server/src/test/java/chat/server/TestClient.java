package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blocking line client for tests, as nc would be. Every read waits at most {@link #TIMEOUT_MS}
 * (a socket timeout: a deadline, not a sleep); a failed expectation lists the lines seen.
 *
 * <p>Used by one test thread at a time.
 */
final class TestClient implements AutoCloseable {

    static final int TIMEOUT_MS = 10_000;
    private static final Pattern WELCOME = Pattern.compile("\\*\\*\\* Welcome, (\\S+)! .*");

    final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    /** Every line read so far, for failure messages. */
    private final List<String> seen = new ArrayList<>();
    /** The nickname from the welcome, if read through {@link #join}. */
    private String nick;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MS);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Connects without reading anything. */
    static TestClient connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        return new TestClient(socket);
    }

    /** Connects from the local address {@code from} (such as 127.0.0.2) without reading anything. */
    static TestClient connectFrom(String from, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        return new TestClient(socket);
    }

    /** Connects over TLS with {@code tls} (its trust decides what is accepted) and finishes the handshake. */
    static TestClient connectTls(int port, javax.net.ssl.SSLContext tls) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        javax.net.ssl.SSLSocket secure = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                .createSocket(socket, "127.0.0.1", port, true);
        secure.startHandshake();
        return new TestClient(secure);
    }

    /** As {@link #join}, over TLS. */
    static TestClient joinTls(int port, javax.net.ssl.SSLContext tls) throws IOException {
        return connectTls(port, tls).readWelcome();
    }

    /** Connects and reads the welcome line (and notes the default nickname it gives). */
    static TestClient join(int port) throws IOException {
        return connect(port).readWelcome();
    }

    /** As {@link #join}, connecting from the local address {@code from}. */
    static TestClient joinFrom(String from, int port) throws IOException {
        return connectFrom(from, port).readWelcome();
    }

    private TestClient readWelcome() throws IOException {
        TestClient client = this;
        String welcome = client.readLine();
        Matcher m = WELCOME.matcher(welcome);
        if (!m.matches()) {
            fail("expected a welcome, got: " + welcome);
        }
        client.nick = m.group(1);
        return client;
    }

    /** Every line read so far. */
    List<String> seenSoFar() {
        return List.copyOf(seen);
    }

    String nick() {
        return nick;
    }

    /** Sends {@code line} and LF. */
    TestClient send(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    TestClient sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next line; fails on timeout or end of stream. */
    String readLine() throws IOException {
        try {
            String line = in.readLine();
            if (line == null) {
                fail("connection closed; lines seen: " + seen);
            }
            seen.add(line);
            return line;
        } catch (SocketTimeoutException e) {
            fail("no line within " + TIMEOUT_MS + " ms; lines seen: " + seen);
            return null;
        }
    }

    /** Reads until a line equal to {@code line}; returns the lines before it. */
    List<String> readUntil(String line) throws IOException {
        return readUntil(line::equals, "\"" + line + "\"");
    }

    /** Reads until a line matching; returns the lines before it. */
    List<String> readUntil(Predicate<String> matching, String description) throws IOException {
        List<String> before = new ArrayList<>();
        while (true) {
            String next;
            try {
                next = in.readLine();
            } catch (SocketTimeoutException e) {
                fail("no line " + description + " within " + TIMEOUT_MS + " ms; lines seen: " + seen);
                return before;
            }
            if (next == null) {
                fail("connection closed before a line " + description + "; lines seen: " + seen);
            }
            seen.add(next);
            if (matching.test(next)) {
                return before;
            }
            before.add(next);
        }
    }

    /** Reads lines until one equals {@code line}; fails otherwise. */
    void expect(String line) throws IOException {
        readUntil(line);
    }

    /** As {@link #expect}, waiting up to {@code millis} instead of the usual deadline. */
    void expectWithin(String line, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            readUntil(line);
        } finally {
            socket.setSoTimeout(TIMEOUT_MS);
        }
    }

    /** Reads lines until one starts with {@code prefix}; returns it. */
    String expectStartingWith(String prefix) throws IOException {
        List<String> holder = new ArrayList<>();
        readUntil(l -> {
            if (l.startsWith(prefix)) {
                holder.add(l);
                return true;
            }
            return false;
        }, "starting with \"" + prefix + "\"");
        return holder.get(0);
    }

    /** The very next line must be {@code line}. */
    void expectNext(String line) throws IOException {
        assertEquals(line, readLine(), "lines seen: " + seen);
    }

    /** Reads until the server closes the connection; returns the lines read on the way. */
    List<String> readUntilClosed() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String next;
            try {
                next = in.readLine();
            } catch (SocketTimeoutException e) {
                fail("connection not closed within " + TIMEOUT_MS + " ms; lines seen: " + seen);
                return lines;
            } catch (IOException e) {
                return lines; // reset: closed too
            }
            if (next == null) {
                return lines;
            }
            seen.add(next);
            lines.add(next);
        }
    }

    /** Raw bytes as they arrive, up to {@code n} bytes or the deadline. */
    byte[] readBytes(int n) throws IOException {
        InputStream raw = socket.getInputStream();
        byte[] buffer = new byte[n];
        int got = 0;
        while (got < n) {
            int r = raw.read(buffer, got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return java.util.Arrays.copyOf(buffer, got);
    }

    /**
     * Reads raw bytes until they contain {@code pattern}; returns all read. Only for a client
     * whose lines are not read through {@link #readLine} (that reader buffers ahead).
     */
    byte[] readRawUntil(byte[] pattern) throws IOException {
        InputStream raw = socket.getInputStream();
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (indexOf(got.toByteArray(), pattern) < 0) {
            int r;
            try {
                r = raw.read(buffer);
            } catch (SocketTimeoutException e) {
                fail("no " + java.util.HexFormat.ofDelimiter(" ").formatHex(pattern) + " within " + TIMEOUT_MS
                        + " ms; got " + java.util.HexFormat.ofDelimiter(" ").formatHex(got.toByteArray()));
                return null;
            }
            if (r < 0) {
                fail("closed before " + java.util.HexFormat.ofDelimiter(" ").formatHex(pattern) + "; got "
                        + java.util.HexFormat.ofDelimiter(" ").formatHex(got.toByteArray()));
            }
            got.write(buffer, 0, r);
        }
        return got.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Closes with a reset (RST) instead of a FIN, as a crashed client would. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
