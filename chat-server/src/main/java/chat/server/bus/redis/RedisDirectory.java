package chat.server.bus.redis;

import chat.core.Names;
import chat.server.bus.Directory;
import chat.server.bus.Member;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *   chat:pm:NODE           the channel of private messages for the users of NODE:
 *                          pm2 US ID US FROM US TEXT (see {@link #onMessage})
 *   chat:user:NODE:ID      hash: since, spoke (epoch ms), away, awaySince: what /whois, /who and
 *                          /msg show of a user (its key is its owner, so it survives renames)
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

    /**
     * KEYS: names. ARGV: new key, old key, owner, owner prefix (NODE US ID US), the dropped
     * session's owner prefix. As {@link #RENAME}, and the name may also be held by that session.
     */
    static final String RECLAIM = String.join("\n",
            "local h = redis.call('HGET', KEYS[1], ARGV[1])",
            "if h and string.sub(h, 1, #ARGV[4]) ~= ARGV[4] and string.sub(h, 1, #ARGV[5]) ~= ARGV[5] then",
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

    /**
     * KEYS: names. ARGV: folded name. Who holds the name, with what /whois shows:
     * {NAME, ROOM NAME, since, spoke, away, awaySince, NODE, ID}; empty if no one does.
     */
    static final String WHOIS = String.join("\n",
            "local h = redis.call('HGET', KEYS[1], ARGV[1])",
            "if not h then return {} end",
            "local node, id, nick = string.match(h, '^([^\\31]*)\\31([^\\31]*)\\31(.*)$')",
            "if not node then return {} end",
            "local u = redis.call('HGET', 'chat:node:' .. node .. ':users', id)",
            "local room = ''",
            "if u then room = string.match(u, '^[^\\31]*\\31[^\\31]*\\31[^\\31]*\\31(.*)$') or '' end",
            "local f = redis.call('HMGET', 'chat:user:' .. node .. ':' .. id, 'since', 'spoke', 'away', 'awaySince')",
            "return {nick, room, f[1] or '0', f[2] or '0', f[3] or '', f[4] or '0', node, id}");

    /** KEYS: names. ARGV: folded name. {OWNER, away, awaySince} of whoever holds the name; empty if no one. */
    static final String FIND = String.join("\n",
            "local h = redis.call('HGET', KEYS[1], ARGV[1])",
            "if not h then return {} end",
            "local node, id = string.match(h, '^([^\\31]*)\\31([^\\31]*)\\31')",
            "if not node then return {h, '', '0'} end",
            "local f = redis.call('HMGET', 'chat:user:' .. node .. ':' .. id, 'away', 'awaySince')",
            "return {h, f[1] or '', f[2] or '0'}");

    /** KEYS: a room's members. The names of those of them who are away. */
    static final String AWAY_IN = String.join("\n",
            "local all = redis.call('HGETALL', KEYS[1])",
            "local out = {}",
            "for i = 1, #all, 2 do",
            "  local a = redis.call('HGET', 'chat:user:' .. (string.gsub(all[i], '\\31', ':')), 'away')",
            "  if a and a ~= '' then table.insert(out, all[i + 1]) end",
            "end",
            "return out");

    /** How stale a user's last-line time in Redis may be: written at most this often, so a busy talker costs no write per line. */
    static final long SPOKE_WRITE_MILLIS = 5_000;

    private final RedisLink link;
    private final Nodes nodes;
    /** When each member here last had its last-line time written to Redis (by id). */
    private final Map<Long, Long> spokeWritten = new HashMap<>();
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
            writeProfile(member);
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
        writeProfile(member);
        link.<Long>call(redis -> redis.incr("chat:user-seq"), n -> {
            String nick = "user" + n;
            link.send(redis -> redis.hset("chat:names", Names.fold(nick), owner(member) + nick));
            remember(member, nick, "", "");
            named.accept(nick);
        }, why -> named.accept(member.nick())); // Redis is away: the local name, unique here, until it is back
    }

    @Override
    public String ownerOf(Member member) {
        return owner(member);
    }

    @Override
    public void reclaim(Member member, String oldNick, String nick, String dropped, Consumer<Boolean> done) {
        renameBy(RECLAIM, member, oldNick, nick, done, dropped);
    }

    @Override
    public void rename(Member member, String oldNick, String newNick, Consumer<Boolean> done) {
        renameBy(RENAME, member, oldNick, newNick, done);
    }

    /** Runs a rename script ({@link #RENAME}, {@link #RECLAIM}; {@code extra}: its further ARGV). */
    private void renameBy(String script, Member member, String oldNick, String newNick, Consumer<Boolean> done,
            String... extra) {
        String[] keys = {"chat:names"};
        String[] args = new String[4 + extra.length];
        args[0] = Names.fold(newNick);
        args[1] = Names.fold(oldNick);
        args[2] = owner(member) + newNick;
        args[3] = owner(member);
        System.arraycopy(extra, 0, args, 4, extra.length);
        link.<Long>call(redis -> redis.eval(script, ScriptOutputType.INTEGER, keys, args),
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
        spokeWritten.remove(member.id());
        link.send(redis -> redis.del(userKey(nodes.self(), member.id())));
    }

    @Override
    public void find(String nick, Consumer<Member> found, Consumer<String> unavailable) {
        String[] keys = {"chat:names"};
        link.<List<Object>>call(redis -> redis.eval(FIND, ScriptOutputType.MULTI, keys, Names.fold(nick)), answer -> {
            if (answer.size() != 3) {
                found.accept(null);
                return;
            }
            String[] f = String.valueOf(answer.get(0)).split(String.valueOf(US), 3);
            if (f.length != 3) {
                found.accept(null);
                return;
            }
            long id = Long.parseLong(f[1]);
            if (f[0].equals(nodes.self())) {
                found.accept(local.get(id));
            } else {
                found.accept(new RemoteMember(f[0], id, f[2], away(answer.get(1), answer.get(2))));
            }
        }, unavailable);
    }

    /** An away message and its start as Redis holds them; null if not away. */
    private static Away away(Object message, Object since) {
        String text = message == null ? "" : String.valueOf(message);
        return text.isEmpty() ? null : new Away(chat.core.TextSanitizer.sanitize(text), millis(since));
    }

    private static long millis(Object value) {
        try {
            return value == null ? 0 : Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException junk) {
            return 0;
        }
    }

    // Issue 13 §2: what /whois, /away and /who's away marks read, in chat:user:NODE:ID.

    static String userKey(String node, long id) {
        return "chat:user:" + node + ":" + id;
    }

    /** Writes all of {@code member}'s fields (arrival, and again after Redis came back). */
    private void writeProfile(Member member) {
        Away away = member.away();
        Map<String, String> fields = new HashMap<>();
        fields.put("since", String.valueOf(member.connectedAtMillis()));
        fields.put("spoke", String.valueOf(member.spokeAtMillis()));
        fields.put("away", away == null ? "" : away.message());
        fields.put("awaySince", away == null ? "0" : String.valueOf(away.sinceMillis()));
        link.send(redis -> redis.hset(userKey(nodes.self(), member.id()), fields));
    }

    @Override
    public void spoke(Member member, long atMillis) {
        Long written = spokeWritten.get(member.id());
        if (written != null && atMillis - written < SPOKE_WRITE_MILLIS) {
            return; // recent enough: another server's /whois may show up to that much more idle
        }
        spokeWritten.put(member.id(), atMillis);
        link.send(redis -> redis.hset(userKey(nodes.self(), member.id()), "spoke", String.valueOf(atMillis)));
    }

    @Override
    public void awayChanged(Member member, Runnable done) {
        Away away = member.away();
        // Failed: the link is down, and republish writes the member's fields again once it is back.
        link.<Long>call(redis -> redis.hset(userKey(nodes.self(), member.id()), Map.of(
                "away", away == null ? "" : away.message(),
                "awaySince", away == null ? "0" : String.valueOf(away.sinceMillis()))), written -> done.run(), why -> done.run());
    }

    @Override
    public void whois(String nick, Consumer<Profile> found, Consumer<String> unavailable) {
        String[] keys = {"chat:names"};
        link.<List<Object>>call(redis -> redis.eval(WHOIS, ScriptOutputType.MULTI, keys, Names.fold(nick)), f -> {
            if (f.size() != 8) {
                found.accept(null);
                return;
            }
            String node = String.valueOf(f.get(6));
            Member here = node.equals(nodes.self()) ? local.get(millis(f.get(7))) : null;
            if (here != null) { // one of ours: its own fields, exact
                String[] room = roomOf.get(here.id());
                found.accept(new Profile(here.nick(), room == null ? "" : room[1], here.connectedAtMillis(),
                        here.spokeAtMillis(), here.away()));
                return;
            }
            found.accept(new Profile(String.valueOf(f.get(0)), String.valueOf(f.get(1)), millis(f.get(2)),
                    millis(f.get(3)), away(f.get(4), f.get(5))));
        }, unavailable);
    }

    @Override
    public void awayIn(String roomKey, Consumer<Set<String>> nicks, Consumer<String> unavailable) {
        String[] keys = {membersKey(roomKey)};
        link.<List<Object>>call(redis -> redis.eval(AWAY_IN, ScriptOutputType.MULTI, keys), names -> {
            Set<String> away = new HashSet<>();
            names.forEach(n -> away.add(String.valueOf(n)));
            nicks.accept(away);
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

    /**
     * A private message for a user of this node, sent by another: {@code pm2 US ID US FROM US TEXT}
     * (the event's fields, so a recipient in tagged mode gets it tagged), or, from a server of
     * an older version, {@code pm US ID US LINE} (the rendered line). Like a room's messages
     * ({@link RoomMessage}), whatever arrives is checked: a sender that is not a name, a text
     * too long, anything else is dropped; the text is sanitised again.
     */
    private void onMessage(String channel, String message) {
        if (!channel.equals(nodes.channel(nodes.self()))) {
            return;
        }
        String[] f;
        chat.core.Event.PrivateFrom pm;
        if (message.startsWith(PRIVATE_MESSAGE + US)) {
            f = message.split(String.valueOf(US), 4);
            if (f.length != 4 || !RoomMessage.validWho(f[2]) || f[3].length() > RoomMessage.MAX_TEXT_CHARS) {
                return;
            }
            pm = new chat.core.Event.PrivateFrom(f[2], chat.core.TextSanitizer.sanitize(f[3]));
        } else if (message.startsWith("pm" + US)) {
            f = message.split(String.valueOf(US), 3);
            if (f.length != 3 || !(chat.core.Wire.parse(chat.core.TextSanitizer.sanitize(f[2])) instanceof chat.core.Event.PrivateFrom old)) {
                return;
            }
            pm = old;
        } else {
            return;
        }
        Member to;
        try {
            to = local.get(Long.parseLong(f[1]));
        } catch (NumberFormatException junk) {
            return;
        }
        if (to == null || to.ignores(pm.who())) {
            return; // gone, or its recipient ignores the sender (/ignore): dropped here, where it would be delivered
        }
        to.deliver(pm); // plain or tagged, as the recipient asked
    }

    /** The kind of message on a node's channel that carries a private message's fields. */
    static final String PRIVATE_MESSAGE = "pm2";

    /** A user connected to another server: what is delivered to it goes through that server's channel. */
    private final class RemoteMember implements Member {
        private final String node;
        private final long id;
        private final String nick;
        /** The away message Redis held when this member was looked up; null if none. */
        private final Away away;

        RemoteMember(String node, long id, String nick, Away away) {
            this.node = node;
            this.id = id;
            this.nick = nick;
            this.away = away;
        }

        @Override
        public Away away() {
            return away;
        }

        @Override
        public String nick() {
            return nick;
        }

        @Override
        public long id() {
            return id;
        }

        /** A private message travels as its fields, so its recipient's server can tag it; anything else as its line. */
        @Override
        public void deliver(chat.core.Event event) {
            if (event instanceof chat.core.Event.PrivateFrom pm) {
                link.send(redis -> redis.publish(nodes.channel(node), PRIVATE_MESSAGE + US + id + US + pm.who() + US + pm.text()));
            } else {
                deliver(chat.core.Wire.frame(event));
            }
        }

        @Override
        public void deliver(byte[] frame) {
            String line = new String(frame, java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "");
            link.send(redis -> redis.publish(nodes.channel(node), "pm" + US + id + US + line));
        }
    }
}
