package chat.server;

import chat.core.Names;
import chat.core.Protocol;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A room: its members and its history. This is the one place where a line fans out to
 * members: every delivery to a room goes through {@link #fanOut}, so a bridge that shares rooms
 * between server processes has one place to hook in.
 *
 * <p>A room is <em>pressed</em> while any member is behind on its output ({@link User}); then
 * the members who speak wait, their unread lines held, until every member has caught up. So a
 * burst reaches every reader who reads, however fast it came, and nobody is dropped for it.
 *
 * <p>Reactor thread only. Invariant: a member appears at most once in {@code members};
 * {@code pressingMembers >= 0}.
 */
final class Room {

    private final String name;
    private final String key;
    /** Members in the order they entered; iterated for every line said. */
    private final ArrayList<Member> members = new ArrayList<>();
    private final RoomHistory history;
    /** Users in this room whose output is behind (see {@link User#setPressing}). */
    private int pressingMembers;
    /** Speakers waiting for {@code pressingMembers} to come back to 0. */
    private final WaitList speakers = new WaitList();

    Room(String name, int historyLines, int historyBytes, ZoneId zone) {
        this.name = name;
        this.key = Names.fold(name);
        this.history = new RoomHistory(historyLines, historyBytes, zone);
    }

    /** True while a member is behind: whoever speaks now must wait ({@link #awaitRelief}). */
    boolean isPressed() {
        return pressingMembers > 0;
    }

    void pressureChanged(int delta) {
        pressingMembers += delta;
        if (pressingMembers == 0) {
            speakers.wakeAll();
        }
    }

    /** {@code waiter} is woken once no member of the room is behind. */
    void awaitRelief(WaitList.Waiter waiter) {
        speakers.add(waiter);
    }

    /** The name as first written, without '#'. */
    String name() {
        return name;
    }

    /** The name as compared: case folded. */
    String key() {
        return key;
    }

    int size() {
        return members.size();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** Members' nicknames, sorted ignoring case. */
    List<String> nicks() {
        List<String> nicks = new ArrayList<>(members.size());
        for (Member member : members) {
            nicks.add(member.nick());
        }
        nicks.sort(String.CASE_INSENSITIVE_ORDER);
        return nicks;
    }

    /**
     * Lets {@code member} in: it first receives the room's history, then the others are told
     * it joined (it never receives its own arrival notice), then it gets live traffic.
     */
    void enter(Member member) {
        history.replayTo(member);
        fanOut(Protocol.frame(Protocol.joined(member.nick(), name)));
        members.add(member);
    }

    /** Takes {@code member} out and tells the rest why (a reason such as {@code quit: bye}). */
    void leave(Member member, String why) {
        members.remove(member);
        fanOut(Protocol.frame(Protocol.left(member.nick(), name, why)));
    }

    /** Takes {@code member} out without telling anyone (the server is shutting down). */
    void leaveQuietly(Member member) {
        members.remove(member);
    }

    /** A chat or action line, encoded with its CR LF: to every member, the sayer included, and into the history. */
    void say(byte[] frame) {
        fanOut(frame);
        history.add(System.currentTimeMillis(), frame);
    }

    /** A notice to every member. */
    void announce(String line) {
        fanOut(Protocol.frame(line));
    }

    /**
     * Delivers {@code frame}, encoded once, to every member. A newcomer is left out of its own
     * arrival notice by {@link #enter} announcing it before adding it, not by a test per delivery.
     */
    private void fanOut(byte[] frame) {
        for (int i = 0, n = members.size(); i < n; i++) {
            members.get(i).deliver(frame);
        }
    }
}
