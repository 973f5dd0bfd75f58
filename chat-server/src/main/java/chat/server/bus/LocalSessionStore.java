package chat.server.bus;

import chat.server.loop.Later;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Dropped sessions kept in this process, each until its window ends (a timer takes it out).
 *
 * <p>Reactor thread only. Bounded by the users who dropped within one window.
 */
public final class LocalSessionStore implements SessionStore {

    private final Later later;
    private final Map<String, Dropped> byHash = new HashMap<>();

    public LocalSessionStore(Later later) {
        this.later = later;
    }

    @Override
    public void put(String tokenHash, Dropped session, long windowMillis) {
        byHash.put(tokenHash, session);
        later.after(windowMillis, () -> byHash.remove(tokenHash, session));
    }

    @Override
    public void take(String tokenHash, Consumer<Dropped> found) {
        found.accept(byHash.remove(tokenHash));
    }

    /** Sessions kept (tests). */
    int size() {
        return byHash.size();
    }
}
