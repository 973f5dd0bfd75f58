package chat.server.chat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A user whose output is recorded instead of sent: the chat's tests see exactly the frames a
 * connection would have queued, and whether they are the same arrays, without any socket.
 */
final class Recorder implements Outbox {

    final List<byte[]> frames = new ArrayList<>();
    String closedWhy;
    final User user;

    Recorder(long id, String nick) {
        this.user = new User(id, nick, new InetSocketAddress("127.0.0.1", 40000 + (int) id), this);
    }

    @Override
    public void deliver(byte[] frame) {
        frames.add(frame);
    }

    @Override
    public void closeAfterOutput(String why) {
        closedWhy = why;
    }

    /** Every line received so far, without line ends. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (byte[] frame : frames) {
            for (String line : new String(frame, StandardCharsets.UTF_8).split("\r\n")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The last line received. */
    String last() {
        List<String> lines = lines();
        return lines.get(lines.size() - 1);
    }

    void clear() {
        frames.clear();
    }
}
