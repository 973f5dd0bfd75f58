package chat.server;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

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
    /** {@code nick + ": "} in UTF-8, made on the first plain line and dropped on a rename. */
    private byte[] chatPrefix;

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

    @Override
    public String nick() {
        return nick;
    }

    void rename(String newNick) {
        nick = newNick;
        chatPrefix = null;
    }

    /**
     * The chat line {@code nick: text} with its CR LF, as one array: {@code text} is a plain
     * line as received ({@link chat.core.Protocol#isPlainChat}), copied once, never decoded.
     */
    byte[] chatFrame(byte[] text, int offset, int length) {
        if (chatPrefix == null) {
            chatPrefix = (nick + ": ").getBytes(StandardCharsets.UTF_8);
        }
        byte[] frame = new byte[chatPrefix.length + length + 2];
        System.arraycopy(chatPrefix, 0, frame, 0, chatPrefix.length);
        System.arraycopy(text, offset, frame, chatPrefix.length, length);
        frame[frame.length - 2] = '\r';
        frame[frame.length - 1] = '\n';
        return frame;
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
