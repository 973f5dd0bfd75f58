package chat.server.chat;

import chat.core.Event;
import chat.core.Event.RoomEvent;
import chat.core.Names;
import chat.core.TaggedFrame;
import chat.core.Wire;
import chat.server.bus.Directory;
import chat.server.bus.Member;
import chat.server.loop.WaitList;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    /** This user's input waiting for its {@code /nick} to be settled; null while none is pending. */
    private WaitList renaming;
    /** A pressing user this user's last private message went to; the sender waits on it. */
    private User pressedTarget;
    /** True once the user has left the chat (or its connection closed), even before it was in a room. */
    private boolean gone;
    /** When the user last said a line, epoch milliseconds; its connection time until then. */
    private long spokeAtMillis;
    /** The away message and since when; null while the user is not away. */
    private Directory.Away away;
    /** The start of this user's last away period: each new one starts later, so they tell apart. */
    private long lastAwaySinceMillis;
    /**
     * Those whose lines and private messages this user does not want (/ignore), folded name →
     * name as shown; null while empty (the common case, which fan-out then skips at the cost of
     * one null check). At most {@link #MAX_IGNORED}. While non-null, the user's room counts it
     * among its ignorers.
     */
    private Map<String, String> ignored;
    /** True while the user asked for tagged lines (/tags on); while true, its room counts it among its tagged members. */
    private boolean tagged;
    /** Folded name → the away period (its start) whose message this user was already told, for /msg. */
    private Map<String, Long> awayToldOf;
    /** The operator this connection became with /oper (the operators file's name); null if none. */
    private String operator;

    /** Names one user may ignore at once. */
    static final int MAX_IGNORED = 100;
    /** Away periods of others one user remembers being told of; past it, it starts afresh. */
    private static final int MAX_AWAY_REMEMBERED = 100;

    public User(long id, String nick, SocketAddress address, Outbox outbox) {
        this.id = id;
        this.nick = nick;
        this.address = address;
        this.connectedAtMillis = System.currentTimeMillis();
        this.spokeAtMillis = connectedAtMillis;
        this.outbox = outbox;
    }

    public SocketAddress address() {
        return address;
    }

    @Override
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
        if (ignored != null && room != null) {
            room.ignorersChanged(-1);
        }
        if (tagged && room != null) {
            room.taggedChanged(-1);
        }
        room = newRoom;
        if (tagged && room != null) {
            room.taggedChanged(+1);
        }
        if (pressing && room != null) {
            room.pressureChanged(+1);
        }
        if (ignored != null && room != null) {
            room.ignorersChanged(+1);
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
        if (renaming != null) {
            renaming.add(waiter);
            return true;
        }
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

    /**
     * A {@code /nick} went to the directory, whose answer may come later (a cluster's is a round
     * trip to Redis): this user's next lines wait for it, so that they go out under the name it
     * settles, in the order they were typed.
     */
    void renameAsked() {
        if (renaming == null) {
            renaming = new WaitList();
        }
    }

    /** The directory answered the {@code /nick} (or was given up on): the lines held go on. */
    void renameSettled() {
        WaitList held = renaming;
        renaming = null;
        if (held != null) {
            held.wakeAll();
        }
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

    // Issue 13 §2: idle time, away, ignore.

    @Override
    public long spokeAtMillis() {
        return spokeAtMillis;
    }

    void spoke(long atMillis) {
        spokeAtMillis = atMillis;
    }

    @Override
    public Directory.Away away() {
        return away;
    }

    /** Marks the user away with {@code message} from {@code atMillis}; an empty message: back. */
    void setAway(String message, long atMillis) {
        // A period is known by its start, so two set within one millisecond still differ.
        long since = Math.max(atMillis, lastAwaySinceMillis + 1);
        away = message.isEmpty() ? null : new Directory.Away(message, since);
        if (away != null) {
            lastAwaySinceMillis = since;
        }
    }

    /**
     * True the first time in {@code period} (an away period of the user called {@code nick})
     * that this user is to be told the away message: once per period, so a conversation is not
     * spammed with it. Bounded: past {@code MAX_AWAY_REMEMBERED} names remembered, it starts afresh.
     */
    boolean firstToldOfAway(String nick, Directory.Away period) {
        if (awayToldOf == null) {
            awayToldOf = new HashMap<>();
        } else if (awayToldOf.size() >= MAX_AWAY_REMEMBERED && !awayToldOf.containsKey(Names.fold(nick))) {
            awayToldOf.clear();
        }
        Long told = awayToldOf.put(Names.fold(nick), period.sinceMillis());
        return told == null || told != period.sinceMillis();
    }

    @Override
    public boolean ignores(String nick) {
        return ignored != null && ignored.containsKey(Names.fold(nick));
    }

    /** The names ignored, as they were shown when ignored, sorted ignoring case; empty if none. */
    List<String> ignored() {
        if (ignored == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(ignored.values());
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** Ignores {@code nick}; false if the list is full ({@link #MAX_IGNORED}). */
    boolean ignore(String nick) {
        if (ignored == null) {
            ignored = new HashMap<>();
            if (room != null) {
                room.ignorersChanged(+1);
            }
        } else if (ignored.size() >= MAX_IGNORED) {
            return false;
        }
        ignored.put(Names.fold(nick), nick);
        return true;
    }

    /** The user called {@code old} is now called {@code now}: if this user ignored them, it still does. */
    void ignoredRenamed(String old, String now) {
        if (ignored != null && ignored.remove(Names.fold(old)) != null) {
            ignored.put(Names.fold(now), now);
        }
    }

    /** Hears {@code nick} again; false if it was not ignored. */
    boolean unignore(String nick) {
        if (ignored == null || ignored.remove(Names.fold(nick)) == null) {
            return false;
        }
        if (ignored.isEmpty()) {
            ignored = null;
            if (room != null) {
                room.ignorersChanged(-1);
            }
        }
        return true;
    }

    // Issue 14 §3: operators.

    /** The operator name this connection became with /oper; null if it is not an operator. */
    String operator() {
        return operator;
    }

    void becomeOperator(String name) {
        operator = name;
    }

    // Issue 12 §3: tagged mode.

    @Override
    public boolean isTagged() {
        return tagged;
    }

    /** Turns tagged mode on or off; the room's count of tagged members follows. */
    void setTagged(boolean on) {
        if (tagged == on) {
            return;
        }
        tagged = on;
        if (room != null) {
            room.taggedChanged(on ? +1 : -1);
        }
    }

    /** {@code event}, a line for this user alone, plain or tagged (with the time of sending) as it asked. */
    @Override
    public void deliver(Event event) {
        byte[] plain = Wire.frame(event);
        outbox.deliver(tagged ? TaggedFrame.of(event, plain, System.currentTimeMillis()) : plain);
    }

    /** Several lines for this user alone ({@code /help}, {@code /whois}), queued as one frame. */
    void deliverAll(List<? extends Event> events) {
        long now = tagged ? System.currentTimeMillis() : 0;
        StringBuilder lines = new StringBuilder();
        for (Event event : events) {
            if (tagged) {
                lines.append(TaggedFrame.prefix(event, now));
            }
            lines.append(Wire.render(event)).append(Wire.LINE_END);
        }
        outbox.deliver(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A line replayed from history: {@code plain} is its shared replayed frame; tagged users get it with the line's own tags. */
    void deliverReplayed(RoomEvent said, byte[] plain) {
        outbox.deliver(tagged ? TaggedFrame.replayed(said, plain) : plain);
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
