package chat.server.loop;

/**
 * Runs something later on the reactor's thread: its timers, as seen by code that knows no
 * reactor (the chat, a store). {@link #after} answers a way to cancel.
 */
@FunctionalInterface
public interface Later {

    /** Runs {@code action} in about {@code millis}; the answer cancels it (a no-op once it ran). */
    Runnable after(long millis, Runnable action);
}
