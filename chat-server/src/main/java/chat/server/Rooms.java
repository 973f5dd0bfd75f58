package chat.server;

import chat.core.Names;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every room, by folded name. The lobby always exists; other rooms are created on first use
 * and dropped, with their history, when the last member leaves, so the number of rooms never
 * exceeds the number of users.
 *
 * <p>Reactor thread only.
 */
final class Rooms {

    private final Map<String, Room> byKey = new HashMap<>();
    private final int historyLines;
    /** Bytes of history each room keeps at most. */
    private final int historyBytes;
    private final ZoneId zone;
    private final Room lobby;

    Rooms(int historyLines, int historyBytes, ZoneId zone) {
        this.historyLines = historyLines;
        this.historyBytes = historyBytes;
        this.zone = zone;
        this.lobby = getOrCreate(Names.LOBBY);
    }

    Room lobby() {
        return lobby;
    }

    /** The room called {@code name} (a valid room name, any case), created if need be. */
    Room getOrCreate(String name) {
        return byKey.computeIfAbsent(Names.fold(name), k -> new Room(name, historyLines, historyBytes, zone));
    }

    /** Forgets {@code room} if nobody is in it, unless it is the lobby. */
    void dropIfEmpty(Room room) {
        if (room != lobby && room.isEmpty()) {
            byKey.remove(room.key());
        }
    }

    /** Every room, sorted by name ignoring case. */
    List<Room> sorted() {
        List<Room> all = new ArrayList<>(byKey.values());
        all.sort((a, b) -> a.key().compareTo(b.key()));
        return all;
    }
}
