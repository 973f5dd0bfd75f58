package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.ChatServer;
import chat.server.ServerConfig;
import chat.server.tls.TlsSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tls}: the client against the real server's TLS port: verified, pinned on first use, a change refused. */
class TlsClientTest {

    private static final Pattern FINGERPRINT = Pattern.compile("([0-9A-F]{2}(:[0-9A-F]{2}){31})");

    @TempDir
    Path dir;

    /** A piped run of the client: its exit status and what it printed. */
    private record Run(int status, String out, String err) {
    }

    private Run pipe(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ClientMain.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path knownServers() {
        return dir.resolve("home/.chat/known_servers");
    }

    private Run overTls(int port, String input) {
        return pipe(input, "--tls", "--port", "" + port, "--known-servers", knownServers().toString());
    }

    @Test
    void theFirstConnectionPinsTheFingerprintSaysSoAndChatsOverTls() throws IOException {
        try (ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0), TlsSettings.selfSigned(0))) {
            Run run = overTls(server.tlsPort(), "hello over TLS\n/who\n");
            assertEquals(0, run.status(), run.err());
            assertEquals(List.of("*** Welcome, user1! You are in #lobby (1 user here). Type /help for commands.",
                    "user1: hello over TLS", "*** 1 user in #lobby: user1"), run.out().lines().toList());
            Matcher shown = FINGERPRINT.matcher(run.err());
            assertTrue(shown.find() && run.err().contains("trusting it from now on"), run.err());
            assertEquals(List.of("127.0.0.1:" + server.tlsPort() + " " + shown.group(1)),
                    Files.readAllLines(knownServers()));

            Run again = overTls(server.tlsPort(), "/who\n");
            assertEquals(0, again.status(), again.err());
            assertEquals("", again.err(), "a pinned server is not announced again");
            assertEquals(1, Files.readAllLines(knownServers()).size());
        }
    }

    @Test
    void aChangedCertificateIsRefusedLoudlyWithoutConnecting() throws IOException {
        int port;
        try (ChatServer first = ChatServer.start(ServerConfig.defaults().withPort(0), TlsSettings.selfSigned(0))) {
            port = first.tlsPort();
            assertEquals(0, overTls(port, "/who\n").status());
        }
        String pinned = Files.readString(knownServers());
        // The same address, another server: a new self-signed certificate.
        try (ChatServer impostor = ChatServer.start(ServerConfig.defaults().withPort(0), TlsSettings.selfSigned(port))) {
            assertEquals(port, impostor.tlsPort(), "the impostor took the first server's TLS port");
            Run run = overTls(port, "my password is hunter2\n");
            assertEquals(ClientMain.EXIT_UNREACHABLE, run.status());
            assertEquals("", run.out(), "nothing was said to it, nothing heard from it");
            assertTrue(run.err().startsWith("WARNING: the certificate of 127.0.0.1:" + port
                    + " has CHANGED since it was first trusted; not connecting."), run.err());
            assertTrue(run.err().contains("delete the line for 127.0.0.1:" + port + " from " + knownServers()), run.err());
            assertEquals(pinned, Files.readString(knownServers()), "the pin is kept");
        }
    }

    @Test
    void withTlsCaTheCertificateIsVerifiedAgainstThatFileAndNothingIsPinned() throws IOException {
        Path data = dir.resolve("data");
        ServerConfig config = ServerConfig.defaults().withPort(0)
                .withStorage(ServerConfig.Storage.IN_MEMORY.inDirectory(data.toString()));
        try (ChatServer server = ChatServer.start(config, TlsSettings.selfSigned(0))) {
            Path certificate = data.resolve("tls/self-signed-cert.pem");
            Run run = pipe("/who\n", "--tls", "--tls-ca", certificate.toString(), "--port", "" + server.tlsPort(),
                    "--known-servers", knownServers().toString());
            assertEquals(0, run.status(), run.err());
            assertTrue(run.out().contains("*** 1 user in #lobby: user1"), run.out());
            assertFalse(Files.exists(knownServers()), "nothing pinned with --tls-ca");
        }
    }

    @Test
    void withTlsCaACertificateFromAnotherAuthorityIsRefused() throws IOException {
        Path other = dir.resolve("other");
        try (ChatServer elsewhere = ChatServer.start(ServerConfig.defaults().withPort(0)
                .withStorage(ServerConfig.Storage.IN_MEMORY.inDirectory(other.toString())), TlsSettings.selfSigned(0));
                ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0), TlsSettings.selfSigned(0))) {
            assertTrue(elsewhere.tlsPort() > 0, "the other authority's server made its certificate");
            Run run = pipe("/who\n", "--tls", "--tls-ca", other.resolve("tls/self-signed-cert.pem").toString(),
                    "--port", "" + server.tlsPort(), "--known-servers", knownServers().toString());
            assertEquals(ClientMain.EXIT_UNREACHABLE, run.status());
            assertTrue(run.err().startsWith("Could not connect to 127.0.0.1:" + server.tlsPort() + ": TLS handshake failed"),
                    run.err());
            assertFalse(Files.exists(knownServers()));
        }
    }
}
