package chat.client;

import chat.core.Event;
import chat.core.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the client knows of its place on the server: my nickname, my room, who is in my room and
 * which rooms exist. Completion reads it; reconnecting restores the nickname and room from it.
 * Kept current from the notices the server sends ({@link #apply}), so it follows joins, leaves
 * and renames as they happen rather than a list taken once.
 *
 * <p>Threads: the link thread writes, the keyboard thread (the completer) reads; every method
 * is synchronized and readers get copies. The completer may wait for the next room list
 * ({@link #awaitRoomListAfter}); applying one wakes it.
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
    /** /rooms answers applied so far; only grows. Waiters in {@link #awaitRoomListAfter} watch it. */
    private long roomListsHeard;
    /** {@link System#nanoTime} when the last /rooms answer was applied; unused while none was. */
    private long roomListHeardNanos;

    /** Follows one event from the server ({@code Wire.parse}); anything that is not about names is ignored. */
    public synchronized void apply(Event event) {
        if (event instanceof Event.Welcome welcome) {
            nick = welcome.nick();
            enterRoom(welcome.room());
        } else if (event instanceof Event.YouJoined joined) {
            enterRoom(joined.room());
        } else if (event instanceof Event.RoomEvent happened) {
            applyRoomEvent(happened);
        } else if (event instanceof Event.Who who) {
            if (isMyRoom(who.room())) {
                members.clear();
                who.nicks().forEach(name -> add(members, name));
            }
        } else if (event instanceof Event.RoomList list) {
            rooms.clear();
            list.rooms().forEach(entry -> add(rooms, entry.room()));
            if (room != null) {
                add(rooms, room);
            }
            roomListsHeard++;
            roomListHeardNanos = System.nanoTime();
            notifyAll();
        }
    }

    /** How many room lists have been applied: pass it to {@link #awaitRoomListAfter}. */
    public synchronized long roomListsHeard() {
        return roomListsHeard;
    }

    /** True if no room list was heard yet, or the last one is older than {@code age}. */
    public synchronized boolean roomListOlderThan(Duration age) {
        return roomListsHeard == 0 || System.nanoTime() - roomListHeardNanos > age.toNanos();
    }

    /**
     * Waits until more than {@code heard} room lists have been applied, or {@code max} has
     * passed; true if one came.
     */
    public synchronized boolean awaitRoomListAfter(long heard, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (roomListsHeard <= heard) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Joins, leaves and renames; what is said changes no names. */
    private void applyRoomEvent(Event.RoomEvent happened) {
        switch (happened.kind()) {
            case JOIN, BACK -> {
                if (isMyRoom(happened.room())) {
                    add(members, happened.who());
                }
                add(rooms, happened.room());
            }
            case LEAVE -> {
                if (isMyRoom(happened.room())) {
                    members.remove(Names.fold(happened.who()));
                }
            }
            case RENAME -> {
                // who is the old name, text the new one; the line does not say which room, so it
                // is taken to be mine (the server tells a room only about its own members).
                if (nick != null && Names.fold(nick).equals(Names.fold(happened.who()))) {
                    nick = happened.text();
                }
                members.remove(Names.fold(happened.who()));
                add(members, happened.text());
            }
            case CHAT, ACTION -> {
                // nothing about names
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

    /** How many are in my room, me included, as far as the client knows. */
    public synchronized int here() {
        return members.size();
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
