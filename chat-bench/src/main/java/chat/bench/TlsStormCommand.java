package chat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tls-storm}: N TLS clients connect at once (from a pool of threads, each opening an
 * {@link SSLSocket}, finishing the handshake and reading the welcome line), then leave or stay;
 * reports how long the storm took and how many failed. Run a {@code fanout} on the plain port
 * beside it to see what the storm does to the plain users (bench/tls-storm.sh does both).
 *
 * <p>The server's certificate is not checked: this measures the server's handshakes, against a
 * self-signed certificate as often as not. Main thread, and the pool's threads.
 */
@Command(name = "tls-storm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Opens --clients TLS connections at once from --threads threads: each finishes its handshake"
                + " and reads the server's first line (its welcome). Reports how long they took and how many failed."
                + " The server's certificate is not verified."})
final class TlsStormCommand implements Callable<Integer> {

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", required = true, description = "The server's TLS port.")
    private int port;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1000", description = "TLS connections (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "16", description = "Connecting threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--stay", description = "Keep every connection open until all are in, instead of leaving at once.")
    private boolean stay;

    @Option(names = "--json", description = "One JSON line instead of a readable summary.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        SSLContext tls = trustingEveryone();
        AtomicInteger failed = new AtomicInteger();
        List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        String[] firstError = {null};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            done.add(pool.submit(() -> {
                try {
                    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
                    socket.connect(new InetSocketAddress(host, port), 10_000);
                    socket.setSoTimeout(30_000);
                    socket.startHandshake();
                    readLine(socket.getInputStream());
                    if (stay) {
                        held.add(socket);
                    } else {
                        socket.close();
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                    synchronized (firstError) {
                        if (firstError[0] == null) {
                            firstError[0] = e.toString();
                        }
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        for (Socket socket : held) {
            socket.close();
        }
        if (json) {
            System.out.println(new JsonLine().put("mode", "tls_storm").put("clients", clients).put("failed", failed.get())
                    .put("stay", stay).put("storm_s", seconds).put("handshakes_per_s", (clients - failed.get()) / seconds)
                    .put("first_error", firstError[0]));
        } else {
            System.out.printf(java.util.Locale.ROOT, "tls-storm: %,d TLS clients (%s) in %.3f s, %,d failed%s%n", clients,
                    stay ? "staying" : "leaving", seconds, failed.get(), firstError[0] == null ? "" : " (first: " + firstError[0] + ")");
        }
        return failed.get() == 0 ? 0 : 1;
    }

    /** Reads up to the first LF: the welcome. */
    private static void readLine(InputStream in) throws IOException {
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                return;
            }
        }
        throw new IOException("closed before a line");
    }

    private static SSLContext trustingEveryone() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // deliberately: the bench measures handshakes, not the certificate's owner
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
