package chat.server;

import java.net.SocketAddress;

/**
 * A connected person as the chat sees them: an id, a nickname, a room. The transport behind
 * them is an {@link Outbox}.
 *
 * <p>Reactor thread only. {@code room} is null only before joining the lobby and after leaving.
 */
final class User implements Member {

    private final long id;
    /** Where the user connects from. */
    private final SocketAddress address;
    /** When the connection was accepted (epoch milliseconds). */
    private final long connectedAtMillis;
    private final Outbox outbox;
    /** Current nickname; unique ignoring case among connected users. */
    private String nick;
    /** The room the user is in; null once the user has left the chat. */
    private Room room;

    User(long id, String nick, SocketAddress address, Outbox outbox) {
        this.id = id;
        this.nick = nick;
        this.address = address;
        this.connectedAtMillis = System.currentTimeMillis();
        this.outbox = outbox;
    }

    SocketAddress address() {
        return address;
    }

    long connectedAtMillis() {
        return connectedAtMillis;
    }

    long id() {
        return id;
    }

    @Override
    public String nick() {
        return nick;
    }

    void rename(String newNick) {
        nick = newNick;
    }

    Room room() {
        return room;
    }

    void moveTo(Room newRoom) {
        room = newRoom;
    }

    Outbox outbox() {
        return outbox;
    }

    @Override
    public void deliver(byte[] frame) {
        outbox.deliver(frame);
    }

    @Override
    public String toString() {
        return "#" + id + " " + nick;
    }
}
