package chat.server.bus;

import chat.core.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The directory of a chat that lives in one process: two maps, answered within the call.
 *
 * <p>Reactor thread only. Invariants: {@code byNick} maps the folded name of every member in
 * the chat, and only those; {@code rooms} holds the lobby always, and every other room while
 * someone is in it; each member is in at most one room's list, once.
 */
public final class LocalDirectory implements Directory {

    /** A room: its name as first written, and who is in it (a list: 4 bytes a member, not a set's 40). */
    private static final class Entry {
        final String name;
        final ArrayList<Member> members = new ArrayList<>();

        Entry(String name) {
            this.name = name;
        }
    }

    private final Map<String, Member> byNick = new HashMap<>();
    /** Sorted by key: /rooms lists them in that order. */
    private final Map<String, Entry> rooms = new TreeMap<>();
    private final String lobbyKey;

    public LocalDirectory() {
        this.lobbyKey = Names.fold(Names.LOBBY);
        rooms.put(lobbyKey, new Entry(Names.LOBBY));
    }

    /** In one process the connection's id is unique: {@code user<id>}, never reused, is free. */
    @Override
    public void newcomer(Member member, Consumer<String> named) {
        String nick = member.nick();
        byNick.put(Names.fold(nick), member);
        named.accept(nick);
    }

    @Override
    public void rename(Member member, String oldNick, String newNick, Consumer<Boolean> done) {
        String newKey = Names.fold(newNick);
        Member holder = byNick.get(newKey);
        if (holder != null && holder != member) {
            done.accept(false);
            return;
        }
        byNick.remove(Names.fold(oldNick), member);
        byNick.put(newKey, member);
        done.accept(true);
    }

    @Override
    public String ownerOf(Member member) {
        return String.valueOf(member.id());
    }

    @Override
    public void reclaim(Member member, String oldNick, String nick, String owner, Consumer<Boolean> done) {
        Member holder = byNick.get(Names.fold(nick));
        if (holder != null && holder != member && ownerOf(holder).equals(owner)) {
            byNick.remove(Names.fold(nick), holder); // the dropped session's own reservation
        }
        rename(member, oldNick, nick, done);
    }

    @Override
    public void roomName(String roomKey, String typed, Consumer<String> name) {
        Entry entry = rooms.get(roomKey);
        name.accept(entry == null ? typed : entry.name);
    }

    @Override
    public void entered(String roomKey, String room, Member member) {
        // The chat tells each entry once (and each exit once), so no check for duplicates here.
        rooms.computeIfAbsent(roomKey, k -> new Entry(room)).members.add(member);
    }

    @Override
    public void left(String roomKey, Member member) {
        Entry entry = rooms.get(roomKey);
        if (entry != null && entry.members.remove(member) && entry.members.isEmpty() && !roomKey.equals(lobbyKey)) {
            rooms.remove(roomKey);
        }
    }

    @Override
    public void release(String nick, Member member) {
        byNick.remove(Names.fold(nick), member);
    }

    @Override
    public void find(String nick, Consumer<Member> found, Consumer<String> unavailable) {
        found.accept(byNick.get(Names.fold(nick)));
    }

    @Override
    public void who(String roomKey, Consumer<List<String>> answer, Consumer<String> unavailable) {
        Entry entry = rooms.get(roomKey);
        List<String> nicks = new ArrayList<>(entry == null ? 0 : entry.members.size());
        if (entry != null) {
            for (Member member : entry.members) {
                nicks.add(member.nick());
            }
        }
        nicks.sort(String.CASE_INSENSITIVE_ORDER);
        answer.accept(nicks);
    }

    @Override
    public void count(String roomKey, IntConsumer answer) {
        Entry entry = rooms.get(roomKey);
        answer.accept(entry == null ? 0 : entry.members.size());
    }

    @Override
    public void rooms(Consumer<List<RoomCount>> answer, Consumer<String> unavailable) {
        List<RoomCount> list = new ArrayList<>(rooms.size());
        for (Entry entry : rooms.values()) {
            list.add(new RoomCount(entry.name, entry.members.size()));
        }
        answer.accept(list);
    }

    // Issue 13 §2: in one process each member holds its own fields, read where they are.

    @Override
    public void spoke(Member member, long atMillis) {
        // Nothing to write: the member holds it.
    }

    @Override
    public void awayChanged(Member member, Runnable done) {
        done.run(); // nothing to write: the member holds it
    }

    @Override
    public void whois(String nick, Consumer<Profile> found, Consumer<String> unavailable) {
        Member member = byNick.get(Names.fold(nick));
        if (member == null) {
            found.accept(null);
            return;
        }
        String room = "";
        for (Entry entry : rooms.values()) { // /whois is rare; a map from member to room would cost every move
            if (entry.members.contains(member)) {
                room = entry.name;
                break;
            }
        }
        found.accept(new Profile(member.nick(), room, member.connectedAtMillis(), member.spokeAtMillis(), member.away()));
    }

    @Override
    public void awayIn(String roomKey, Consumer<Set<String>> answer, Consumer<String> unavailable) {
        Entry entry = rooms.get(roomKey);
        Set<String> away = new HashSet<>();
        if (entry != null) {
            for (Member member : entry.members) {
                if (member.away() != null) {
                    away.add(member.nick());
                }
            }
        }
        answer.accept(away);
    }
}
