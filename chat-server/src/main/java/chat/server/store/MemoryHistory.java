package chat.server.store;

import chat.core.Event.RoomEvent;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * History kept in this process's memory: one {@link RoomHistory} ring per room that has lines.
 *
 * <p>Reactor thread only. Rooms are bounded by the users in them (an empty room is forgotten,
 * the lobby stays), so history's memory is bounded by ({@code --max-connections} + 1) ×
 * {@code --history-bytes} in all, plus one topic per room.
 */
public final class MemoryHistory implements HistoryStore {

    private final int lines;
    private final int bytes;
    private final ZoneId zone;
    private final Map<String, RoomHistory> rooms = new HashMap<>();
    /** Each room's topic, if it has one: kept even with history off, forgotten with the room's lines. */
    private final Map<String, RoomEvent> topics = new HashMap<>();

    /** {@code lines} and {@code bytes}: what each room keeps at most; {@code zone}: for {@code [HH:MM]}. */
    public MemoryHistory(int lines, int bytes, ZoneId zone) {
        this.lines = lines;
        this.bytes = bytes;
        this.zone = zone;
    }

    @Override
    public void append(String roomKey, RoomEvent event) {
        if (lines > 0) {
            rooms.computeIfAbsent(roomKey, k -> new RoomHistory(lines, bytes, zone)).add(event);
        }
    }

    @Override
    public void replay(String roomKey, Consumer<byte[]> frames, Runnable done) {
        RoomHistory history = rooms.get(roomKey);
        if (history != null) {
            history.replayTo(frames);
        }
        done.run();
    }

    @Override
    public void forget(String roomKey) {
        rooms.remove(roomKey);
        topics.remove(roomKey);
    }

    @Override
    public void setTopic(String roomKey, RoomEvent topic) {
        topics.put(roomKey, topic);
    }

    @Override
    public void topic(String roomKey, Consumer<RoomEvent> topic) {
        topic.accept(topics.get(roomKey));
    }

    /** Bytes the room's history holds, as its bound counts them (tests). */
    long bytes(String roomKey) {
        RoomHistory history = rooms.get(roomKey);
        return history == null ? 0 : history.bytes();
    }
}
