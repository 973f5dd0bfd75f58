package chat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A chat room just big enough to test the generator against: welcome line, then every line
 * from anyone to everyone (sender included) as {@code userN: TEXT} with CR LF, like the real
 * server; a connection that ends is closed. A thread per connection, which is fine for a test's
 * handful. Lines {@code drop} accepts are swallowed, to make loss; a line {@code kick} accepts
 * gets its sender reset (RST), as a server kicks a user.
 *
 * <p>{@link #sharingRoomWith} makes a second server on a port of its own whose users are in the
 * first one's room, as servers sharing a room through Redis would be: a line said on either
 * reaches the users of both. Each server counts the connections it accepted and the lines its
 * own users said, so a test can see how a run was spread. Any thread may read the counts or
 * call close().
 */
final class TinyChatServer implements AutoCloseable {

    /** The users of one room, and the names handed out in it: one per room, however many servers. */
    private static final class Room {
        final List<OutputStream> members = new CopyOnWriteArrayList<>();
        final AtomicInteger ids = new AtomicInteger();
    }

    private final ServerSocket listener;
    private final Room room;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger linesHeard = new AtomicInteger();
    private final Predicate<String> drop;
    private final Predicate<String> kick;
    private final String greeting;

    /**
     * @param greeting what a newcomer gets after the welcome (a history line, say), or null
     * @param drop     lines to swallow instead of relaying
     * @param kick     lines whose sender is then reset
     */
    TinyChatServer(String greeting, Predicate<String> drop, Predicate<String> kick) throws IOException {
        this(new Room(), greeting, drop, kick);
    }

    TinyChatServer() throws IOException {
        this(null, line -> false, line -> false);
    }

    private TinyChatServer(Room room, String greeting, Predicate<String> drop, Predicate<String> kick) throws IOException {
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.room = room;
        this.greeting = greeting;
        this.drop = drop;
        this.kick = kick;
        Thread acceptor = new Thread(this::acceptAll, "tiny-chat-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Another server, on its own port, serving {@code first}'s room with the same rules. */
    static TinyChatServer sharingRoomWith(TinyChatServer first) throws IOException {
        return new TinyChatServer(first.room, first.greeting, first.drop, first.kick);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections this server has accepted. */
    int accepted() {
        return accepted.get();
    }

    /** Lines this server's own users have said (kicked or dropped ones included). */
    int linesHeard() {
        return linesHeard.get();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted.incrementAndGet();
                Thread reader = new Thread(() -> serve(socket), "tiny-chat-conn");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        String name = "user" + room.ids.incrementAndGet();
        OutputStream out = null;
        try (socket) {
            out = socket.getOutputStream();
            synchronized (out) {
                out.write(("*** Welcome, " + name + "!\r\n").getBytes(StandardCharsets.UTF_8));
                if (greeting != null) {
                    out.write((greeting + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            room.members.add(out);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                linesHeard.incrementAndGet();
                if (kick.test(line)) {
                    room.members.remove(out);
                    socket.setSoLinger(true, 0); // close with a reset, as a server kicking a user may
                    return;
                }
                if (!drop.test(line)) {
                    broadcast((name + ": " + line + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException gone) {
            // the client went away: forget it (below) and end this thread
        } finally {
            room.members.remove(out);
        }
    }

    private void broadcast(byte[] line) {
        for (OutputStream member : room.members) {
            try {
                synchronized (member) {
                    member.write(line);
                    member.flush();
                }
            } catch (IOException gone) {
                room.members.remove(member);
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
