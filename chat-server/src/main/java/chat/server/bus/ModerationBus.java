package chat.server.bus;

import chat.server.moderation.Sanction;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the chat's bans and mutes are kept, and how operators' actions reach every server:
 * {@link LocalModerationBus} in one process (in memory, or in a file of the data directory),
 * {@code RedisModerationBus} for a chat of several servers. Like {@link RoomBus}, a change is
 * acted on when it comes back: every server, the operator's included, is handed the whole new
 * list ({@link Listener#onSanctions}) and enforces it on its own users.
 *
 * <p>Reactor thread only, callbacks included. A change that cannot be made (the broker is
 * away) says so through {@code failed}, with a one-line reason, and changes nothing.
 */
public interface ModerationBus {

    /** What every server is told. */
    interface Listener {

        /** The chat's bans and mutes are now {@code all} (some perhaps expired). */
        void onSanctions(List<Sanction> all);

        /** Operator {@code by} kicked whoever is called {@code nick} (here, if anywhere). */
        void onKick(String nick, String by, String reason);

        /** Operator {@code by} announces {@code text} to every room. */
        void onAnnounce(String by, String text);
    }

    /** Starts telling {@code listener}; it is handed the list kept so far, now or soon. */
    void listen(Listener listener);

    /** Adds {@code sanction}, replacing one of the same key; {@code done} once every server is told. */
    void put(Sanction sanction, Runnable done, Consumer<String> failed);

    /** Lifts the sanction {@code key}; {@code done} says whether there was one. */
    void remove(String key, Consumer<Boolean> done, Consumer<String> failed);

    /** Tells every server to kick {@code nick}. */
    void kick(String nick, String by, String reason, Consumer<String> failed);

    /** Tells every server to show {@code text} in every room. */
    void announce(String by, String text, Consumer<String> failed);
}
