package chat.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of {@code --metrics}: Prometheus's text format at {@code /metrics} (the client
 * library's own handler), {@code /health} ({@link Health}), a one-line index at {@code /}, and
 * 404 for the rest.
 *
 * <p>Threads of its own, bounded: the JDK server's dispatcher and {@link #THREADS} workers with
 * a queue of {@link #QUEUE} requests; past that the dispatcher answers the request itself
 * (caller-runs), which slows a flood of scrapes down instead of adding threads or dropping
 * connections half-answered. None of them touches the reactor.
 *
 * <p>Started on the main thread; {@link #close} from any thread, once.
 */
public final class MetricsEndpoint implements AutoCloseable {

    /** Workers answering requests: a scrape takes well under a millisecond of CPU. */
    static final int THREADS = 2;
    /** Requests that may wait for a worker. */
    static final int QUEUE = 16;

    private final HTTPServer server;

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    /**
     * Listens on {@code address} (resolved; port 0 picks a free one) and serves {@code metrics}
     * and {@code health}.
     *
     * @throws IOException if the address cannot be bound
     */
    public static MetricsEndpoint start(InetSocketAddress address, ChatMetrics metrics, Health health)
            throws IOException {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), daemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
        try {
            HTTPServer server = HTTPServer.builder()
                    .inetAddress(address.getAddress())
                    .port(address.getPort())
                    .registry(metrics.registry())
                    .executorService(workers)
                    .registerHealthHandler(false) // its /-/healthy says 200 even while draining
                    .defaultHandler(exchange -> answer(exchange, health))
                    .buildAndStart();
            return new MetricsEndpoint(server);
        } catch (IOException | RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getPort();
    }

    /** Stops listening; a scrape in progress is cut. */
    @Override
    public void close() {
        server.close();
    }

    /** Everything that is not {@code /metrics}: {@code /health}, the index, or 404. */
    private static void answer(HttpExchange exchange, Health health) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/health")) {
            Health.Status status = health.now();
            reply(exchange, status.httpStatus(), status.text());
        } else if (path.equals("/")) {
            reply(exchange, 200, "chat-server: /metrics (Prometheus text format), /health");
        } else {
            reply(exchange, 404, "not found: try /metrics or /health");
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        try (exchange) {
            byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger next = new AtomicInteger(1);
        return work -> {
            Thread thread = new Thread(work, "chat-metrics-" + next.getAndIncrement());
            thread.setDaemon(true); // the loop's exit closes the server; a stuck scrape must not hold the JVM
            return thread;
        };
    }
}
