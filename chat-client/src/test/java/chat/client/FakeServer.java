package chat.client;

import chat.core.Event;
import chat.core.Event.RoomList.RoomCount;
import chat.core.Names;
import chat.core.Wire;
import chat.testkit.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the chat server in tests, on loopback: enough of docs/protocol.md for the
 * client (welcome, chat, /nick, /who, /rooms, /join, /msg, /quit, joins and leaves, closing
 * after the client half-closes), every line an {@link Event} rendered by chat-core's
 * {@link Wire}. Unlike the real server it relays text unsanitised, as a hostile server would.
 *
 * <p>Besides real connections it holds "ghosts": members with no socket, moved by the test
 * ({@link #ghost}, {@link #ghostSays}, ...) so the client sees others come, go and rename.
 *
 * <p>Threads: one accept thread and one thread per connection; all room state is changed under
 * the server's lock, so every member sees the same order. What each connection sent is recorded
 * in a thread-safe list.
 */
final class FakeServer implements AutoCloseable {

    /** One member: a real connection, or a ghost (no socket) the test moves. */
    final class Member {
        /** Shown name; changed by /nick; guarded by the server's lock. */
        String nick;
        /** Room without '#'; guarded by the server's lock. */
        String room = Names.LOBBY;
        /** Every line this connection sent, in order. */
        final List<String> received = new CopyOnWriteArrayList<>();
        private final Socket socket;

        Member(String nick, Socket socket) {
            this.nick = nick;
            this.socket = socket;
        }

        /** The lines received, without the ones the client sends for itself (/who, /rooms, /token, /tags on, /ping lag-N). */
        List<String> typed() {
            List<String> typed = new ArrayList<>(received);
            typed.removeIf(line -> line.equals("/who") || line.equals("/rooms") || line.equals("/token")
                    || line.equals("/tags on") || line.startsWith("/ping " + ChatSession.PING_MARK));
            return typed;
        }

        void send(String line) {
            if (socket == null) {
                return;
            }
            synchronized (this) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write((line + Wire.LINE_END).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException gone) {
                    // The client went away; its reading thread notices and removes it.
                    received.add("<send failed: " + gone.getMessage() + ">");
                }
            }
        }

        void close() {
            if (socket == null) {
                return;
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // A socket that fails to close is already dead, which is what closing wants.
            }
        }
    }

    private final ServerSocket listener;
    private final Thread accepter;
    /** Real connections in the order they came; never removed, so an index names one for good. */
    private final List<Member> connections = new CopyOnWriteArrayList<>();
    /** Every member, real and ghost, guarded by {@code this}. */
    private final List<Member> members = new ArrayList<>();
    /** The id of the next connection, for its default name userN; guarded by {@code this}. */
    private int nextId = 1;
    /** False: when a client half-closes, keep its connection open (a server that never closes). */
    private volatile boolean closeAtEndOfInput = true;

    private FakeServer(ServerSocket listener) {
        this.listener = listener;
        this.accepter = new Thread(this::accept, "fake-server-accept");
        accepter.setDaemon(true);
        accepter.start();
    }

    /** A server on a free loopback port. */
    static FakeServer start() throws IOException {
        return new FakeServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Where the client finds this server. */
    ServerAddress address() {
        return loopback(port());
    }

    /** {@code 127.0.0.1:port}, the loopback address the fake servers listen on. */
    static ServerAddress loopback(int port) {
        return new ServerAddress(InetAddress.getLoopbackAddress().getHostAddress(), port);
    }

    void closeAtEndOfInput(boolean close) {
        closeAtEndOfInput = close;
    }

    /** The {@code index}th connection (from 0), once it has arrived. */
    Member connection(int index) {
        Await.until(() -> connections.size() > index, "connection " + index + " to the fake server");
        return connections.get(index);
    }

    /** Waits until connection {@code index} has sent {@code line}. */
    void awaitReceived(int index, String line) {
        Member member = connection(index);
        Await.until(() -> member.received.contains(line), () -> "\"" + line + "\" at the fake server; got "
                + member.received);
    }

    /** Adds a member with no connection, in {@code room}, announced to that room. */
    synchronized void ghost(String nick, String room) {
        Member ghost = new Member(nick, null);
        ghost.room = room;
        members.add(ghost);
        toRoom(room, Wire.render(Event.RoomEvent.join(room, nick)), ghost);
    }

    synchronized void ghostSays(String nick, String text) {
        Member ghost = find(nick);
        toRoom(ghost.room, Wire.render(Event.RoomEvent.chat(ghost.room, ghost.nick, text)), null);
    }

    synchronized void ghostRenames(String nick, String newNick) {
        Member ghost = find(nick);
        toRoom(ghost.room, Wire.render(Event.RoomEvent.rename(ghost.room, ghost.nick, newNick)), null);
        ghost.nick = newNick;
    }

    synchronized void ghostJoins(String nick, String room) {
        move(find(nick), room);
    }

    /** Sends {@code line} as it is to every connection. */
    synchronized void broadcast(String line) {
        connections.forEach(member -> member.send(line));
    }

    /**
     * Goes away at once, as a crashed server would: no goodbye, every connection dropped.
     * Returns once the accept thread has left: a listener closed while a thread is blocked in
     * accept() is really closed only when that thread leaves.
     */
    @Override
    public void close() throws IOException {
        listener.close();
        connections.forEach(Member::close);
        try {
            accepter.join(Await.DEADLINE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = listener.accept();
                Member member;
                synchronized (this) {
                    member = new Member(Names.defaultNick(nextId++), socket);
                    members.add(member);
                    connections.add(member);
                    member.send(Wire.render(new Event.Welcome(member.nick, member.room, inRoom(member.room).size())));
                    toRoom(member.room, Wire.render(Event.RoomEvent.join(member.room, member.nick)), member);
                }
                Thread reader = new Thread(() -> serve(member), "fake-server-" + member.nick);
                reader.setDaemon(true);
                reader.start();
            }
        } catch (IOException closed) {
            // close() closed the listener: no more connections, which is the point.
            return;
        }
    }

    private void serve(Member member) {
        String why = "connection closed";
        try (BufferedReader in = new BufferedReader(new InputStreamReader(member.socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                member.received.add(line);
                if (!line.isBlank() && !handle(member, line)) {
                    return; // quit: handle() said goodbye and told the room
                }
            }
            if (!closeAtEndOfInput) {
                return; // keep the half-closed connection open, like a server that never closes
            }
        } catch (IOException broken) {
            why = "connection closed: " + broken.getMessage();
        }
        synchronized (this) {
            if (members.remove(member)) {
                toRoom(member.room, Wire.render(Event.RoomEvent.leave(member.room, member.nick, why)), member);
            }
        }
        member.close();
    }

    /** Carries out one line; false once the member has quit. */
    private synchronized boolean handle(Member member, String line) {
        if (!line.startsWith("/") || line.startsWith("//")) {
            String text = line.startsWith("//") ? line.substring(1) : line;
            toRoom(member.room, Wire.render(Event.RoomEvent.chat(member.room, member.nick, text)), null);
            return true;
        }
        String[] words = line.split(" ", 3);
        String command = words[0].toLowerCase();
        switch (command) {
            case "/nick" -> {
                String to = words.length > 1 ? words[1] : "";
                if (find(to) != null) {
                    member.send(Wire.render(new Event.Error("The name " + to + " is taken.")));
                } else {
                    toRoom(member.room, Wire.render(Event.RoomEvent.rename(member.room, member.nick, to)), null);
                    member.nick = to;
                }
            }
            case "/who", "/names" -> member.send(Wire.render(new Event.Who(member.room,
                    inRoom(member.room).stream().map(m -> m.nick).sorted(String.CASE_INSENSITIVE_ORDER).toList(), 0)));
            case "/rooms" -> {
                Map<String, Integer> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                members.forEach(m -> counts.merge(m.room, 1, Integer::sum));
                List<RoomCount> list = new ArrayList<>();
                counts.forEach((name, n) -> list.add(new RoomCount(name, n)));
                member.send(Wire.render(new Event.RoomList(list)));
            }
            case "/join" -> {
                String room = Names.stripHash(words.length > 1 ? words[1] : "");
                if (Names.fold(room).equals(Names.fold(member.room))) {
                    member.send(Wire.render(new Event.Error("You are already in #" + member.room + ".")));
                } else {
                    move(member, room);
                }
            }
            case "/msg" -> {
                Member to = words.length > 2 ? find(words[1]) : null;
                if (to == null) {
                    String name = words.length > 1 ? words[1] : "";
                    member.send(Wire.render(new Event.Error("No one called " + name + " is in the chat.")));
                } else {
                    to.send(Wire.render(new Event.PrivateFrom(member.nick, words[2])));
                    member.send(Wire.render(new Event.PrivateTo(to.nick, words[2])));
                }
            }
            case "/quit" -> {
                member.send(Wire.render(new Event.Goodbye(member.nick)));
                members.remove(member);
                String reason = words.length > 1 ? line.substring("/quit ".length()).strip() : "";
                toRoom(member.room, Wire.render(Event.RoomEvent.leave(member.room, member.nick,
                        reason.isEmpty() ? "quit" : "quit: " + reason)), member);
                member.close();
                return false;
            }
            default -> member.send(Wire.render(new Event.Error("Unknown command " + command + ".")));
        }
        return true;
    }

    private void move(Member member, String room) {
        toRoom(member.room, Wire.render(Event.RoomEvent.leave(member.room, member.nick, "moved to #" + room)), member);
        member.room = room;
        member.send(Wire.render(new Event.YouJoined(room, inRoom(room).size())));
        toRoom(room, Wire.render(Event.RoomEvent.join(room, member.nick)), member);
    }

    private List<Member> inRoom(String room) {
        return members.stream().filter(m -> Names.fold(m.room).equals(Names.fold(room))).toList();
    }

    private void toRoom(String room, String line, Member except) {
        inRoom(room).stream().filter(m -> m != except).forEach(m -> m.send(line));
    }

    private Member find(String nick) {
        return members.stream().filter(m -> Names.fold(m.nick).equals(Names.fold(nick))).findFirst().orElse(null);
    }
}
