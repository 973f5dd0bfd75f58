package chat.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/** Measures the CPU the running server's reactor thread uses: a spinning loop shows up here. */
final class ReactorThread {

    private ReactorThread() {
    }

    /**
     * CPU time the reactor used during {@code window} of wall-clock time. The wait is a
     * measurement window, not synchronisation: nothing is expected to happen during it.
     */
    static Duration cpuDuring(Duration window) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long id = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("chat-reactor") && t.isAlive())
                .findFirst().orElseThrow(() -> new AssertionError("no reactor thread"))
                .getId();
        long before = threads.getThreadCpuTime(id);
        Thread.sleep(window.toMillis());
        return Duration.ofNanos(threads.getThreadCpuTime(id) - before);
    }
}
