package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.moderation.ModerationSettings;
import chat.server.tls.TlsSettings;
import chat.testkit.Await;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --metrics}: a real server with its metrics on a free loopback port, real clients
 * chatting, and {@code /metrics} scraped over HTTP as Prometheus would, its counters read from
 * the text format. Before each scrape of the loop's counters the test has the reactor publish
 * its snapshot ({@link ChatServer#publishMetricsNow}) after it saw the server act, so nothing
 * waits for the once-a-second publication.
 */
class MetricsTest {

    @TempDir
    Path dir;

    private ChatServer server;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable each : toClose) {
            each.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ChatServer start(ServerConfig config) throws IOException {
        server = ChatServer.start(config.withPort(0), new InetSocketAddress("127.0.0.1", 0));
        return server;
    }

    private TestClient joinAs(String nick) throws IOException {
        TestClient client = TestClient.join(server.port());
        toClose.add(client);
        client.send("/nick " + nick);
        client.expect("*** " + client.nick() + " is now known as " + nick);
        return client;
    }

    /** The loop's counters as they are now (the test saw what it counts happen). */
    private Scrape scrape() throws Exception {
        server.publishMetricsNow();
        return Scrape.of(server.metricsPort());
    }

    /** Scrapes (each time after a fresh snapshot) until {@code condition} holds; the last scrape. */
    private Scrape awaitScrape(java.util.function.Predicate<Scrape> condition, String what) {
        Scrape[] last = new Scrape[1];
        Await.until(() -> {
            try {
                last[0] = scrape();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return condition.test(last[0]);
        }, () -> what + "; last scrape: " + last[0]);
        return last[0];
    }

    @Test
    void linesReceivedDeliveriesAndBytesSentMoveWithTheChat() throws Exception {
        start(ServerConfig.defaults().withFlood(50, 0));
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        ann.expect("*** " + bob.nick() + " is now known as bob");
        Scrape before = scrape();
        for (int i = 1; i <= 3; i++) {
            ann.send("line " + i);
        }
        ann.expect("ann: line 3");
        bob.expect("ann: line 3");
        Scrape after = scrape();
        assertEquals(3, after.value("chat_lines_received_total") - before.value("chat_lines_received_total"), after.toString());
        assertEquals(6, after.value("chat_deliveries_total") - before.value("chat_deliveries_total"),
                "each line to both members: " + after);
        double lineBytes = ("ann: line 1\r\n").length();
        assertTrue(after.value("chat_sent_bytes_total") - before.value("chat_sent_bytes_total") >= 6 * lineBytes, after.toString());
        assertEquals(2, after.value("chat_connections{state=\"open\"}"), after.toString());
        assertEquals(0, after.value("chat_connections{state=\"closing\"}"), after.toString());
        assertEquals(2, after.value("chat_arrivals_total"), after.toString());
        assertEquals(1, after.value("chat_rooms"), "the lobby: " + after);
        ann.send("/join dev");
        ann.expect("*** You joined #dev (1 user here).");
        assertEquals(2, scrape().value("chat_rooms"), "the lobby and #dev");
    }

    @Test
    void departuresAreCountedByReason() throws Exception {
        start(ServerConfig.defaults().withFlood(50, 0));
        TestClient ann = joinAs("ann");
        TestClient bob = joinAs("bob");
        TestClient cat = joinAs("cat");
        ann.expect("*** " + cat.nick() + " is now known as cat");
        bob.send("/quit see you");
        bob.readUntilClosed();
        bob.close(); // a closing connection is counted as gone once the peer has closed too
        ann.expect("*** bob left #lobby (quit: see you)");
        cat.close();
        ann.expect("*** cat left #lobby (connection closed)");
        try (Socket web = new Socket("127.0.0.1", server.port())) {
            web.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            web.getInputStream().readAllBytes(); // told what this is, then closed
        }
        Scrape after = awaitScrape(s -> s.value("chat_connections{state=\"closing\"}") == 0, "nobody left closing");
        assertEquals(1, after.value("chat_departures_total{reason=\"quit\"}"), after.toString());
        assertEquals(1, after.value("chat_departures_total{reason=\"eof\"}"), after.toString());
        assertEquals(1, after.value("chat_departures_total{reason=\"foreign_protocol\"}"), after.toString());
        assertEquals(0, after.value("chat_departures_total{reason=\"error\"}"), after.toString());
        assertEquals(4, after.value("chat_arrivals_total"), after.toString());
        assertEquals(1, after.value("chat_connections{state=\"open\"}"), "ann is left: " + after);
    }

    @Test
    void aConnectionRefusedAtTheLimitIsCountedByReason() throws Exception {
        start(ServerConfig.defaults().withMaxConnections(1));
        joinAs("ann");
        try (TestClient refused = TestClient.connect(server.port())) {
            assertEquals("! The server is full (1 connections); try again later.", refused.readLine());
        }
        Scrape after = scrape();
        assertEquals(1, after.value("chat_refused_connections_total{reason=\"server_full\"}"), after.toString());
        assertEquals(0, after.value("chat_refused_connections_total{reason=\"per_address\"}"), after.toString());
        assertEquals(1, after.value("chat_arrivals_total"), "a refused connection never arrived: " + after);
    }

    @Test
    void aConnectionOverItsAddressShareIsRefusedAsPerAddress() throws Exception {
        start(ServerConfig.defaults().withPerAddressLimit(1, List.of()));
        joinAs("ann");
        try (TestClient refused = TestClient.connect(server.port())) {
            assertEquals("! Too many connections from your address (at most 1); close one and try again.",
                    refused.readLine());
        }
        Scrape after = scrape();
        assertEquals(1, after.value("chat_refused_connections_total{reason=\"per_address\"}"), after.toString());
        assertEquals(0, after.value("chat_refused_connections_total{reason=\"server_full\"}"), after.toString());
    }

    @Test
    void aReaderThatNeverReadsIsCountedAsASlowReaderDrop() throws Exception {
        start(ServerConfig.defaults().withFlood(50, 0).withMaxQueuedBytes(16 * 1024));
        TestClient ann = joinAs("ann");
        Socket sleeper = new Socket();
        toClose.add(sleeper);
        sleeper.setReceiveBufferSize(4096);
        sleeper.connect(new InetSocketAddress("127.0.0.1", server.port()));
        sleeper.getOutputStream().write("/nick sleeper\n".getBytes(StandardCharsets.UTF_8));
        ann.expect("*** user2 is now known as sleeper"); // in the room; it never reads
        String padding = "x".repeat(1000);
        boolean dropped = false;
        for (int i = 0; !dropped && i < 2000; i += 20) {
            // Twenty lines at a time, Ann reading her own: only the sleeper falls behind.
            StringBuilder batch = new StringBuilder();
            for (int k = i; k < i + 20; k++) {
                batch.append(k).append(' ').append(padding).append('\n');
            }
            ann.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
            String last = "ann: " + (i + 19) + " " + padding;
            List<String> seen = ann.readUntil(last::equals, "her line " + (i + 19));
            dropped = seen.contains("*** sleeper left #lobby (too slow to read)");
        }
        assertTrue(dropped, "the sleeper was dropped");
        Scrape after = scrape();
        assertEquals(1, after.value("chat_slow_reader_drops_total{cap=\"hard\"}"), after.toString());
        assertEquals(1, after.value("chat_departures_total{reason=\"slow_reader\"}"), after.toString());
    }

    @Test
    void inputHeldByFloodControlIsCountedAsAFloodDelay() throws Exception {
        start(ServerConfig.defaults().withFlood(2, 1));
        TestClient ann = joinAs("ann"); // its /nick took one of the two lines of allowance
        Scrape before = scrape();
        ann.sendRaw("one\ntwo\nthree\nfour\n".getBytes(StandardCharsets.UTF_8));
        ann.expect("ann: one"); // the rest waits for allowance, held in the same read
        Scrape after = scrape();
        assertTrue(after.value("chat_flood_delays_total") - before.value("chat_flood_delays_total") >= 1, after.toString());
    }

    @Test
    void loopPassesAreAHistogramWhoseBucketsAddUpToItsCount() throws Exception {
        start(ServerConfig.defaults());
        joinAs("ann");
        Scrape after = scrape();
        double count = after.value("chat_loop_pass_seconds_count");
        assertTrue(count > 0, after.toString());
        assertEquals(count, after.value("chat_loop_pass_seconds_bucket{le=\"+Inf\"}"), after.toString());
        assertTrue(after.value("chat_loop_pass_seconds_sum") > 0, after.toString());
        double previous = 0;
        for (Map.Entry<String, Double> sample : after.samples().entrySet()) {
            if (sample.getKey().startsWith("chat_loop_pass_seconds_bucket")) {
                assertTrue(sample.getValue() >= previous, "buckets are cumulative: " + after);
                previous = sample.getValue();
            }
        }
    }

    @Test
    void noMetricIsLabelledByRoomOrName() throws Exception {
        start(ServerConfig.defaults().withFlood(50, 0));
        TestClient ann = joinAs("zelda");
        ann.send("/join secretroom");
        ann.expect("*** You joined #secretroom (1 user here).");
        ann.send("hello");
        ann.expect("zelda: hello");
        for (String key : scrape().samples().keySet()) {
            assertTrue(!key.contains("zelda") && !key.contains("secretroom") && !key.contains("lobby"), key);
        }
    }

    @Test
    void healthSaysReadyThenDrainingWhileShutdownWaitsForAUser() throws Exception {
        start(ServerConfig.defaults());
        HttpResponse<String> ready = Scrape.get(server.metricsPort(), "/health");
        assertEquals(200, ready.statusCode());
        assertEquals("ready", ready.body().strip());
        TestClient ann = joinAs("ann");
        server.stop();
        ann.expect("*** The server is shutting down. Goodbye!");
        // Ann has not closed her end: the server waits for her (up to its closing deadline), draining.
        int port = server.metricsPort();
        Await.until(() -> Scrape.get(port, "/health").statusCode() == 503, "/health to answer 503");
        HttpResponse<String> draining = Scrape.get(port, "/health");
        assertEquals("draining", draining.body().strip());
        assertEquals(503, draining.statusCode());
        ann.close();
        assertTrue(server.awaitTermination(10_000), "the server stopped once Ann closed");
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
                "the metrics port closes with the server");
    }

    @Test
    void pathsOtherThanMetricsAndHealthAreNotFound() throws Exception {
        start(ServerConfig.defaults());
        HttpResponse<String> missing = Scrape.get(server.metricsPort(), "/secrets");
        assertEquals(404, missing.statusCode());
        assertEquals(200, Scrape.get(server.metricsPort(), "/").statusCode());
    }

    @Test
    void historyWrittenToDiskIsCounted() throws Exception {
        start(ServerConfig.defaults().withFlood(50, 0)
                .withStorage(ServerConfig.Storage.IN_MEMORY.inDirectory(dir.toString())));
        TestClient ann = joinAs("ann");
        for (int i = 1; i <= 3; i++) {
            ann.send("kept " + i);
        }
        ann.expect("ann: kept 3");
        int port = server.metricsPort();
        // The writer's own thread writes them, soon; its counts are read from it, not from a snapshot.
        Await.until(() -> Scrape.of(port).value("chat_history_written_lines_total") >= 3,
                () -> "three lines written: " + Scrape.of(port));
        Scrape after = Scrape.of(port);
        assertEquals(0, after.value("chat_history_failed_lines_total{reason=\"queue_full\"}"), after.toString());
        assertEquals(0, after.value("chat_history_failed_lines_total{reason=\"disk\"}"), after.toString());
        assertEquals(0, after.value("chat_history_backlog_lines"), after.toString());
        assertTrue(!after.has("chat_broker_up"), "no broker without --redis: " + after);
    }

    @Test
    void withoutADataDirThereAreNoHistoryMetrics() throws Exception {
        start(ServerConfig.defaults());
        Scrape scrape = scrape();
        assertTrue(!scrape.has("chat_history_written_lines_total"), scrape.toString());
        assertTrue(scrape.has("chat_reactor_dropped_tasks_total"), scrape.toString());
    }

    @Test
    void aMetricsPortInUseIsOneLineAndTheServerDoesNotStart() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StringWriter err = new StringWriter();
            CommandLine commandLine = ServerMain.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            assertEquals(1, commandLine.execute("--port", "0", "--metrics", "" + port));
            assertEquals("chat-server: cannot serve metrics on 127.0.0.1:" + port + ": the port is already in use",
                    err.toString().strip());
        }
    }

    @Test
    void metricsAddressesArePortHostAndPortOrBracketedIPv6() {
        ServerMain.MetricsAddress read = new ServerMain.MetricsAddress();
        assertEquals(InetSocketAddress.createUnresolved("127.0.0.1", 9100), read.convert("9100"));
        assertEquals(InetSocketAddress.createUnresolved("0.0.0.0", 9100), read.convert("0.0.0.0:9100"));
        assertEquals(InetSocketAddress.createUnresolved("::1", 9100), read.convert("[::1]:9100"));
        for (String bad : List.of("", "x", ":9100", "host:", "1:2:3", "70000", "host:-1")) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = ServerMain.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            assertEquals(2, commandLine.execute("--metrics", bad), bad);
            assertEquals("chat-server: --metrics: '" + bad + "' is not PORT, HOST:PORT or [IPv6]:PORT (a port is 0-65535)",
                    err.toString().strip());
        }
    }

    @Test
    void tlsHandshakesAreCountedByHowTheyEnded() throws Exception {
        server = ChatServer.start(ServerConfig.defaults().withPort(0), ModerationSettings.NONE,
                new InetSocketAddress("127.0.0.1", 0), TlsSettings.selfSigned(0));
        int tls = server.tlsPort();
        toClose.add(TestClient.joinTls(tls, TlsKit.trustingAnything())); // completed
        TestClient typist = TestClient.connect(tls); // plain text on the TLS port
        toClose.add(typist);
        typist.send("hello?");
        assertTrue(typist.readLine().contains("speaks TLS"), "told what the port is");
        new Socket("127.0.0.1", tls).close(); // closed before saying anything
        try (Socket garbage = new Socket("127.0.0.1", tls)) { // a handshake record TLS cannot read
            garbage.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00});
            garbage.getOutputStream().flush();
            garbage.setSoTimeout(TestClient.TIMEOUT_MS);
            while (garbage.getInputStream().read() >= 0) {
                // the server's alert, then its close
            }
        }
        Scrape after = awaitScrape(s -> s.value("chat_tls_handshakes_total{result=\"closed\"}") == 1
                && s.value("chat_tls_handshakes_total{result=\"failed\"}") == 1, "the closed and the failed handshakes counted");
        assertEquals(1, after.value("chat_tls_handshakes_total{result=\"completed\"}"), after.toString());
        assertEquals(1, after.value("chat_tls_handshakes_total{result=\"plain_text\"}"), after.toString());
        assertEquals(0, after.value("chat_tls_handshakes_total{result=\"timed_out\"}"), after.toString());
        assertEquals(0, after.value("chat_tls_handshakes_refused_total"), after.toString());
        assertTrue(after.value("chat_tls_handshake_steps_deferred_total") >= 0, after.toString());
    }
}
