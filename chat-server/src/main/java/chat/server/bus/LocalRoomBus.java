package chat.server.bus;

import chat.core.Event.RoomEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The bus of a chat that lives in one process: an event is numbered and handed straight back,
 * within the same call, so nothing is queued and nothing can be lost or reordered.
 *
 * <p>Reactor thread only. Invariant: {@code lastSeq} has an entry for every subscribed room,
 * the number of its last event. A room's numbers go on from the newest line its history keeps
 * (so a line kept, in memory or on disk, is never numbered again, across restarts too); a room
 * with none kept starts at 1.
 */
public final class LocalRoomBus implements RoomBus {

    private final LongSupplier clockMillis;
    private final ToLongFunction<String> keptSeq;
    private final Map<String, long[]> lastSeq = new HashMap<>();
    private Listener listener;

    /** {@code clockMillis}: the time stamped on events, epoch milliseconds. */
    public LocalRoomBus(LongSupplier clockMillis) {
        this(clockMillis, roomKey -> 0);
    }

    /** {@code keptSeq}: the number of a room's newest line kept in history, 0 if none. */
    public LocalRoomBus(LongSupplier clockMillis, ToLongFunction<String> keptSeq) {
        this.clockMillis = clockMillis;
        this.keptSeq = keptSeq;
    }

    @Override
    public void listen(Listener newListener) {
        this.listener = newListener;
    }

    @Override
    public void publish(String roomKey, RoomEvent event, java.util.function.Consumer<String> notSent) {
        long[] seq = lastSeq.get(roomKey);
        if (seq == null) {
            return; // nobody here is in the room: in one process, nobody anywhere
        }
        listener.onEvent(roomKey, event.withSeq(++seq[0], clockMillis.getAsLong()));
    }

    @Override
    public void subscribe(String roomKey) {
        lastSeq.computeIfAbsent(roomKey, k -> new long[] {keptSeq.applyAsLong(k)});
    }

    @Override
    public void unsubscribe(String roomKey) {
        lastSeq.remove(roomKey);
    }
}
