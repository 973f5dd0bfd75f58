package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: usage, one-line startup errors, and a graceful exit on SIGTERM. */
class ServerMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = ServerMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertEquals(0, run("--help"));
        String usage = out.toString();
        for (String option : List.of("--host", "--port", "--max-line-bytes", "--history", "--max-queued-bytes",
                "--flood-burst", "--flood-rate", "--max-connections", "--log-level")) {
            assertTrue(usage.contains(option), option + " in\n" + usage);
        }
        assertTrue(usage.contains("Default: 127.0.0.1") && usage.contains("Default: 2020"), usage);
    }

    @Test
    void portInUseIsOneLineNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(1, run("--port", "" + port));
            assertEquals("chat-server: cannot listen on 127.0.0.1:" + port + ": the port is already in use",
                    err.toString().strip());
        }
    }

    @Test
    void unknownHostIsOneLine() {
        assertEquals(1, run("--host", "no-such-host.invalid", "--port", "0"));
        assertEquals("chat-server: cannot listen on no-such-host.invalid:0: unknown host no-such-host.invalid",
                err.toString().strip());
    }

    @Test
    void badOptionsAreExplainedWithoutAStackTrace() {
        assertEquals(2, run("--port", "seventy"));
        assertTrue(err.toString().startsWith("chat-server: Invalid value for option '--port'"), err.toString());
        assertFalse(err.toString().contains("at chat."), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("--max-line-bytes", "0"));
        assertTrue(err.toString().startsWith("chat-server: maxLineBytes must be at least 1"), err.toString());
    }

    @Test
    void sizesAcceptKAndMSuffixes() {
        ServerMain.ByteSize size = new ServerMain.ByteSize();
        assertEquals(4096, size.convert("4096"));
        assertEquals(256 * 1024, size.convert("256k"));
        assertEquals(1024 * 1024, size.convert("1M"));
        assertEquals(2048, size.convert("2KiB"));
    }

    @Test
    void sigtermTellsUsersAndExitsZero() throws Exception {
        Process server = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Dorg.slf4j.simpleLogger.logFile=System.err", "-cp", System.getProperty("java.class.path"),
                "chat.server.ServerMain", "--port", "0")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = listeningPort(log);
            try (TestClient ann = TestClient.join(port)) {
                server.destroy(); // SIGTERM
                List<String> rest = ann.readUntilClosed();
                assertTrue(rest.contains("*** The server is shutting down. Goodbye!"), rest.toString());
            }
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server exits");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    /** Reads the child's log until it says where it listens. */
    static int listeningPort(BufferedReader log) throws IOException {
        Pattern listening = Pattern.compile(".*listening on 127\\.0\\.0\\.1:(\\d+).*");
        for (String line; (line = log.readLine()) != null; ) {
            Matcher m = listening.matcher(line);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the server exited before listening");
    }
}
