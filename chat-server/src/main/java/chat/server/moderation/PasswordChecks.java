package chat.server.moderation;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code /oper} passwords off the reactor: PBKDF2 costs hundreds of milliseconds of CPU,
 * which the loop cannot spend. One worker thread with a queue of {@link #QUEUE} checks; a check
 * that finds it full is refused at once (counted), and its user is told to try again. The
 * answer goes back to the loop through {@code loop} (the reactor's task queue).
 *
 * <p>{@link #submit} from the reactor thread; the answer runs on it; {@link #close} from any.
 */
public final class PasswordChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PasswordChecks.class);

    /** Checks that may wait at once; /oper is rate-limited per address, so this is only reached by many addresses at once. */
    static final int QUEUE = 16;

    private final Operators operators;
    private final Executor loop;
    private final ThreadPoolExecutor worker;
    /** Checks refused because the queue was full. */
    private final AtomicLong refused = new AtomicLong();

    public PasswordChecks(Operators operators, Executor loop) {
        this.operators = operators;
        this.loop = loop;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
            Thread thread = new Thread(task, "oper-check");
            thread.setDaemon(true); // a check in progress must not hold the process at exit
            return thread;
        });
    }

    /** The operators this checks against. */
    public Operators operators() {
        return operators;
    }

    /**
     * Checks {@code password} for operator {@code name}; {@code answer} then runs on the loop with
     * the verdict. False (and nothing runs) if too many checks are waiting. The password is
     * wiped once checked.
     */
    public boolean submit(String name, char[] password, Consumer<Boolean> answer) {
        try {
            worker.execute(() -> {
                boolean ok;
                try {
                    ok = operators.check(name, password);
                } catch (RuntimeException e) {
                    log.error("checking an operator password failed: {}", e.toString());
                    ok = false;
                } finally {
                    Arrays.fill(password, '\0');
                }
                boolean verdict = ok;
                loop.execute(() -> answer.accept(verdict));
            });
            return true;
        } catch (RejectedExecutionException full) {
            refused.incrementAndGet();
            Arrays.fill(password, '\0');
            return false;
        }
    }

    /** Checks refused since start because the queue was full. Any thread. */
    public long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
