package chat.server.store;

import chat.core.Event.RoomEvent;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * History kept in this process's memory: one {@link RoomHistory} ring per room that has lines.
 * A room's history outlives the room emptying: whoever comes back later sees what was said.
 *
 * <p>Bounded in rooms as well as per room: at most {@code maxRooms} rooms are kept, the one
 * used longest ago going first when another needs a place, and a room nobody has spoken in for
 * {@code maxAgeMillis} is dropped when next asked for. All history's memory is bounded by
 * {@code maxRooms} × {@code --history-bytes}, plus one topic per room (as many rooms, kept
 * and let go the same way, even with history off).
 *
 * <p>Reactor thread only (and the main thread at start, before the reactor runs, to load a
 * journal).
 */
public final class MemoryHistory implements HistoryStore {

    /** Rooms kept when nothing else is said ({@code --history-rooms}). */
    public static final int DEFAULT_MAX_ROOMS = 1000;
    /** Days a room's history is kept after its last line ({@code --history-days}). */
    public static final int DEFAULT_MAX_AGE_DAYS = 30;

    private final int lines;
    private final int bytes;
    private final long maxAgeMillis;
    private final ZoneId zone;
    private final LongSupplier clockMillis;
    /** In access order: the eldest entry is the room used longest ago. */
    private final Map<String, RoomHistory> rooms;
    /** Each room's topic, if it has one; in access order, bounded like {@code rooms}. */
    private final Map<String, RoomEvent> topics;

    /** {@code lines} and {@code bytes}: what each room keeps at most; {@code zone}: for {@code [HH:MM]}. */
    public MemoryHistory(int lines, int bytes, ZoneId zone) {
        this(lines, bytes, DEFAULT_MAX_ROOMS, DEFAULT_MAX_AGE_DAYS * 86_400_000L, zone, System::currentTimeMillis);
    }

    public MemoryHistory(int lines, int bytes, int maxRooms, long maxAgeMillis, ZoneId zone, LongSupplier clockMillis) {
        if (maxRooms < 1 || maxAgeMillis < 1) {
            throw new IllegalArgumentException("history rooms and age must be at least 1, got "
                    + maxRooms + ", " + maxAgeMillis);
        }
        this.lines = lines;
        this.bytes = bytes;
        this.maxAgeMillis = maxAgeMillis;
        this.zone = zone;
        this.clockMillis = clockMillis;
        this.rooms = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RoomHistory> eldest) {
                return size() > maxRooms;
            }
        };
        this.topics = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RoomEvent> eldest) {
                return size() > maxRooms;
            }
        };
    }

    @Override
    public void append(String roomKey, RoomEvent event) {
        if (lines > 0) {
            rooms.computeIfAbsent(roomKey, k -> new RoomHistory(lines, bytes, zone)).add(event);
        }
    }

    @Override
    public void replay(String roomKey, Replay lines, Runnable done) {
        RoomHistory history = current(roomKey);
        if (history != null) {
            history.replayTo(lines);
        }
        done.run();
    }

    @Override
    public void since(String roomKey, long afterSeq, Replay lines, Consumer<Boolean> done) {
        RoomHistory history = current(roomKey);
        // A room with nothing kept: nothing to give; whether lines were lost with it is not known here.
        done.accept(history == null || history.since(afterSeq, lines));
    }

    @Override
    public void setTopic(String roomKey, RoomEvent topic) {
        topics.put(roomKey, topic);
    }

    @Override
    public void topic(String roomKey, Consumer<RoomEvent> topic) {
        RoomEvent kept = topics.get(roomKey);
        topic.accept(kept != null && kept.time() >= clockMillis.getAsLong() - maxAgeMillis ? kept : null);
    }

    /** The number of the room's newest kept line or topic; 0 if none is kept. */
    public long lastSeq(String roomKey) {
        RoomHistory history = rooms.get(roomKey);
        RoomEvent topic = topics.get(roomKey);
        return Math.max(history == null ? 0 : history.lastSeq(), topic == null ? 0 : topic.seq());
    }

    /** The room's history, unless it is too old to keep (then it goes). */
    private RoomHistory current(String roomKey) {
        RoomHistory history = rooms.get(roomKey);
        if (history != null && history.lastTime() < clockMillis.getAsLong() - maxAgeMillis) {
            rooms.remove(roomKey);
            return null;
        }
        return history;
    }

    /** Rooms with history kept (tests). */
    int rooms() {
        return rooms.size();
    }

    /** Bytes the room's history holds, as its bound counts them (tests). */
    long bytes(String roomKey) {
        RoomHistory history = rooms.get(roomKey);
        return history == null ? 0 : history.bytes();
    }
}
