package chat.client;

import chat.testkit.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A bare socket user, as with nc: sends lines, waits for a line with a deadline. */
final class LineUser implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    /** Every line read so far, for failure messages. */
    private final List<String> seen = new ArrayList<>();

    LineUser(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) Await.DEADLINE.toMillis());
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads lines until one that starts with {@code prefix} arrives, and returns it; fails as {@link #await}. */
    String awaitStart(String prefix) throws IOException {
        try {
            for (String got; (got = in.readLine()) != null; ) {
                seen.add(got);
                if (got.startsWith(prefix)) {
                    return got;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line starting \"" + prefix + "\" in time; saw " + seen, e);
        }
        throw new AssertionError("connection ended before \"" + prefix + "\"; saw " + seen);
    }

    /** Reads lines until {@code line} arrives; fails at the end of the stream or the deadline. */
    void await(String line) throws IOException {
        try {
            for (String got; (got = in.readLine()) != null; ) {
                seen.add(got);
                if (got.equals(line)) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no \"" + line + "\" in time; saw " + seen, e);
        }
        throw new AssertionError("connection ended before \"" + line + "\"; saw " + seen);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
