package chat.server.chat;

import chat.core.Names;
import chat.server.bus.RoomBus;
import java.util.HashMap;
import java.util.Map;

/**
 * The rooms this process has members in, by folded name. The lobby always exists; another room
 * is created when someone here enters it and dropped when the last one here leaves, so the
 * number of rooms never exceeds the number of users. A room held here is subscribed on the
 * bus: its events are wanted here exactly while someone here is in it.
 *
 * <p>Reactor thread only.
 */
final class Rooms {

    private final Map<String, Room> byKey = new HashMap<>();
    private final RoomBus bus;
    private final Room lobby;

    Rooms(RoomBus bus) {
        this.bus = bus;
        this.lobby = getOrCreate(Names.LOBBY);
    }

    Room lobby() {
        return lobby;
    }

    /** Every room held here. */
    java.util.Collection<Room> all() {
        return byKey.values();
    }

    /** The room {@code key} (folded), or null if nobody here is in it. */
    Room get(String key) {
        return byKey.get(key);
    }

    /** The room called {@code name} (a valid room name, any case), created if need be. */
    Room getOrCreate(String name) {
        String key = Names.fold(name);
        Room room = byKey.get(key);
        if (room == null) {
            room = new Room(name);
            byKey.put(key, room);
            bus.subscribe(key);
        }
        return room;
    }

    /** Forgets {@code room} if nobody is in it, unless it is the lobby; true if it was dropped. */
    boolean dropIfEmpty(Room room) {
        if (room != lobby && room.isEmpty()) {
            byKey.remove(room.key());
            bus.unsubscribe(room.key());
            return true;
        }
        return false;
    }
}
