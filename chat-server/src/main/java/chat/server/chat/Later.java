package chat.server.chat;

/**
 * Runs something later on the chat's thread: the reactor's timers, seen from the chat, which
 * knows no reactor. {@link #after} answers a way to cancel.
 */
@FunctionalInterface
public interface Later {

    /** Runs {@code action} in about {@code millis}; the answer cancels it (a no-op once it ran). */
    Runnable after(long millis, Runnable action);
}
