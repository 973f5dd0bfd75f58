package chat.server.chat;

import chat.core.Event;
import chat.core.Names;
import chat.core.Broadcast;
import chat.core.Event.RoomEvent;
import chat.server.bus.Member;
import chat.server.loop.WaitList;
import java.util.ArrayList;
import java.util.List;

/**
 * A room as this process holds it: the members connected here, and whether any of them is
 * behind. {@link #fanOut} is the one place a line fans out to members: an event that came back
 * from the room's bus, rendered once, the same array handed to every local member.
 *
 * <p>A room is <em>pressed</em> while any member is behind on its output ({@link User}); then
 * the members who speak wait, their unread lines held, until every member has caught up. So a
 * burst reaches every reader who reads, however fast it came, and nobody is dropped for it.
 *
 * <p>Reactor thread only. Invariant: a member appears at most once in {@code members};
 * {@code pressingMembers >= 0}; {@code ignoringMembers} is the number of users whose room is
 * this one and who ignore someone ({@link User#moveTo} and {@link User#ignore} keep it);
 * {@code taggedMembers} is the number of users whose room is this one and who asked for tagged
 * lines ({@link User#moveTo} and {@link User#setTagged} keep it).
 *
 * <p>Tagged mode costs nothing until someone asks for it: while {@code taggedMembers} is 0, an
 * event's one plain frame goes to everyone, as before; otherwise the tagged frame is rendered
 * the first time a tagged member needs it, once per event, and shared by all tagged members.
 */
final class Room {

    private final String name;
    private final String key;
    /** Members in the order they entered; iterated for every line said. */
    private final ArrayList<Member> members = new ArrayList<>();
    /** Users in this room whose output is behind (see {@link User#setPressing}). */
    private int pressingMembers;
    /** Speakers waiting for {@code pressingMembers} to come back to 0. */
    private final WaitList speakers = new WaitList();
    /** Users in this room who ignore someone (see {@link User#ignore}): while 0, lines fan out unfiltered. */
    private int ignoringMembers;
    /** The number of the last event fanned out here: where a member that drops now was. */
    private long lastSeq;
    /** Users in this room in tagged mode (see {@link User#setTagged}): while 0, nothing tagged is rendered. */
    private int taggedMembers;

    Room(String name) {
        this.name = name;
        this.key = Names.fold(name);
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

    /** The number of the room's last event its members here were sent; 0 before any. */
    long lastSeq() {
        return lastSeq;
    }

    void sent(long seq) {
        lastSeq = seq;
    }

    /** The name as first written, without '#'. */
    String name() {
        return name;
    }

    /** The name as compared: folded. */
    String key() {
        return key;
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    void add(Member member) {
        members.add(member);
    }

    /** Each member here, in the order they entered (moderation looks for whom a ban or kick covers). */
    void forEachMember(java.util.function.Consumer<Member> action) {
        members.forEach(action);
    }

    void remove(Member member) {
        members.remove(member);
    }

    /**
     * Delivers {@code event}, whose plain frame is {@code frame}, to every local member but the
     * one called {@code nick}: a join notice that came back from a shared bus must not reach the
     * newcomer itself, who is a member by then.
     */
    void fanOutExcept(Event event, byte[] frame, String nick) {
        if (taggedMembers > 0) {
            fanOutMixed(new Broadcast(event, frame), nick, null);
            return;
        }
        for (int i = 0, n = members.size(); i < n; i++) {
            Member member = members.get(i);
            if (!member.nick().equals(nick)) {
                member.deliver(frame);
            }
        }
    }

    void ignorersChanged(int delta) {
        ignoringMembers += delta;
    }

    /**
     * Delivers {@code event} (plain frame {@code frame}), a line said by {@code who}, to every
     * local member but those who ignore {@code who}. With nobody here ignoring anyone (nearly
     * always) this is {@link #fanOut}.
     */
    void fanOutFrom(Event event, byte[] frame, String who) {
        if (ignoringMembers == 0) {
            fanOut(event, frame);
            return;
        }
        if (taggedMembers > 0) {
            fanOutMixed(new Broadcast(event, frame), null, who);
            return;
        }
        for (int i = 0, n = members.size(); i < n; i++) {
            Member member = members.get(i);
            if (!member.ignores(who)) {
                member.deliver(frame);
            }
        }
    }

    /**
     * The member called {@code old} is now called {@code now}: whoever here ignored them still
     * does. Only a rename made in this room is seen here, so one made elsewhere is not followed.
     */
    void renamed(String old, String now) {
        if (ignoringMembers == 0) {
            return;
        }
        for (int i = 0, n = members.size(); i < n; i++) {
            if (members.get(i) instanceof User user) {
                user.ignoredRenamed(old, now);
            }
        }
    }

    /** Delivers {@code event}, its plain {@code frame} encoded once, to every local member. */
    void fanOut(Event event, byte[] frame) {
        if (taggedMembers > 0) {
            fanOutMixed(new Broadcast(event, frame), null, null);
            return;
        }
        for (int i = 0, n = members.size(); i < n; i++) {
            members.get(i).deliver(frame);
        }
    }

    /** Delivers {@code line} to every local member, in its form: a notice to every room shares its renderings among them all. */
    void fanOut(Broadcast line) {
        if (taggedMembers > 0) {
            fanOutMixed(line, null, null);
            return;
        }
        for (int i = 0, n = members.size(); i < n; i++) {
            members.get(i).deliver(line.plain());
        }
    }

    // Issue 12 §3: tagged mode.

    void taggedChanged(int delta) {
        taggedMembers += delta;
    }

    /**
     * Some members here are tagged: each gets its form of {@code forms}, the tagged frame made
     * when the first tagged member needs it and shared by the rest. Skips the member called
     * {@code except} and those who ignore {@code speaker}, when they are not null. An event
     * with no time of its own (a notice to the whole room) is tagged with now.
     */
    private void fanOutMixed(Broadcast forms, String except, String speaker) {
        for (int i = 0, n = members.size(); i < n; i++) {
            Member member = members.get(i);
            if ((except != null && member.nick().equals(except)) || (speaker != null && member.ignores(speaker))) {
                continue;
            }
            member.deliver(forms.frame(member.isTagged()));
        }
    }

    // Issue 15 §1: big rooms (docs/operations.md, "Big rooms").

    /** Speakers remembered at most; past it, those who have not spoken lately are forgotten. */
    static final int MAX_SPEAKERS = 4096;

    /** Joins, leaves and returns held until the end of this pass, to be told together; null while none. */
    private ArrayList<RoomEvent> held;
    /** The most members here while events were held: how big the room was when they happened. */
    private int heldPeak;
    /**
     * Who spoke here, and when (epoch ms, in a one-element array so that speaking again costs no
     * allocation); kept while the room is big, so a quiet room can tell whose comings and goings
     * matter to the others.
     */
    private final java.util.HashMap<String, long[]> lastSpoke = new java.util.HashMap<>();

    /** The members connected here. */
    int size() {
        return members.size();
    }

    /** Holds {@code event} (a join, leave or return) to be told at the end of the pass; true if it is the first held. */
    boolean hold(RoomEvent event) {
        boolean first = held == null;
        if (first) {
            held = new ArrayList<>();
        }
        held.add(event);
        heldPeak = Math.max(heldPeak, members.size());
        return first;
    }

    boolean holds() {
        return held != null;
    }

    /** The most members here while the events now held came (the room before its leavers left). */
    int heldPeak() {
        return heldPeak;
    }

    /** The held events, in the order they came; none are held after this. */
    List<RoomEvent> takeHeld() {
        List<RoomEvent> taken = held == null ? List.of() : held;
        held = null;
        heldPeak = 0;
        return taken;
    }

    /** {@code who} said something here at {@code atMillis}. */
    void spoke(String who, long atMillis, long forgetBeforeMillis) {
        long[] at = lastSpoke.get(who);
        if (at != null) {
            at[0] = atMillis;
            return;
        }
        if (lastSpoke.size() >= MAX_SPEAKERS) {
            lastSpoke.values().removeIf(t -> t[0] < forgetBeforeMillis); // amortised: once per MAX_SPEAKERS newcomers at most
        }
        if (lastSpoke.size() < MAX_SPEAKERS) {
            lastSpoke.put(who, new long[] {atMillis});
        }
    }

    /** True if {@code who} spoke here at {@code sinceMillis} or later. */
    boolean spokeSince(String who, long sinceMillis) {
        long[] at = lastSpoke.get(who);
        return at != null && at[0] >= sinceMillis;
    }

    /**
     * Delivers a told-together line: {@code tagged} to the tagged members, {@code plain} (null:
     * nothing) to the others, skipping those named in {@code except} (the newcomers themselves).
     */
    void fanOutTogether(byte[] plain, java.util.function.Supplier<byte[]> tagged, java.util.Set<String> except) {
        byte[] taggedFrame = null;
        for (int i = 0, n = members.size(); i < n; i++) {
            Member member = members.get(i);
            if (except.contains(member.nick())) {
                continue;
            }
            if (taggedMembers > 0 && member.isTagged()) {
                if (taggedFrame == null) {
                    taggedFrame = tagged.get();
                }
                member.deliver(taggedFrame);
            } else if (plain != null) {
                member.deliver(plain);
            }
        }
    }
}
