package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testkit.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The connection cap, and backing off instead of spinning when file descriptors run out. */
class ConnectionLimitTest {

    @Test
    void connectionOverTheLimitIsToldAndClosedAndRoomIsMadeWhenSomeoneLeaves() throws IOException {
        try (ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0).withMaxConnections(3))) {
            List<TestClient> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                three.add(TestClient.join(server.port()));
            }
            try (TestClient fourth = TestClient.connect(server.port())) {
                assertEquals(List.of("! The server is full (3 connections); try again later."), fourth.readUntilClosed());
            }
            three.get(0).close();
            three.get(1).expect("*** user1 left #lobby (connection closed)");
            try (TestClient again = TestClient.join(server.port())) {
                assertTrue(again.nick().startsWith("user"));
            }
            for (TestClient client : three) {
                client.close();
            }
        }
    }

    @Test
    void runningOutOfFileDescriptorsPausesAcceptingInsteadOfSpinningThenResumes() throws Exception {
        // A server in its own JVM, with few descriptors: the test's sockets use them up. The 150
        // clients make the lobby a big room, so its batched notices run mid-outage too.
        Process process = new ProcessBuilder("bash", "-c", "ulimit -n 96 && exec \"$0\" -Dorg.slf4j.simpleLogger.logFile=System.err -cp \"$1\" chat.server.ServerMain"
                + " --port 0 --flood-rate 0",
                ProcessHandle.current().info().command().orElse("java"), System.getProperty("java.class.path"))
                .redirectErrorStream(true).start();
        List<String> log = new CopyOnWriteArrayList<>();
        List<TestClient> clients = new ArrayList<>();
        try {
            int port = follow(process, log);
            // Warm up every path the loop takes, arrivals and departures included, before the
            // descriptors run out: run from class directories (as here, not from the jar), the
            // JVM needs a descriptor to load each class the first time.
            try (TestClient watcher = TestClient.join(port)) {
                try (TestClient warm = TestClient.join(port)) {
                    warm.send("warm up, 你好");
                    warm.expect("user2: warm up, 你好");
                }
                watcher.expect("*** user2 left #lobby (connection closed)");
            }
            // Both warm-up connections are closed on the server's side too before the descriptors run
            // out: one closed later would free a descriptor mid-outage, a second outage of its own.
            Await.until("the warm-up connections to be closed", Duration.ofSeconds(10),
                    () -> log.stream().filter(l -> l.contains("] [INFO] Connections - disconnect #")).count() == 2,
                    log::toString);
            for (int i = 0; i < 150; i++) {
                clients.add(TestClient.connect(port)); // the kernel queues what the server cannot take
            }
            Await.until("the server to say it pauses accepting", Duration.ofSeconds(10),
                    () -> log.stream().anyMatch(l -> l.contains("pausing accepts")), log::toString);
            assertEquals(1, log.stream().filter(l -> l.contains("pausing accepts")).count(),
                    "the outage is logged once, not once per retry: " + log);
            double cpuSeconds = cpuSecondsOver(process.pid(), Duration.ofSeconds(1));
            assertTrue(cpuSeconds < 0.3, "the server used " + cpuSeconds + " s of CPU in 1 s while out of descriptors");
            for (int i = 0; i < 149; i++) {
                clients.get(i).close();
            }
            // The last connection waited in the kernel's queue: once descriptors free up, it gets in.
            clients.get(149).expectStartingWith("*** Welcome, ");
            Await.until("the server to say it accepts again", Duration.ofSeconds(10),
                    () -> log.stream().anyMatch(l -> l.contains("accepting connections again")), log::toString);
        } finally {
            for (TestClient client : clients) {
                client.close();
            }
            process.destroyForcibly();
        }
    }

    /** Starts a thread copying the child's log into {@code log}; returns the port it listens on. */
    private static int follow(Process process, List<String> log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile(".*listening on 127\\.0\\.0\\.1:(\\d+).*");
        for (String line; (line = out.readLine()) != null; ) {
            log.add(line);
            Matcher m = listening.matcher(line);
            if (m.matches()) {
                Thread copier = new Thread(() -> {
                    try {
                        for (String next; (next = out.readLine()) != null; ) {
                            log.add(next);
                        }
                    } catch (IOException ignored) {
                        // The child is gone; the log is complete.
                    }
                });
                copier.setDaemon(true);
                copier.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the server exited before listening: " + log);
    }

    /** CPU (user + system) the process used during a window of wall-clock time, from /proc. */
    private static double cpuSecondsOver(long pid, Duration window) throws Exception {
        long before = cpuTicks(pid);
        Thread.sleep(window.toMillis()); // a measurement window, not synchronisation
        return (cpuTicks(pid) - before) / 100.0; // USER_HZ is 100 on Linux
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }
}
