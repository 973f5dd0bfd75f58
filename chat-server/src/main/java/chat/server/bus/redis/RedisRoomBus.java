package chat.server.bus.redis;

import chat.core.Event.RoomEvent;
import chat.server.bus.RoomBus;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room bus of a chat kept in Redis, as Centrifugo does it: one script per event numbers it
 * with the room's counter, appends it to the room's log stream (and, for chat and action lines,
 * to its history stream, trimmed to {@code --history}), and publishes it on the room's channel.
 * Every server, the sender's included, delivers only what its subscription receives, so every
 * member of a room sees its events in one order, the order history keeps.
 *
 * <p>Keys, for a room whose folded name is {@code K} (the braces keep a room's keys together):
 * <pre>
 *   chat:{K}:seq       the room's last sequence number
 *   chat:{K}:log       every event, stream ids SEQ-0, about the last LOG_EVENTS (gap recovery)
 *   chat:{K}:history   chat and action lines, the last --history, stream ids SEQ-0
 *   chat:{K}:topic     the room's last TOPIC event, as published (SEQ US TIME US TOPIC US ...)
 *   chat:{K}           the channel the events are published on
 * </pre>
 * A room's keys expire {@link #ROOM_KEEP_SECONDS} after its last event, which bounds the rooms
 * Redis keeps by age.
 *
 * <p>Order on arrival: an event numbered {@code last + 1} is delivered; a lower or equal number
 * is a duplicate and dropped; a higher one means events were missed (the reactor's queue was
 * full, or the subscription broke): they are read back from the log stream and delivered first,
 * and what the log no longer holds is announced as a count. Meanwhile later events wait, bounded.
 *
 * <p>Reactor thread only.
 */
public final class RedisRoomBus implements RoomBus {

    private static final Logger log = LoggerFactory.getLogger(RedisRoomBus.class);

    /** Events of a room the log stream keeps for recovering gaps. */
    static final int LOG_EVENTS = 1000;
    /** How long a room's keys outlive its last event. */
    static final long ROOM_KEEP_SECONDS = 7 * 24 * 3600;
    /** Events that may wait while a gap is recovered; past it they are dropped (and recovered after). */
    static final int WAITING_EVENTS = 10_000;

    /**
     * KEYS: seq, log, history, channel, topic. ARGV: body, 1 if a history line (2 if a topic),
     * log length, history length, keep seconds.
     */
    static final String PUBLISH = String.join("\n",
            "local seq = redis.call('INCR', KEYS[1])",
            "local msg = seq .. '\\31' .. ARGV[1]",
            "local id = seq .. '-0'",
            "redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], id, 'm', msg)",
            "if ARGV[2] == '1' and tonumber(ARGV[4]) > 0 then",
            "  redis.call('XADD', KEYS[3], 'MAXLEN', ARGV[4], id, 'm', msg)",
            "  redis.call('EXPIRE', KEYS[3], ARGV[5])",
            "end",
            "if ARGV[2] == '2' then redis.call('SET', KEYS[5], msg) end",
            "redis.call('EXPIRE', KEYS[1], ARGV[5])",
            "redis.call('EXPIRE', KEYS[2], ARGV[5])",
            "redis.call('EXPIRE', KEYS[5], ARGV[5])",
            "redis.call('PUBLISH', KEYS[4], msg)",
            "return seq");

    /** A subscribed room: the last number delivered, and events waiting while a gap is filled. */
    private static final class Subscription {
        long last;
        ArrayDeque<RoomEvent> waiting;
        /**
         * True from finding that Redis lost its data (the room's counter behind {@code last})
         * until an event is delivered: numbering starts again at 1, and every event from 1 on is
         * the room's, to be read back if missed, unlike a new subscription's, which starts with
         * whatever comes next.
         */
        boolean fromFirst;
        /** True once Redis confirmed the channel's subscription: from then on nothing published is missed. */
        boolean confirmed;
    }

    private final RedisLink link;
    private final int historyLines;
    private final Map<String, Subscription> rooms = new HashMap<>();
    private Listener listener;
    /** Messages on a room's channel that were not an event: counted, dropped. */
    private long junk;
    /** Gaps seen (events numbered ahead of the last delivered, or a counter ahead): each read back from the log. */
    private long gaps;
    /** Events read back from the log and delivered, filling gaps. */
    private long recoveredEvents;
    /** Events of gaps the log no longer held: announced to the room as lost. */
    private long lostEvents;

    public RedisRoomBus(RedisLink link, int historyLines) {
        this.link = link;
        this.historyLines = historyLines;
        link.onMessage(this::onMessage);
        link.onLinkChange(up -> {
            if (up) {
                resubscribeUnconfirmed();
                caughtUp();
            } else {
                for (Subscription room : rooms.values()) {
                    room.confirmed = false; // Lettuce subscribes again on reconnecting, and Redis confirms
                }
            }
        });
        link.onSubscribed(channel -> {
            String roomKey = roomKeyOf(channel);
            Subscription room = roomKey == null ? null : rooms.get(roomKey);
            if (room != null) {
                room.confirmed = true;
            }
            if (room != null && (room.last > 0 || room.fromFirst)) {
                // Subscribed again: what was published in between? Lettuce resubscribes channel
                // by channel, so a room's line can be published (and missed) after the link
                // counted as back and before this room's channel was confirmed.
                checkCounter(roomKey, room);
            }
        });
    }

    private static String roomKeyOf(String channel) {
        return channel.startsWith("chat:{") && channel.endsWith("}") ? channel.substring(6, channel.length() - 1) : null;
    }

    /**
     * The link is back: a room entered while it was down was subscribed to while the link refused
     * commands, so Lettuce has no subscription of it to restore; it is asked for now (again, for
     * a room whose confirmation is merely still on its way: Redis takes that as a no-op).
     */
    private void resubscribeUnconfirmed() {
        for (Map.Entry<String, Subscription> entry : rooms.entrySet()) {
            if (!entry.getValue().confirmed) {
                link.subscribe(channel(entry.getKey()));
            }
        }
    }

    /**
     * The link is back (Lettuce has resubscribed): for each room, what did it miss? Its counter
     * in Redis tells: ahead of what was delivered here, the gap is read back from the log; behind
     * it (or gone), Redis lost its data, and numbering starts again from what comes next.
     */
    private void caughtUp() {
        for (Map.Entry<String, Subscription> entry : rooms.entrySet()) {
            checkCounter(entry.getKey(), entry.getValue());
        }
    }

    /** Compares the room's counter in Redis with what was delivered here; reads back a gap. */
    private void checkCounter(String roomKey, Subscription room) {
        long asked = room.last; // events delivered while the answer travels are numbered above it
        link.<String>call(redis -> redis.get(channel(roomKey) + ":seq"), value -> {
            long now = value == null ? 0 : Long.parseLong(value);
            if (rooms.get(roomKey) != room || room.waiting != null) {
                return;
            }
            // The counter behind what had been delivered when it was read: it started again,
            // Redis lost its data. Behind what was delivered since is no such sign: those events
            // came on the other connection while the answer travelled.
            boolean restarted = now < asked;
            if (restarted) {
                room.last = 0; // so what it holds now is read from its first event on
                room.fromFirst = true;
            }
            if (now > room.last && (room.last > 0 || room.fromFirst)) {
                recover(roomKey, room, null, now);
            }
        }, why -> { });
    }

    static String channel(String roomKey) {
        return "chat:{" + roomKey + "}";
    }

    @Override
    public void listen(Listener newListener) {
        this.listener = newListener;
    }

    @Override
    public void publish(String roomKey, RoomEvent event, Consumer<String> notSent) {
        String prefix = channel(roomKey);
        boolean line = event.kind() == RoomEvent.Kind.CHAT || event.kind() == RoomEvent.Kind.ACTION;
        RoomEvent stamped = event.withSeq(0, System.currentTimeMillis());
        String[] keys = {prefix + ":seq", prefix + ":log", prefix + ":history", prefix, prefix + ":topic"};
        link.<Long>call(redis -> redis.eval(PUBLISH, ScriptOutputType.INTEGER, keys, RoomMessage.encodeBody(stamped),
                        line ? "1" : event.kind() == RoomEvent.Kind.TOPIC ? "2" : "0", String.valueOf(LOG_EVENTS), String.valueOf(historyLines),
                        String.valueOf(ROOM_KEEP_SECONDS)),
                seq -> { }, notSent);
    }

    @Override
    public void subscribe(String roomKey) {
        if (rooms.putIfAbsent(roomKey, new Subscription()) == null) {
            link.subscribe(channel(roomKey));
        }
    }

    @Override
    public void unsubscribe(String roomKey) {
        if (rooms.remove(roomKey) != null) {
            link.unsubscribe(channel(roomKey));
        }
    }

    /** Messages on rooms' channels that were not chat events. */
    public long junk() {
        return junk;
    }

    /** Gaps in rooms' numbering seen since start, each read back from the log. */
    public long gaps() {
        return gaps;
    }

    /** Events read back from the log to fill gaps. */
    public long recoveredEvents() {
        return recoveredEvents;
    }

    /** Events of gaps that could not be recovered. */
    public long lostEvents() {
        return lostEvents;
    }

    /** The link this bus publishes and subscribes through. */
    public RedisLink link() {
        return link;
    }

    private void onMessage(String channel, String message) {
        String roomKey = roomKeyOf(channel);
        if (roomKey == null) {
            return; // another of the link's channels
        }
        Subscription room = rooms.get(roomKey);
        if (room == null) {
            return; // unsubscribed meanwhile
        }
        RoomEvent event = RoomMessage.decode(message);
        if (event == null) {
            if (junk++ % 1000 == 0) {
                log.warn("dropped a message on {} that is not a chat event ({} so far)", channel, junk);
            }
            return;
        }
        arrived(roomKey, room, event);
    }

    private void arrived(String roomKey, Subscription room, RoomEvent event) {
        if (room.waiting != null) {
            if (room.waiting.size() < WAITING_EVENTS) {
                room.waiting.add(event); // a gap is being filled: after it
            }
            return;
        }
        long seq = event.seq();
        if ((room.last == 0 && !room.fromFirst) || seq == room.last + 1) {
            room.last = seq;
            room.fromFirst = false;
            listener.onEvent(roomKey, event);
        } else if (seq <= room.last) {
            // A duplicate (delivered already from the log), or the room's counter started again
            // because Redis lost its data. The counter tells which; only the second is read back.
            checkCounter(roomKey, room);
        } else {
            recover(roomKey, room, event);
        }
    }

    private void recover(String roomKey, Subscription room, RoomEvent next) {
        recover(roomKey, room, next, next.seq());
    }

    /**
     * Events {@code room.last + 1} to {@code to} were missed: read them back from the log. When a
     * gap was seen because {@code next} arrived numbered ahead, {@code next} itself is taken from
     * the log too: an event that the log does not hold was never published by a server of the
     * chat (another program on the channel, a forged number) and is dropped, so it cannot make
     * the room's real events look like duplicates. A gap the counter in Redis reported
     * ({@code next} null) is real up to {@code to}, and what the log no longer holds is lost.
     */
    private void recover(String roomKey, Subscription room, RoomEvent next, long to) {
        room.waiting = new ArrayDeque<>();
        gaps++;
        long from = room.last + 1;
        link.<List<StreamMessage<String, String>>>call(
                redis -> redis.xrange(channel(roomKey) + ":log", Range.create(from + "-0", to + "-0")),
                entries -> filled(roomKey, room, from, next == null ? to : 0, entries),
                why -> filled(roomKey, room, from, next == null ? to : 0, List.of()));
    }

    /** {@code known}: the number up to which events surely exist (0: only as far as the log shows). */
    private void filled(String roomKey, Subscription room, long from, long known, List<StreamMessage<String, String>> entries) {
        if (rooms.get(roomKey) != room) {
            return; // unsubscribed meanwhile
        }
        long recovered = 0;
        for (StreamMessage<String, String> entry : entries) {
            RoomEvent event = RoomMessage.decode(entry.getBody().getOrDefault("m", ""));
            if (event != null && event.seq() > room.last) {
                room.last = event.seq();
                listener.onEvent(roomKey, event);
                recovered++;
            }
        }
        long upTo = Math.max(known, room.last);
        long lost = Math.max(0, upTo - from + 1 - recovered);
        recoveredEvents += recovered;
        lostEvents += lost;
        if (lost > 0) {
            listener.onLost(roomKey, lost);
        }
        if (known == 0 && recovered == 0) {
            junk++; // the event that opened the gap is in no log: not one of the chat's
        }
        room.last = upTo;
        if (upTo > 0) {
            room.fromFirst = false;
        }
        ArrayDeque<RoomEvent> waiting = room.waiting;
        room.waiting = null;
        for (RoomEvent event : waiting) {
            arrived(roomKey, room, event);
        }
    }
}
