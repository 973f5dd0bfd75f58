package chat.server.bus.redis;

import chat.core.TextSanitizer;
import chat.server.bus.ModerationBus;
import chat.server.moderation.Sanction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The bans and mutes of a chat of several servers, kept in Redis, and operators' actions told
 * to every server. Keys:
 * <pre>
 *   chat:sanctions     hash: {@link Sanction#key} → {@link Sanction#encode}d sanction
 *   chat:moderation    channel: {@value #SYNC} (the hash changed: read it again),
 *                      kick US NICK US BY US REASON, announce US BY US TEXT
 * </pre>
 * A change is written to the hash, then {@value #SYNC} is published on the same connection, so
 * whoever reads the hash on hearing it reads the change. Every server reads the whole hash then,
 * and also each time the channel is subscribed (at start, and after Redis came back), so a
 * server that missed a message while cut off catches up. Expired sanctions are removed from
 * the hash by whichever server reads them.
 *
 * <p>Reactor thread only; Redis's answers and messages come back on it ({@link RedisLink}).
 */
public final class RedisModerationBus implements ModerationBus {

    static final String HASH = "chat:sanctions";
    static final String CHANNEL = "chat:moderation";
    static final String SYNC = "sync";
    private static final char US = RedisDirectory.US;

    private final RedisLink link;
    private final LongSupplier clockMillis;
    /** Told of what the channel brings; null until {@link #listen}, and what comes before is ignored. */
    private Listener listener;

    public RedisModerationBus(RedisLink link, LongSupplier clockMillis) {
        this.link = link;
        this.clockMillis = clockMillis;
        link.onMessage(this::onMessage);
        link.onSubscribed(channel -> {
            if (channel.equals(CHANNEL)) {
                reload();
            }
        });
    }

    @Override
    public void listen(Listener newListener) {
        listener = newListener;
        link.subscribe(CHANNEL); // once confirmed, the hash is read (onSubscribed)
    }

    @Override
    public void put(Sanction sanction, Runnable done, Consumer<String> failed) {
        link.<Boolean>call(redis -> redis.hset(HASH, sanction.key(), sanction.encode()), set -> {
            link.send(redis -> redis.publish(CHANNEL, SYNC));
            done.run();
        }, failed);
    }

    @Override
    public void remove(String key, Consumer<Boolean> done, Consumer<String> failed) {
        link.<Long>call(redis -> redis.hdel(HASH, key), removed -> {
            if (removed > 0) {
                link.send(redis -> redis.publish(CHANNEL, SYNC));
            }
            done.accept(removed > 0);
        }, failed);
    }

    @Override
    public void kick(String nick, String by, String reason, Consumer<String> failed) {
        link.<Long>call(redis -> redis.publish(CHANNEL, "kick" + US + nick + US + by + US + reason), told -> { }, failed);
    }

    @Override
    public void announce(String by, String text, Consumer<String> failed) {
        link.<Long>call(redis -> redis.publish(CHANNEL, "announce" + US + by + US + text), told -> { }, failed);
    }

    /** Reads the whole hash and hands it to the listener; expired entries are removed. */
    private void reload() {
        link.<Map<String, String>>call(redis -> redis.hgetall(HASH), all -> {
            long now = clockMillis.getAsLong();
            List<Sanction> holding = new ArrayList<>();
            for (Map.Entry<String, String> entry : all.entrySet()) {
                Optional<Sanction> sanction = Sanction.decode(entry.getValue());
                if (sanction.isPresent() && sanction.get().holdsAt(now)) {
                    holding.add(sanction.get());
                } else if (sanction.isPresent()) {
                    link.send(redis -> redis.hdel(HASH, entry.getKey())); // expired: nobody needs it
                }
            }
            if (listener != null) {
                listener.onSanctions(holding);
            }
        }, why -> { }); // the link is down; it is read again once subscribed again
    }

    /**
     * A message on the moderation channel. Like a room's messages ({@link RoomMessage}), what
     * arrives is checked: a sender that is not a name, a text too long, anything else is dropped;
     * text is sanitised again.
     */
    private void onMessage(String channel, String message) {
        if (!channel.equals(CHANNEL) || listener == null) {
            return;
        }
        if (message.equals(SYNC)) {
            reload();
            return;
        }
        String[] f = message.split(String.valueOf(US), -1);
        if (f[0].equals("kick") && f.length == 4 && RoomMessage.validWho(f[1]) && RoomMessage.validWho(f[2])
                && f[3].length() <= RoomMessage.MAX_TEXT_CHARS) {
            listener.onKick(f[1], f[2], TextSanitizer.sanitize(f[3]));
        } else if (f[0].equals("announce") && f.length == 3 && RoomMessage.validWho(f[1])
                && f[2].length() <= RoomMessage.MAX_TEXT_CHARS) {
            listener.onAnnounce(f[1], TextSanitizer.sanitize(f[2]));
        }
    }
}
