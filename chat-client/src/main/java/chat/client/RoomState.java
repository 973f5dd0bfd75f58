package chat.client;

import chat.core.Names;
import chat.core.ServerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the client knows of its place on the server: my nickname, my room, who is in my room and
 * which rooms exist. Completion reads it; reconnecting restores the nickname and room from it.
 * Kept current from the notices the server sends ({@link #apply}), so it follows joins, leaves
 * and renames as they happen rather than a list taken once.
 *
 * <p>Threads: the link thread writes, the keyboard thread (the completer) reads; every method
 * is synchronized and readers get copies.
 *
 * <p>Invariants: names are kept as the server shows them, keyed by {@link Names#fold}, so one
 * person or room is never listed twice in different case; rooms are kept without their '#'.
 */
public final class RoomState {

    /** My nickname as the server last confirmed it; null before the first welcome. */
    private String nick;
    /** My room, without '#', as the server last confirmed it; null before the first welcome. */
    private String room;
    /** Everyone in my room, me included, folded name → shown name; sorted by folded name. */
    private final Map<String, String> members = new TreeMap<>();
    /** Every room I know of, folded name → shown name; refreshed whole by each /rooms answer. */
    private final Map<String, String> rooms = new TreeMap<>();

    /** Follows one notice from the server; anything that is not about names is ignored. */
    public synchronized void apply(ServerEvent event) {
        if (event instanceof ServerEvent.Welcome welcome) {
            nick = welcome.nick();
            enterRoom(welcome.room());
        } else if (event instanceof ServerEvent.YouJoined joined) {
            enterRoom(joined.room());
        } else if (event instanceof ServerEvent.Joined joined) {
            if (isMyRoom(joined.room())) {
                add(members, joined.nick());
            }
            add(rooms, joined.room());
        } else if (event instanceof ServerEvent.Left left) {
            if (isMyRoom(left.room())) {
                members.remove(Names.fold(left.nick()));
            }
        } else if (event instanceof ServerEvent.Renamed renamed) {
            if (nick != null && Names.fold(nick).equals(Names.fold(renamed.from()))) {
                nick = renamed.to();
            }
            members.remove(Names.fold(renamed.from()));
            add(members, renamed.to());
        } else if (event instanceof ServerEvent.Who who) {
            if (isMyRoom(who.room())) {
                members.clear();
                who.nicks().forEach(name -> add(members, name));
            }
        } else if (event instanceof ServerEvent.Rooms list) {
            rooms.clear();
            list.rooms().forEach(name -> add(rooms, name));
            if (room != null) {
                add(rooms, room);
            }
        }
    }

    /** My nickname, or null before the first welcome. */
    public synchronized String nick() {
        return nick;
    }

    /** My room without '#', or null before the first welcome. */
    public synchronized String room() {
        return room;
    }

    /** The others in my room, sorted ignoring case; not me: there is no one to complete there. */
    public synchronized List<String> others() {
        List<String> others = new ArrayList<>(members.values());
        if (nick != null) {
            others.removeIf(name -> Names.fold(name).equals(Names.fold(nick)));
        }
        return others;
    }

    /** Every room I know of, without '#', sorted ignoring case; my own room included. */
    public synchronized List<String> rooms() {
        return new ArrayList<>(rooms.values());
    }

    /** True if {@code name} is my room, ignoring case. */
    public synchronized boolean isMyRoom(String name) {
        return room != null && Names.fold(room).equals(Names.fold(Names.stripHash(name)));
    }

    private void enterRoom(String name) {
        room = name;
        // Until the /who the client sends next is answered, only I am known to be here.
        members.clear();
        if (nick != null) {
            add(members, nick);
        }
        add(rooms, name);
    }

    private static void add(Map<String, String> names, String name) {
        names.put(Names.fold(name), name);
    }
}
