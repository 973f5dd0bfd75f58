package chat.server.bus;

import java.util.function.Consumer;

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
     * store cannot be reached.
     */
    void take(String tokenHash, Consumer<Dropped> found);
}
