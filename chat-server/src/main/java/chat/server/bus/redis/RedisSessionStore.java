package chat.server.bus.redis;

import chat.core.Names;
import chat.server.bus.SessionStore;
import io.lettuce.core.SetArgs;
import java.util.function.Consumer;

/**
 * Dropped sessions kept in Redis, so that any server of the chat can resume them: one key per
 * session, {@code chat:session:HASH} (the SHA-256 of its token, never the token), holding
 * {@code NAME US ROOM US SEQ US OWNER}, which expires at the end of the resume window. Taking
 * it is one {@code GETDEL}: of two servers asked for the same token at once, one gets it.
 *
 * <p>Reactor thread only; answers come back on it.
 */
public final class RedisSessionStore implements SessionStore {

    private static final char US = '\u001F';

    private final RedisLink link;

    public RedisSessionStore(RedisLink link) {
        this.link = link;
    }

    static String key(String tokenHash) {
        return "chat:session:" + tokenHash;
    }

    @Override
    public void put(String tokenHash, Dropped session, long windowMillis) {
        String value = session.nick() + US + session.roomName() + US + session.lastSeq() + US + session.owner();
        link.send(redis -> redis.set(key(tokenHash), value, SetArgs.Builder.px(windowMillis)));
    }

    @Override
    public void take(String tokenHash, Consumer<Dropped> found) {
        link.<String>call(redis -> redis.getdel(key(tokenHash)), value -> found.accept(decode(value)),
                why -> found.accept(null)); // Redis away: as if there were none; the user is told so
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
