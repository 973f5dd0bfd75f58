package chat.server.bus.redis;

import chat.core.Names;
import chat.server.bus.Directory;
import chat.server.bus.Member;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The directory of a chat kept in Redis: names, who is in which room, counts, and where a
 * private message goes, shared by every server of the chat. Keys:
 * <pre>
 *   chat:user-seq          the last default-name number given out (userN, unique in the chat)
 *   chat:names             hash: folded name → owner (NODE US ID US NAME)
 *   chat:rooms             hash: room key → the room's name as first written
 *   chat:{K}:members       hash: NODE US ID → name, for the room whose key is K
 *   chat:node:NODE         "alive", expiring {@link Nodes#ALIVE_MILLIS} after the node's last heartbeat
 *   chat:node:NODE:users   hash: ID → NAME US NAME KEY US ROOM KEY US ROOM NAME (to clean up if NODE dies)
 *   chat:nodes             set of the nodes that registered
 *   chat:pm:NODE           the channel of private messages for the users of NODE
 * </pre>
 * A name held by a node whose heartbeat has stopped is free: claiming checks the owner's node.
 *
 * <p>Reactor thread only; every answer comes back on it. While Redis cannot be reached, a
 * query answers with {@code unavailable} (the asker is told in one line), never silently.
 */
public final class RedisDirectory implements Directory {

    static final char US = '\u001F';

    /** KEYS: names. ARGV: new key, old key, owner, owner prefix (NODE US ID US). 1 if renamed. */
    static final String RENAME = String.join("\n",
            "local h = redis.call('HGET', KEYS[1], ARGV[1])",
            "if h and string.sub(h, 1, #ARGV[4]) ~= ARGV[4] then",
            "  local node = string.match(h, '^([^\\31]*)')",
            "  if redis.call('EXISTS', 'chat:node:' .. node) == 1 then return 0 end",
            "end",
            "if ARGV[2] ~= ARGV[1] then",
            "  local old = redis.call('HGET', KEYS[1], ARGV[2])",
            "  if old and string.sub(old, 1, #ARGV[4]) == ARGV[4] then redis.call('HDEL', KEYS[1], ARGV[2]) end",
            "end",
            "redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])",
            "return 1");

    /** KEYS: names. ARGV: key, owner prefix. Frees the name if this owner holds it. */
    static final String RELEASE = String.join("\n",
            "local h = redis.call('HGET', KEYS[1], ARGV[1])",
            "if h and string.sub(h, 1, #ARGV[2]) == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end",
            "return 0");

    /** KEYS: members, rooms. ARGV: member field, room key, lobby key. Drops the room if it emptied. */
    static final String LEAVE = String.join("\n",
            "redis.call('HDEL', KEYS[1], ARGV[1])",
            "if ARGV[2] ~= ARGV[3] and redis.call('HLEN', KEYS[1]) == 0 then redis.call('HDEL', KEYS[2], ARGV[2]) end",
            "return 0");

    private final RedisLink link;
    private final Nodes nodes;
    private final String lobbyKey = Names.fold(Names.LOBBY);
    /** The members connected here, by id: where private messages for this node go. */
    private final Map<Long, Member> local = new HashMap<>();
    /** The room each member here is in (its key and name), for renames and clean-up. */
    private final Map<Long, String[]> roomOf = new HashMap<>();

    public RedisDirectory(RedisLink link, Nodes nodes) {
        this.link = link;
        this.nodes = nodes;
        link.onMessage(this::onMessage);
        link.subscribe(nodes.channel(nodes.self()));
        link.send(redis -> redis.hsetnx("chat:rooms", lobbyKey, Names.LOBBY));
        link.onLinkChange(up -> {
            if (up) {
                republish();
            }
        });
    }

    /**
     * The link is back, perhaps to a Redis that lost its data: this server's users, their names
     * and their rooms are written again (writing what is already there changes nothing).
     */
    private void republish() {
        link.send(redis -> redis.hsetnx("chat:rooms", lobbyKey, Names.LOBBY));
        for (Member member : local.values()) {
            String nick = member.nick();
            link.send(redis -> redis.hsetnx("chat:names", Names.fold(nick), owner(member) + nick));
            String[] room = roomOf.get(member.id());
            if (room != null) {
                link.send(redis -> redis.hsetnx("chat:rooms", room[0], room[1]));
                link.send(redis -> redis.hset(membersKey(room[0]), field(nodes.self(), member.id()), nick));
                remember(member, nick, room[0], room[1]);
            } else {
                remember(member, nick, "", "");
            }
        }
    }

    private String owner(Member member) {
        return nodes.self() + US + member.id() + US;
    }

    private static String field(String node, long id) {
        return node + US + id;
    }

    @Override
    public void newcomer(Member member, Consumer<String> named) {
        local.put(member.id(), member);
        link.<Long>call(redis -> redis.incr("chat:user-seq"), n -> {
            String nick = "user" + n;
            link.send(redis -> redis.hset("chat:names", Names.fold(nick), owner(member) + nick));
            remember(member, nick, "", "");
            named.accept(nick);
        }, why -> named.accept(member.nick())); // Redis is away: the local name, unique here, until it is back
    }

    @Override
    public void rename(Member member, String oldNick, String newNick, Consumer<Boolean> done) {
        String[] keys = {"chat:names"};
        link.<Long>call(redis -> redis.eval(RENAME, ScriptOutputType.INTEGER, keys, Names.fold(newNick),
                        Names.fold(oldNick), owner(member) + newNick, owner(member)),
                renamed -> {
                    if (renamed == 1) {
                        String[] room = roomOf.get(member.id());
                        if (room != null) {
                            link.send(redis -> redis.hset(membersKey(room[0]), field(nodes.self(), member.id()), newNick));
                            remember(member, newNick, room[0], room[1]);
                        }
                    }
                    done.accept(renamed == 1);
                },
                why -> done.accept(false));
    }

    @Override
    public void roomName(String roomKey, String typed, Consumer<String> name) {
        link.<Boolean>call(redis -> redis.hsetnx("chat:rooms", roomKey, typed),
                created -> link.<String>call(redis -> redis.hget("chat:rooms", roomKey),
                        shown -> name.accept(shown == null ? typed : shown), why -> name.accept(typed)),
                why -> name.accept(typed));
    }

    @Override
    public void entered(String roomKey, String room, Member member) {
        roomOf.put(member.id(), new String[] {roomKey, room});
        link.send(redis -> redis.hsetnx("chat:rooms", roomKey, room));
        link.send(redis -> redis.hset(membersKey(roomKey), field(nodes.self(), member.id()), member.nick()));
        remember(member, member.nick(), roomKey, room);
    }

    /** What must be cleaned up for this member if this node dies. */
    private void remember(Member member, String nick, String roomKey, String room) {
        link.send(redis -> redis.hset(nodes.usersKey(nodes.self()), String.valueOf(member.id()),
                nick + US + Names.fold(nick) + US + roomKey + US + room));
    }

    @Override
    public void left(String roomKey, Member member) {
        roomOf.remove(member.id());
        String[] keys = {membersKey(roomKey), "chat:rooms"};
        link.send(redis -> redis.eval(LEAVE, ScriptOutputType.INTEGER, keys, field(nodes.self(), member.id()), roomKey,
                lobbyKey));
    }

    @Override
    public void release(String nick, Member member) {
        local.remove(member.id());
        roomOf.remove(member.id());
        String[] keys = {"chat:names"};
        link.send(redis -> redis.eval(RELEASE, ScriptOutputType.INTEGER, keys, Names.fold(nick), owner(member)));
        link.send(redis -> redis.hdel(nodes.usersKey(nodes.self()), String.valueOf(member.id())));
    }

    @Override
    public void find(String nick, Consumer<Member> found, Consumer<String> unavailable) {
        link.<String>call(redis -> redis.hget("chat:names", Names.fold(nick)), owner -> {
            if (owner == null) {
                found.accept(null);
                return;
            }
            String[] f = owner.split(String.valueOf(US), 3);
            if (f.length != 3) {
                found.accept(null);
                return;
            }
            long id = Long.parseLong(f[1]);
            if (f[0].equals(nodes.self())) {
                found.accept(local.get(id));
            } else {
                found.accept(new RemoteMember(f[0], id, f[2]));
            }
        }, unavailable);
    }

    @Override
    public void who(String roomKey, Consumer<List<String>> answer, Consumer<String> unavailable) {
        link.<List<String>>call(redis -> redis.hvals(membersKey(roomKey)), names -> {
            List<String> nicks = new ArrayList<>(names);
            nicks.sort(String.CASE_INSENSITIVE_ORDER);
            answer.accept(nicks);
        }, unavailable);
    }

    @Override
    public void count(String roomKey, IntConsumer answer) {
        link.<Long>call(redis -> redis.hlen(membersKey(roomKey)), n -> answer.accept(n.intValue()),
                why -> answer.accept(0));
    }

    @Override
    public void rooms(Consumer<List<RoomCount>> answer, Consumer<String> unavailable) {
        link.<Map<String, String>>call(redis -> redis.hgetall("chat:rooms"), all -> {
            Map<String, String> byKey = new java.util.TreeMap<>(all);
            byKey.putIfAbsent(lobbyKey, Names.LOBBY);
            List<String> keys = new ArrayList<>(byKey.keySet());
            long[] counts = new long[keys.size()];
            int[] pending = {keys.size()};
            for (int i = 0; i < keys.size(); i++) {
                int at = i;
                link.<Long>call(redis -> redis.hlen(membersKey(keys.get(at))), n -> {
                    counts[at] = n;
                    if (--pending[0] == 0) {
                        List<RoomCount> list = new ArrayList<>();
                        for (int j = 0; j < keys.size(); j++) {
                            if (counts[j] > 0 || keys.get(j).equals(lobbyKey)) {
                                list.add(new RoomCount(byKey.get(keys.get(j)), (int) counts[j]));
                            }
                        }
                        answer.accept(list);
                    }
                }, unavailable);
            }
        }, unavailable);
    }

    static String membersKey(String roomKey) {
        return "chat:{" + roomKey + "}:members";
    }

    /** A private message for a user of this node, sent by another: {@code pm US ID US LINE}. */
    private void onMessage(String channel, String message) {
        if (!channel.equals(nodes.channel(nodes.self())) || !message.startsWith("pm" + US)) {
            return;
        }
        String[] f = message.split(String.valueOf(US), 3);
        Member to;
        try {
            to = f.length == 3 ? local.get(Long.parseLong(f[1])) : null;
        } catch (NumberFormatException junk) {
            return;
        }
        if (to != null && f[2].startsWith("[pm from ")) {
            to.deliver((chat.core.TextSanitizer.sanitize(f[2]) + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A user connected to another server: what is delivered to it goes through that server's channel. */
    private final class RemoteMember implements Member {
        private final String node;
        private final long id;
        private final String nick;

        RemoteMember(String node, long id, String nick) {
            this.node = node;
            this.id = id;
            this.nick = nick;
        }

        @Override
        public String nick() {
            return nick;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public void deliver(byte[] frame) {
            String line = new String(frame, java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "");
            link.send(redis -> redis.publish(nodes.channel(node), "pm" + US + id + US + line));
        }
    }
}
