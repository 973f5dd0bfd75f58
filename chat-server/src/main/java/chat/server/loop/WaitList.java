package chat.server.loop;

import java.util.ArrayList;

/**
 * Producers waiting for something to drain: a room whose readers are behind, a user whose
 * private messages are piling up, the server's queued memory. Back-pressure, not loss: a waiter
 * has stopped reading its socket and holds its unread lines until it is woken, and then checks
 * again (being woken is a hint, not a promise, so a spurious wake-up costs one check).
 *
 * <p>Reactor thread only. A waiter is listed at most once while it waits (it registers only when
 * it starts waiting), so the list is bounded by the number of connections.
 */
public final class WaitList {

    /** Something that stopped and wants to hear when it may go on. */
    public interface Waiter {
        void wake();
    }

    /** Waiting now, in the order they started; null while nobody waits (most of the time). */
    private ArrayList<Waiter> waiters;

    public void add(Waiter waiter) {
        if (waiters == null) {
            waiters = new ArrayList<>(4);
        }
        waiters.add(waiter);
    }

    public boolean isEmpty() {
        return waiters == null;
    }

    /** Wakes every waiter, oldest first, and forgets them: they register again if they must. */
    public void wakeAll() {
        ArrayList<Waiter> woken = waiters;
        if (woken == null) {
            return;
        }
        waiters = null;
        for (Waiter waiter : woken) {
            waiter.wake();
        }
    }
}
