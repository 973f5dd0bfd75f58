package chat.server.bus.redis;

import chat.core.Names;
import chat.server.bus.SessionStore;
import chat.server.loop.Later;
import io.lettuce.core.SetArgs;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Sessions kept in Redis, so that any server of the chat can resume them.
 *
 * <pre>
 *   chat:session:HASH     a dropped session: NAME US ROOM US SEQ US OWNER, expiring at the end of the resume window
 *   chat:live:HASH        the node a session is attached to, while its user is connected there
 *   chat:takeover:NODE    the channel on which other nodes ask NODE for a session, and NODE answers
 * </pre>
 *
 * HASH is the SHA-256 of the token, never the token. Taking a dropped session is one
 * {@code GETDEL}: of two servers asked for the same token at once, one gets it.
 *
 * <p>A session still attached on another node (its user's connection there is half dead, or
 * alive: the user resumes from a second device) is taken over in three steps: {@code GETDEL
 * chat:live:HASH} names the node (and, being a GETDEL, lets only one asker go on); a message
 * {@code ask US HASH US ME} on that node's channel makes it drop the session into
 * {@code chat:session:HASH} and answer {@code done US HASH} on the asker's channel (the SET goes
 * before the PUBLISH on the one connection, so it is there); the asker then takes it as any
 * dropped session. An asker that hears nothing within {@link #HAND_OVER_MILLIS} (that node died)
 * treats the token as opening nothing. {@code chat:live} keys expire after
 * {@link #LIVE_MILLIS}, so those of a node that died do not pile up; a session attached for
 * longer can still be resumed once its connection drops, only not taken over.
 *
 * <p>Reactor thread only; answers come back on it. What arrives on the channel is checked (a
 * hash of 64 hex digits, a node's name as {@code --node} allows) and anything else dropped.
 */
public final class RedisSessionStore implements SessionStore {

    /** How long an asking node waits for the node holding a session to hand it over. */
    static final long HAND_OVER_MILLIS = 3_000;
    /** How long a {@code chat:live} key outlives its last write. */
    static final long LIVE_MILLIS = 24 * 3600 * 1000L;
    /** Hand-overs this node may wait on at once; more are answered "nothing" at once. */
    static final int MAX_WAITING = 1_024;

    private static final char US = '\u001F';
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /** A node's name, as {@code --node} allows it. */
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final RedisLink link;
    private final String self;
    private final Later later;
    /** Hand-overs asked of other nodes and not yet answered: hash → who waits. */
    private final Map<String, Consumer<Dropped>> waiting = new HashMap<>();
    /** Drops a session attached here when another node asks; false if there is none. */
    private Predicate<String> handOver = hash -> false;

    /** @param self this node's name ({@code --node}) */
    public RedisSessionStore(RedisLink link, String self, Later later) {
        this.link = link;
        this.self = self;
        this.later = later;
        link.onMessage(this::onMessage);
        link.subscribe(channel(self));
    }

    static String key(String tokenHash) {
        return "chat:session:" + tokenHash;
    }

    static String liveKey(String tokenHash) {
        return "chat:live:" + tokenHash;
    }

    static String channel(String node) {
        return "chat:takeover:" + node;
    }

    @Override
    public void put(String tokenHash, Dropped session, long windowMillis) {
        String value = session.nick() + US + session.roomName() + US + session.lastSeq() + US + session.owner();
        link.send(redis -> redis.set(key(tokenHash), value, SetArgs.Builder.px(windowMillis)));
    }

    @Override
    public void take(String tokenHash, Consumer<Dropped> found) {
        link.<String>call(redis -> redis.getdel(key(tokenHash)), value -> {
            if (value != null) {
                found.accept(decode(value));
                return;
            }
            askHolder(tokenHash, found);
        }, why -> found.accept(null)); // Redis away: as if there were none; the user is told so
    }

    @Override
    public void attached(String tokenHash) {
        link.send(redis -> redis.set(liveKey(tokenHash), self, SetArgs.Builder.px(LIVE_MILLIS)));
    }

    @Override
    public void detached(String tokenHash) {
        link.send(redis -> redis.del(liveKey(tokenHash)));
    }

    @Override
    public void onHandOver(Predicate<String> handOver) {
        this.handOver = handOver;
    }

    /** No dropped session under {@code tokenHash}: perhaps one still attached on another node. */
    private void askHolder(String tokenHash, Consumer<Dropped> found) {
        link.<String>call(redis -> redis.getdel(liveKey(tokenHash)), node -> {
            if (node == null || node.equals(self) || waiting.size() >= MAX_WAITING || waiting.containsKey(tokenHash)) {
                found.accept(null);
                return;
            }
            waiting.put(tokenHash, found);
            link.send(redis -> redis.publish(channel(node), "ask" + US + tokenHash + US + self));
            later.after(HAND_OVER_MILLIS, () -> {
                Consumer<Dropped> stillWaiting = waiting.remove(tokenHash);
                if (stillWaiting != null) {
                    stillWaiting.accept(null); // that node is gone, or no longer had it
                }
            });
        }, why -> found.accept(null));
    }

    private void onMessage(String channel, String message) {
        if (!channel.equals(channel(self))) {
            return;
        }
        String[] f = message.split(String.valueOf(US), 3);
        if (f.length == 3 && f[0].equals("ask") && HASH.matcher(f[1]).matches() && NODE.matcher(f[2]).matches()) {
            String asker = f[2];
            if (handOver.test(f[1])) {
                link.send(redis -> redis.publish(channel(asker), "done" + US + f[1]));
            }
        } else if (f.length == 2 && f[0].equals("done") && HASH.matcher(f[1]).matches()) {
            Consumer<Dropped> found = waiting.remove(f[1]);
            if (found != null) {
                link.<String>call(redis -> redis.getdel(key(f[1])), value -> found.accept(decode(value)),
                        why -> found.accept(null));
            }
        }
    }

    /** The session {@code value} holds; null if none, or not one this server could have written. */
    static Dropped decode(String value) {
        if (value == null) {
            return null;
        }
        String[] f = value.split(String.valueOf(US), 4);
        if (f.length != 4 || Names.roomProblem(f[1]).isPresent() || f[0].isEmpty()
                || !f[0].codePoints().allMatch(Names::isNameCodePoint) || !f[2].matches("[0-9]{1,18}")) {
            return null;
        }
        return new Dropped(f[0], f[1], Long.parseLong(f[2]), f[3]);
    }
}
