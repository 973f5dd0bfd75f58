package chat.server.store;

import chat.core.Event.RoomEvent;
import java.util.function.Consumer;

/**
 * Where a room's chat and action lines are kept for newcomers: the last {@code --history} of
 * them, replayed oldest first as {@code [HH:MM] line}. In memory ({@link MemoryHistory}), in a
 * journal on disk ({@link DiskHistory}, {@code --data-dir}) or in Redis's streams
 * ({@code RedisHistory}, {@code --redis}). A room's history outlives the room emptying; each
 * store bounds how many rooms it keeps, and for how long.
 *
 * <p>Reactor thread only: a store that writes to disk hands its writing to a thread of its own
 * and never blocks the caller.
 */
public interface HistoryStore {

    /** Keeps {@code event} (a CHAT or ACTION line, numbered by the room's bus) as the room's newest line. */
    void append(String roomKey, RoomEvent event);

    /**
     * Where a replay's lines go. Each comes with its event, so a newcomer can filter it (/ignore)
     * or tag it (/tags on) without parsing it back from its bytes.
     */
    interface Replay {
        /**
         * One kept line: {@code said} (a chat or action line, numbered by the room's bus) and
         * {@code frame}, its plain replayed wire form ({@code [HH:MM] line} CR LF), which the
         * store may share with every newcomer: never to be modified.
         */
        void line(RoomEvent said, byte[] frame);
    }

    /**
     * Hands the room's lines, oldest first, to {@code lines}, then runs {@code done}: within the
     * call when the lines are at hand, later (on the reactor thread) when they must be fetched.
     */
    void replay(String roomKey, Replay lines, Runnable done);

    /**
     * Keeps {@code topic} (a TOPIC event, numbered by the room's bus) as the room's topic, in
     * place of the one before. It lives as long as the room's lines do, and is never replayed as
     * one of them.
     */
    void setTopic(String roomKey, RoomEvent topic);

    /** Hands the room's topic (its last TOPIC event), or null if it has none, to {@code topic}: at once, or later on the reactor thread. */
    void topic(String roomKey, Consumer<RoomEvent> topic);

    /**
     * Hands the room's kept lines numbered after {@code afterSeq}, oldest first and in their
     * replayed form, with their events (as {@link #replay}), to {@code lines}, then {@code done} with true if they are every line said after it (none was
     * dropped from the history since), false if older ones are no longer kept. For
     * {@code /resume}: exactly what a user missed.
     */
    void since(String roomKey, long afterSeq, Replay lines, Consumer<Boolean> done);
}
