package chat.server.chat;

import chat.server.bus.Member;
import chat.server.loop.WaitList;
import java.net.SocketAddress;

/**
 * A connected person as the chat sees them: an id, a nickname, a room. The transport behind
 * them is an {@link Outbox}.
 *
 * <p>A user is <em>pressing</em> while its connection has more output queued than it should
 * (see {@code chat.server.net.Output}): it is reading, but behind. Its room counts pressing members, and
 * producers wait until none is left ({@link Room#isPressed}); senders of private messages to it
 * wait on the user itself ({@link #awaitRelief}).
 *
 * <p>Reactor thread only. {@code room} is null only before joining the lobby and after leaving.
 * Invariant: a room's count of pressing members is the number of users whose {@code room} is
 * that room and whose {@code pressing} is true; {@link #moveTo} and {@link #setPressing} keep it.
 */
public final class User implements Member {

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
    /** True while this user's output is behind: producers wait for it. */
    private boolean pressing;
    /** Senders of private messages to this user, waiting for it to catch up. */
    private final WaitList relief = new WaitList();
    /** A pressing user this user's last private message went to; the sender waits on it. */
    private User pressedTarget;
    /** True once the user has left the chat (or its connection closed), even before it was in a room. */
    private boolean gone;

    public User(long id, String nick, SocketAddress address, Outbox outbox) {
        this.id = id;
        this.nick = nick;
        this.address = address;
        this.connectedAtMillis = System.currentTimeMillis();
        this.outbox = outbox;
    }

    public SocketAddress address() {
        return address;
    }

    public long connectedAtMillis() {
        return connectedAtMillis;
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

    /** The user's id, unique in this process. */
    @Override
    public long id() {
        return id;
    }

    boolean isGone() {
        return gone;
    }

    void markGone() {
        gone = true;
    }

    void moveTo(Room newRoom) {
        if (pressing && room != null) {
            room.pressureChanged(-1);
        }
        room = newRoom;
        if (pressing && room != null) {
            room.pressureChanged(+1);
        }
    }

    boolean isPressing() {
        return pressing;
    }

    /** Its connection says the user fell behind, or caught up; the room's count follows. */
    public void setPressing(boolean on) {
        if (pressing == on) {
            return;
        }
        pressing = on;
        if (room != null) {
            room.pressureChanged(on ? +1 : -1);
        }
        if (!on) {
            relief.wakeAll();
        }
    }

    /**
     * True if this user's next line must wait for someone else's output to drain: a member of
     * its room is behind, or the user its last private message went to is; then {@code waiter}
     * is woken once they have caught up.
     */
    public boolean holdsBack(WaitList.Waiter waiter) {
        if (room != null && room.isPressed()) {
            room.awaitRelief(waiter);
            return true;
        }
        User target = takePressedTarget();
        if (target != null) {
            target.relief.add(waiter);
            return true;
        }
        return false;
    }

    /** This user sent a private message to {@code target}, which is behind: wait for it. */
    void pressedBy(User target) {
        pressedTarget = target;
    }

    /** The pressing user this one must wait for, if any; cleared by asking. */
    private User takePressedTarget() {
        User target = pressedTarget;
        pressedTarget = null;
        return target != null && target.pressing ? target : null;
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
