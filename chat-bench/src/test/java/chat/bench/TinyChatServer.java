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
 * gets its sender reset (RST), as a server kicks a user. Any thread may call close().
 */
final class TinyChatServer implements AutoCloseable {

    private final ServerSocket listener;
    private final List<OutputStream> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Predicate<String> drop;
    private final Predicate<String> kick;
    private final String greeting;

    /**
     * @param greeting what a newcomer gets after the welcome (a history line, say), or null
     * @param drop     lines to swallow instead of relaying
     * @param kick     lines whose sender is then reset
     */
    TinyChatServer(String greeting, Predicate<String> drop, Predicate<String> kick) throws IOException {
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.greeting = greeting;
        this.drop = drop;
        this.kick = kick;
        Thread acceptor = new Thread(this::acceptAll, "tiny-chat-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    TinyChatServer() throws IOException {
        this(null, line -> false, line -> false);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread reader = new Thread(() -> serve(socket), "tiny-chat-conn");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        String name = "user" + ids.incrementAndGet();
        OutputStream out = null;
        try (socket) {
            out = socket.getOutputStream();
            synchronized (out) {
                out.write(("*** Welcome, " + name + "!\r\n").getBytes(StandardCharsets.UTF_8));
                if (greeting != null) {
                    out.write((greeting + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            members.add(out);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (kick.test(line)) {
                    members.remove(out);
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
            members.remove(out);
        }
    }

    private void broadcast(byte[] line) {
        for (OutputStream member : members) {
            try {
                synchronized (member) {
                    member.write(line);
                    member.flush();
                }
            } catch (IOException gone) {
                members.remove(member);
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
