package chat.server.bus.redis;

import chat.core.Event.RoomEvent;
import chat.core.Wire;
import chat.server.store.HistoryStore;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * History kept in Redis: the room's history stream, which {@link RedisRoomBus}'s script appends
 * to and trims to {@code --history} lines with every chat and action line, so a newcomer on any
 * server gets the same lines in the same order. Appending here does nothing (the script did
 * it); replaying reads the stream's tail. The room's topic is {@code chat:{K}:topic}, its last
 * TOPIC event as published, also kept by the script.
 *
 * <p>Reactor thread only; the replay's lines and its end come back on it.
 */
public final class RedisHistory implements HistoryStore {

    private final RedisLink link;
    private final int lines;
    private final ZoneId zone;

    public RedisHistory(RedisLink link, int lines, ZoneId zone) {
        this.link = link;
        this.lines = lines;
        this.zone = zone;
    }

    @Override
    public void append(String roomKey, RoomEvent event) {
        // Appended by the publishing script, in the same step that numbered the event.
    }

    @Override
    public void replay(String roomKey, Replay kept, Runnable done) {
        if (lines == 0) {
            done.run();
            return;
        }
        link.<List<StreamMessage<String, String>>>call(
                redis -> redis.xrevrange(RedisRoomBus.channel(roomKey) + ":history", Range.unbounded(),
                        io.lettuce.core.Limit.from(lines)),
                newestFirst -> {
                    for (int i = newestFirst.size() - 1; i >= 0; i--) {
                        RoomEvent event = RoomMessage.decode(newestFirst.get(i).getBody().getOrDefault("m", ""));
                        if (event != null && (event.kind() == RoomEvent.Kind.CHAT || event.kind() == RoomEvent.Kind.ACTION)) {
                            kept.line(event, Wire.replayFrame(event, zone));
                        }
                    }
                    done.run();
                },
                why -> done.run()); // no history rather than no entry: the room still lets them in
    }

    /**
     * The history stream's entries after {@code SEQ-0}; complete unless the stream's oldest
     * entry is newer than the first line asked for (trimmed since).
     */
    @Override
    public void since(String roomKey, long afterSeq, Replay lines, Consumer<Boolean> done) {
        if (this.lines == 0) {
            done.accept(true);
            return;
        }
        link.<List<StreamMessage<String, String>>>call(
                redis -> redis.xrange(RedisRoomBus.channel(roomKey) + ":history",
                        Range.create("(" + afterSeq + "-0", "+"), io.lettuce.core.Limit.from(this.lines)),
                oldestFirst -> {
                    for (StreamMessage<String, String> entry : oldestFirst) {
                        RoomEvent event = RoomMessage.decode(entry.getBody().getOrDefault("m", ""));
                        if (event != null && (event.kind() == RoomEvent.Kind.CHAT || event.kind() == RoomEvent.Kind.ACTION)) {
                            lines.line(event, Wire.replayFrame(event, zone));
                        }
                    }
                    done.accept(true);
                },
                why -> done.accept(false));
    }

    @Override
    public void setTopic(String roomKey, RoomEvent topic) {
        // Kept by the publishing script, in the same step that numbered the event.
    }

    @Override
    public void topic(String roomKey, Consumer<RoomEvent> topic) {
        link.<String>call(redis -> redis.get(RedisRoomBus.channel(roomKey) + ":topic"), kept -> {
            RoomEvent event = kept == null ? null : RoomMessage.decode(kept);
            topic.accept(event != null && event.kind() == RoomEvent.Kind.TOPIC ? event : null);
        }, why -> topic.accept(null)); // no topic shown rather than no entry
    }

}
