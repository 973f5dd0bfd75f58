package chat.server.moderation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tries per key (an address, a connection) per minute, as {@code /oper} allows them: at most
 * {@code perMinute} in a minute that starts at a key's first try. Bounded: past
 * {@link #MAX_KEYS} keys the one used longest ago is forgotten.
 *
 * <p>One thread (the reactor's).
 */
public final class Attempts<K> {

    /** Keys remembered at once. */
    static final int MAX_KEYS = 4096;
    static final long WINDOW_MILLIS = 60_000;

    private final int perMinute;
    /** Per key: tries in its current minute, and when that minute began (epoch ms). */
    private final Map<K, long[]> tries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<K, long[]> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public Attempts(int perMinute) {
        this.perMinute = perMinute;
    }

    /** True if {@code key} may try now, at {@code nowMillis}; the try is counted either way. */
    public boolean mayTry(K key, long nowMillis) {
        long[] t = tries.computeIfAbsent(key, k -> new long[] {0, nowMillis});
        if (nowMillis - t[1] >= WINDOW_MILLIS) {
            t[0] = 0;
            t[1] = nowMillis;
        }
        return ++t[0] <= perMinute;
    }

    /** Forgets {@code key} (a connection that closed). */
    public void forget(K key) {
        tries.remove(key);
    }
}
