package chat.server.bus.redis;

import chat.core.Event.RoomEvent;
import chat.core.Names;
import chat.server.bus.RoomBus;
import chat.server.loop.Reactor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of the chat, and what happens when one dies. Each server ("node") keeps a key
 * {@code chat:node:NODE} alive with a heartbeat every {@link #HEARTBEAT_MILLIS}; the key expires
 * {@link #ALIVE_MILLIS} after the last one. With each heartbeat a node looks at the others: the
 * first to see a node's key gone takes it off {@code chat:nodes} (one script, so exactly one
 * node does), frees its users' names and presence, and tells each of their rooms that they left
 * ("server lost"). A node killed with -9 is so gone from /who, /rooms and the names within
 * {@code ALIVE_MILLIS + HEARTBEAT_MILLIS} (20 s at most, 15 s typically).
 *
 * <p>Reactor thread only.
 */
public final class Nodes {

    private static final Logger log = LoggerFactory.getLogger(Nodes.class);

    static final long HEARTBEAT_MILLIS = 3_000;
    static final long ALIVE_MILLIS = 10_000;

    /**
     * KEYS: nodes, the dead node's users, names. ARGV: node, its alive key, lobby key.
     * Returns NAME, ROOM KEY, ROOM NAME for each user who was in a room; nothing if the node is
     * alive or another node reaped it first.
     */
    static final String REAP = String.join("\n",
            "if redis.call('EXISTS', ARGV[2]) == 1 then return {} end",
            "if redis.call('SREM', KEYS[1], ARGV[1]) == 0 then return {} end",
            "local users = redis.call('HGETALL', KEYS[2])",
            "redis.call('DEL', KEYS[2])",
            "local out = {}",
            "for i = 1, #users, 2 do",
            "  local id = users[i]",
            "  local nick, nkey, rkey, rname = string.match(users[i + 1], '^([^\\31]*)\\31([^\\31]*)\\31([^\\31]*)\\31(.*)$')",
            "  if nick then",
            "    local owner = ARGV[1] .. '\\31' .. id .. '\\31'",
            "    local h = redis.call('HGET', KEYS[3], nkey)",
            "    if h and string.sub(h, 1, #owner) == owner then redis.call('HDEL', KEYS[3], nkey) end",
            "    redis.call('DEL', 'chat:user:' .. ARGV[1] .. ':' .. id)",
            "    if rkey ~= '' then",
            "      local members = 'chat:{' .. rkey .. '}:members'",
            "      redis.call('HDEL', members, ARGV[1] .. '\\31' .. id)",
            "      if rkey ~= ARGV[3] and redis.call('HLEN', members) == 0 then redis.call('HDEL', 'chat:rooms', rkey) end",
            "      table.insert(out, nick)",
            "      table.insert(out, rkey)",
            "      table.insert(out, rname)",
            "    end",
            "  end",
            "end",
            "return out");

    private final RedisLink link;
    private final Reactor reactor;
    private final String self;
    private RoomBus bus;
    private boolean stopped;

    public Nodes(RedisLink link, Reactor reactor, String self) {
        this.link = link;
        this.reactor = reactor;
        this.self = self;
    }

    String self() {
        return self;
    }

    /** The channel private messages for {@code node}'s users are published on. */
    String channel(String node) {
        return "chat:pm:" + node;
    }

    String usersKey(String node) {
        return "chat:node:" + node + ":users";
    }

    private static String aliveKey(String node) {
        return "chat:node:" + node;
    }

    /** Starts the heartbeat; dead nodes' users are announced as leaving on {@code roomBus}. */
    public void start(RoomBus roomBus) {
        this.bus = roomBus;
        beat();
    }

    /** Stops the heartbeat and takes this node off the chat (a clean shutdown). */
    public void stop() {
        stopped = true;
        link.send(redis -> redis.del(aliveKey(self)));
    }

    private void beat() {
        if (stopped) {
            return;
        }
        link.send(redis -> redis.set(aliveKey(self), "alive", SetArgs.Builder.px(ALIVE_MILLIS)));
        link.send(redis -> redis.sadd("chat:nodes", self));
        link.<Set<String>>call(redis -> redis.smembers("chat:nodes"), this::lookForTheDead, why -> { });
        reactor.timers().schedule(reactor.now() + HEARTBEAT_MILLIS * 1_000_000, this::beat);
    }

    private void lookForTheDead(Set<String> all) {
        for (String node : all) {
            if (node.equals(self)) {
                continue;
            }
            String[] keys = {"chat:nodes", usersKey(node), "chat:names"};
            link.<List<Object>>call(redis -> redis.eval(REAP, ScriptOutputType.MULTI, keys, node, aliveKey(node),
                    Names.fold(Names.LOBBY)), gone -> announce(node, gone), why -> { });
        }
    }

    private void announce(String node, List<Object> gone) {
        if (gone.isEmpty()) {
            return;
        }
        log.warn("server {} is gone: its {} user(s) left the chat", node, gone.size() / 3);
        for (int i = 0; i + 2 < gone.size(); i += 3) {
            String nick = String.valueOf(gone.get(i));
            String roomKey = String.valueOf(gone.get(i + 1));
            String room = String.valueOf(gone.get(i + 2));
            bus.publish(roomKey, RoomEvent.leave(room, nick, "server lost"));
        }
    }
}
