package chat.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT and SIGTERM: the first starts a graceful shutdown ({@link ChatServer#stop()}), the
 * second exits at once with status 1.
 *
 * <p>Why {@code sun.misc.Signal}, and why through reflection. No supported API can do this: a
 * shutdown hook runs only once the JVM is already exiting, so the process would end with 143
 * (128 + SIGTERM) instead of 0, and a second Ctrl-C during the drain is ignored instead of
 * cutting it short. {@code sun.misc.Signal} lives in the {@code jdk.unsupported} module, which
 * exists to keep such uses working. Naming it in source makes javac print "internal proprietary
 * API" warnings that no {@code @SuppressWarnings} silences, so this one class reaches it by
 * reflection, and the build stays free of warnings. Should the class ever be missing, a
 * shutdown hook still drains the server, at the cost of the exit status and the second signal.
 *
 * <p>Installed from the main thread; the handler runs on a JVM signal thread and only calls
 * {@link ChatServer#stop()}, which hands the work to the reactor.
 */
final class ShutdownSignals {

    private static final String[] SIGNALS = {"INT", "TERM"};

    private ShutdownSignals() {
    }

    /** From now on SIGINT and SIGTERM stop {@code server}; a second one halts the JVM. */
    static void stop(ChatServer server) {
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable onSignal = () -> {
            if (stopping.getAndSet(true)) {
                Runtime.getRuntime().halt(1); // asked twice: the user wants out now
            }
            server.stop();
        };
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Method handle = signal.getMethod("handle", signal, handler);
            InvocationHandler calls = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    onSignal.run();
                    return null;
                }
                return method.invoke(onSignal, args); // equals, hashCode, toString: any object's will do
            };
            Object proxy = Proxy.newProxyInstance(ShutdownSignals.class.getClassLoader(), new Class<?>[] {handler}, calls);
            for (String name : SIGNALS) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
            }
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                awaitQuietly(server);
            }, "shutdown-drain"));
        }
    }

    private static void awaitQuietly(ChatServer server) {
        try {
            server.awaitTermination(Long.MAX_VALUE);
        } catch (InterruptedException ignored) {
            // the JVM is exiting anyway; there is nobody to tell
        }
    }
}
