package chat.server.bus;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Who is in the chat: which names are taken, who is in which room, how many, and where a
 * private message goes. The chat asks only this, never its own maps, so that a directory kept
 * in a broker can make one chat of several processes without the chat changing.
 *
 * <p>Answers come through callbacks because a shared directory answers after a round trip;
 * {@link LocalDirectory} answers at once, within the call. A query that cannot be answered
 * (the broker is unreachable) says so through {@code unavailable}, with a one-line reason. Names are compared folded
 * ({@link chat.core.Names#fold}: case and look-alikes ignored); rooms by their folded key.
 *
 * <p>Reactor thread only, callbacks included.
 */
public interface Directory {

    /** A room and how many are in it. */
    record RoomCount(String room, int members) {
    }

    /** Someone's away message, and since when (epoch milliseconds): one away period. */
    record Away(String message, long sinceMillis) {
    }

    /**
     * What /whois shows of someone: the name, the room (as shown; "" if between rooms), when they
     * connected and last said a line (epoch milliseconds), and their away message (null if not away).
     */
    record Profile(String nick, String room, long connectedAtMillis, long spokeAtMillis, Away away) {
    }

    /** A newcomer's default name ({@code userN}, N unique in the whole chat), taken for it. */
    void newcomer(Member member, Consumer<String> named);

    /** {@code member} changes name: true if {@code newNick} is now theirs and {@code oldNick} free. */
    void rename(Member member, String oldNick, String newNick, Consumer<Boolean> done);

    /**
     * The name the room {@code roomKey} is shown with in the whole chat: as first written, by
     * whoever created it, here or elsewhere; {@code typed} if it is new.
     */
    void roomName(String roomKey, String typed, Consumer<String> name);

    /** {@code member} entered the room {@code roomKey}, shown as {@code room}. */
    void entered(String roomKey, String room, Member member);

    /** {@code member} left the room. */
    void left(String roomKey, Member member);

    /** {@code member} left the chat: its name is free. */
    void release(String nick, Member member);

    /**
     * Who {@code member} is in this directory, as a string that says nothing else: kept with a
     * dropped session ({@link SessionStore.Dropped#owner}) so the session's next connection,
     * on any server, can {@link #reclaim} the name it still holds.
     */
    String ownerOf(Member member);

    /**
     * Renames {@code member} from {@code oldNick} to {@code nick} if the name is free, or held
     * by {@code owner} (a dropped session's user, whose name was kept for it), or by a server
     * that is gone; {@code done} says whether it was.
     */
    void reclaim(Member member, String oldNick, String nick, String owner, Consumer<Boolean> done);

    /** Whoever is called {@code nick}, in any room; null if no one. */
    void find(String nick, Consumer<Member> found, Consumer<String> unavailable);

    /** The names in a room, sorted ignoring case. */
    void who(String roomKey, Consumer<List<String>> nicks, Consumer<String> unavailable);

    /** How many are in a room (0 if it does not exist). */
    void count(String roomKey, IntConsumer members);

    /** Every room and its count, sorted by key; the lobby always. */
    void rooms(Consumer<List<RoomCount>> rooms, Consumer<String> unavailable);

    // Issue 13 §2: /whois, /away. The member itself keeps its own fields; a directory shared
    // between servers writes them where the other servers can read them.

    /** {@code member} said a line at {@code atMillis} (its {@link Member#spokeAtMillis} already says so). */
    void spoke(Member member, long atMillis);

    /**
     * {@code member} went away or came back ({@link Member#away} already says which); {@code done}
     * runs once every server can see it (or, if the broker is away, once it will be written again
     * when it is back), so the member is told only what the others will see.
     */
    void awayChanged(Member member, Runnable done);

    /** What /whois shows of whoever is called {@code nick}, in any room; null if no one. */
    void whois(String nick, Consumer<Profile> found, Consumer<String> unavailable);

    /** The names (as shown) of those in the room {@code roomKey} who are away. */
    void awayIn(String roomKey, Consumer<Set<String>> nicks, Consumer<String> unavailable);
}
