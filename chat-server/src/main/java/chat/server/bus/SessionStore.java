package chat.server.bus;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where a dropped session waits to be resumed ({@code /resume}; docs/protocol.md, "Resuming a
 * dropped session"): in this process ({@link LocalSessionStore}), or in Redis, so that any
 * server of a cluster can resume it. Keyed by the hash of the session's token, never the token.
 *
 * <p>Reactor thread only; answers come back on it, later when they come from a broker.
 */
public interface SessionStore {

    /**
     * A dropped session: the name and room it had, the number of the room's last event it was
     * sent, and its owner in the directory ({@link Directory#ownerOf}), which may reclaim the
     * name it still holds.
     */
    record Dropped(String nick, String roomName, long lastSeq, String owner) {
    }

    /** Keeps {@code session} for {@code windowMillis}, under {@code tokenHash}. */
    void put(String tokenHash, Dropped session, long windowMillis);

    /**
     * Takes the session kept under {@code tokenHash} (it can be taken once) and hands it to
     * {@code found}; null if there is none (never was, expired, or taken already), or if the
     * store cannot be reached. With several servers, a session still attached to a user of
     * another server (a half-dead connection there) is asked of that server first, which drops
     * it into the store ({@link #onHandOver}); then it is taken as any dropped one.
     */
    void take(String tokenHash, Consumer<Dropped> found);

    /**
     * A session under {@code tokenHash} is attached to a user of this server, so that another
     * server's {@code /resume} can ask for it. A store of one server need not know.
     */
    default void attached(String tokenHash) {
    }

    /** The session under {@code tokenHash} is no longer attached here (dropped, ended, taken). */
    default void detached(String tokenHash) {
    }

    /**
     * Who drops a session attached here when another server asks for it: {@code handOver}
     * drops it into this store, on the reactor thread, before it returns (true), or says it
     * has no such session (false). A store of one server never asks.
     */
    default void onHandOver(Predicate<String> handOver) {
    }
}
