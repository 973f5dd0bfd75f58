package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.server.tls.TlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tls-port}: the same chat over TLS, over real loopback sockets, beside the plain port. */
class TlsPortTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private ChatServer start(TlsSettings tls) throws IOException {
        return track(ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(50, 0), tls));
    }

    private ChatServer startInDataDir() throws IOException {
        return ChatServer.start(ServerConfig.defaults().withPort(0)
                .withStorage(ServerConfig.Storage.IN_MEMORY.inDirectory(dir.toString())), TlsSettings.selfSigned(0));
    }

    @Test
    void aTlsClientAndAPlainClientChatWithEachOther() throws Exception {
        ChatServer server = start(TlsSettings.selfSigned(0));
        TestClient secure = track(TestClient.joinTls(server.tlsPort(), TlsKit.trustingAnything()));
        TestClient plain = track(TestClient.join(server.port()));
        secure.expect("*** " + plain.nick() + " joined #lobby");
        secure.send("hello from TLS");
        plain.expect(secure.nick() + ": hello from TLS");
        plain.send("hello from plain text");
        secure.expect(plain.nick() + ": hello from plain text");
        secure.send("/msg " + plain.nick() + " a secret");
        plain.expect("[pm from " + secure.nick() + "] a secret");
    }

    @Test
    void theServerOffersTls13And12Only() throws Exception {
        ChatServer server = start(TlsSettings.selfSigned(0));
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            try (TestClient client = joinTlsWith(server.tlsPort(), protocol)) {
                assertEquals(protocol, ((SSLSocket) client.socket).getSession().getProtocol());
            }
        }
        assertThrows(IOException.class, () -> joinTlsWith(server.tlsPort(), "TLSv1.1").close());
    }

    private static TestClient joinTlsWith(int port, String protocol) throws Exception {
        SSLContext context = TlsKit.trustingAnything();
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(TestClient.TIMEOUT_MS);
        socket.setEnabledProtocols(new String[] {protocol});
        try {
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        socket.close();
        return TestClient.joinTls(port, contextFor(protocol));
    }

    private static SSLContext contextFor(String protocol) throws Exception {
        SSLContext context = SSLContext.getInstance(protocol.equals("TLSv1.2") ? "TLSv1.2" : "TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {anything()}, null);
        return context;
    }

    private static javax.net.ssl.X509TrustManager anything() {
        return new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    @Test
    void aPlainTextClientOnTheTlsPortGetsOnePlainLineAndIsClosed() throws Exception {
        ChatServer server = start(TlsSettings.selfSigned(0));
        TestClient telnet = track(TestClient.connect(server.tlsPort()));
        telnet.send("hello?");
        List<String> lines = telnet.readUntilClosed();
        assertEquals(List.of("! This port speaks TLS: connect with chat-client --tls or openssl s_client -quiet,"
                + " or to port " + server.port() + " with telnet or nc."), lines);
        TestClient plain = track(TestClient.join(server.port()));
        plain.send("/who");
        plain.expect("*** 1 user in #lobby: " + plain.nick()); // the refused one never entered the chat
    }

    @Test
    void aTlsHelloOnThePlainPortIsToldTheTlsPort() throws Exception {
        ChatServer server = start(TlsSettings.selfSigned(0));
        TestClient confused = track(TestClient.connect(server.port()));
        byte[] clientHello = new byte[300];
        new Random(1).nextBytes(clientHello);
        System.arraycopy(new byte[] {0x16, 0x03, 0x01, 0x01, 0x27, 0x01}, 0, clientHello, 0, 6);
        confused.sendRaw(clientHello);
        String line = new String(confused.readRawUntil("\r\n".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
        assertEquals("! This port speaks plain text, not TLS: use TLS on port " + server.tlsPort()
                + ", or connect here with telnet or nc.\r\n", line);
    }

    @Test
    void theSelfSignedCertificateIsKeptAcrossRestartsInTheDataDir() throws Exception {
        List<X509Certificate> shown = new CopyOnWriteArrayList<>();
        try (ChatServer first = startInDataDir()) {
            TestClient.joinTls(first.tlsPort(), TlsKit.trustingAnything(shown)).close();
        }
        assertTrue(Files.exists(dir.resolve("tls/self-signed-cert.pem")), "the certificate is in the data dir");
        try (ChatServer second = startInDataDir()) {
            TestClient.joinTls(second.tlsPort(), TlsKit.trustingAnything(shown)).close();
        }
        assertEquals(2, shown.size());
        assertEquals(TlsKit.fingerprint(shown.get(0)), TlsKit.fingerprint(shown.get(1)),
                "the same certificate after the restart");
    }

    @Test
    void withoutADataDirEachStartMakesANewSelfSignedCertificate() throws Exception {
        List<X509Certificate> shown = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0), TlsSettings.selfSigned(0))) {
                TestClient.joinTls(server.tlsPort(), TlsKit.trustingAnything(shown)).close();
            }
        }
        assertFalse(TlsKit.fingerprint(shown.get(0)).equals(TlsKit.fingerprint(shown.get(1))));
    }

    @Test
    void aPemChainAndPkcs8RsaKeyAsLetsEncryptWritesThemAreLoadedAndVerify() throws Exception {
        KeyPair caKeys = TlsKit.keyPair("RSA");
        X509Certificate ca = TlsKit.certificate("Test CA", caKeys, "Test CA", caKeys, true);
        KeyPair serverKeys = TlsKit.keyPair("RSA");
        X509Certificate leaf = TlsKit.certificate("localhost", serverKeys, "Test CA", caKeys, false);
        Path fullchain = TlsKit.writePem(dir.resolve("fullchain.pem"), leaf, ca);
        Path privkey = TlsKit.writePem(dir.resolve("privkey.pem"), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
        assertTrue(Files.readString(privkey).startsWith("-----BEGIN PRIVATE KEY-----"));

        ChatServer server = start(TlsSettings.pem(0, fullchain.toString(), privkey.toString()));
        // Verified against the CA alone: only works if the server sends its chain.
        TestClient client = track(TestClient.joinTls(server.tlsPort(), TlsKit.trusting(ca)));
        assertEquals(leaf, ((SSLSocket) client.socket).getSession().getPeerCertificates()[0]);
        assertEquals(2, ((SSLSocket) client.socket).getSession().getPeerCertificates().length);
    }

    @Test
    void anEcKeyInItsOldSec1FormIsLoaded() throws Exception {
        KeyPair keys = TlsKit.keyPair("EC");
        X509Certificate self = TlsKit.certificate("localhost", keys, "localhost", keys, false);
        Path cert = TlsKit.writePem(dir.resolve("cert.pem"), self);
        Path key = TlsKit.writePem(dir.resolve("key.pem"), TlsKit.sec1(keys));
        assertTrue(Files.readString(key).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        List<X509Certificate> shown = new CopyOnWriteArrayList<>();
        ChatServer server = start(TlsSettings.pem(0, cert.toString(), key.toString()));
        track(TestClient.joinTls(server.tlsPort(), TlsKit.trustingAnything(shown)));
        assertEquals(self, shown.get(0));
    }

    @Test
    void aPkcs12KeystoreIsLoadedWithThePasswordInItsFile() throws Exception {
        KeyPair keys = TlsKit.keyPair("EC");
        X509Certificate self = TlsKit.certificate("localhost", keys, "localhost", keys, false);
        char[] password = "s3cret pass".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("chat", keys.getPrivate(), password, new Certificate[] {self});
        Path keystore = dir.resolve("server.p12");
        try (var out = Files.newOutputStream(keystore)) {
            store.store(out, password);
        }
        Path passwordFile = Files.writeString(dir.resolve("password"), "s3cret pass\n");
        ChatServer server = start(TlsSettings.keystore(0, keystore.toString(), passwordFile.toString()));
        List<X509Certificate> shown = new CopyOnWriteArrayList<>();
        track(TestClient.joinTls(server.tlsPort(), TlsKit.trustingAnything(shown)));
        assertEquals(self, shown.get(0));

        Path wrong = Files.writeString(dir.resolve("wrong"), "not it\n");
        ChatServer.StartupException refused = assertThrows(ChatServer.StartupException.class,
                () -> start(TlsSettings.keystore(0, keystore.toString(), wrong.toString())));
        assertTrue(refused.getMessage().startsWith("--tls-keystore " + keystore + ": "), refused.getMessage());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStartWithOneLine() throws Exception {
        KeyPair keys = TlsKit.keyPair("EC");
        X509Certificate self = TlsKit.certificate("localhost", keys, "localhost", keys, false);
        Path cert = TlsKit.writePem(dir.resolve("cert.pem"), self);
        Path otherKey = TlsKit.writePem(dir.resolve("other.pem"),
                new JcaPKCS8Generator(TlsKit.keyPair("EC").getPrivate(), null));
        ChatServer.StartupException refused = assertThrows(ChatServer.StartupException.class,
                () -> start(TlsSettings.pem(0, cert.toString(), otherKey.toString())));
        assertEquals("--tls-key " + otherKey + " is not the key of the certificate in --tls-cert " + cert,
                refused.getMessage());
        ChatServer.StartupException missing = assertThrows(ChatServer.StartupException.class,
                () -> start(TlsSettings.pem(0, dir.resolve("nope.pem").toString(), otherKey.toString())));
        assertEquals("--tls-cert " + dir.resolve("nope.pem") + ": cannot be read: no such file", missing.getMessage());
    }

    @Test
    void aClientThatRejectsTheCertificateDoesNotHarmTheChat() throws Exception {
        ChatServer server = start(TlsSettings.selfSigned(0));
        KeyPair otherCaKeys = TlsKit.keyPair("EC");
        X509Certificate otherCa = TlsKit.certificate("Other CA", otherCaKeys, "Other CA", otherCaKeys, true);
        assertThrows(SSLHandshakeException.class, () -> TestClient.connectTls(server.tlsPort(), TlsKit.trusting(otherCa)));
        TestClient secure = track(TestClient.joinTls(server.tlsPort(), TlsKit.trustingAnything()));
        secure.send("/who");
        secure.expect("*** 1 user in #lobby: " + secure.nick());
    }

    @Test
    void aHundredTlsClientsArrivingAtOnceAreAllWelcomedWhileThePlainOnesChat() throws Exception {
        ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(50, 0)
                .withPerAddressLimit(0, List.of()), TlsSettings.selfSigned(0));
        track(server);
        TestClient plain = track(TestClient.join(server.port()));
        TestClient other = track(TestClient.join(server.port()));
        SSLContext context = TlsKit.trustingAnything();
        ExecutorService dialers = Executors.newFixedThreadPool(25);
        try {
            List<Future<TestClient>> arriving = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                arriving.add(dialers.submit(() -> TestClient.joinTls(server.tlsPort(), context)));
            }
            plain.send("still here");
            other.expect(plain.nick() + ": still here");
            for (Future<TestClient> next : arriving) {
                track(next.get(60, TimeUnit.SECONDS));
            }
        } finally {
            dialers.shutdownNow();
        }
        plain.send("/who");
        assertTrue(plain.expectStartingWith("*** 102 users in #lobby").length() > 0);
    }

    @Test
    void linesSentInOneBurstOfSeveralTlsRecordsAllArriveInOrder() throws Exception {
        ChatServer server = start(TlsSettings.selfSigned(0));
        TestClient secure = track(TestClient.joinTls(server.tlsPort(), TlsKit.trustingAnything()));
        TestClient plain = track(TestClient.join(server.port()));
        secure.expect("*** " + plain.nick() + " joined #lobby");
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 45; i++) {
            burst.append("line ").append(i).append(' ').append("x".repeat(900)).append('\n');
        }
        secure.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII)); // about 41 KB: three records or more
        for (int i = 0; i < 45; i++) {
            plain.expectNext(secure.nick() + ": line " + i + " " + "x".repeat(900));
        }
    }

    @Test
    void aTlsReaderThatStopsReadingIsDroppedByTheSameCapsAsAPlainOne() throws Exception {
        ChatServer server = track(ChatServer.start(ServerConfig.defaults().withPort(0).withFlood(50, 0)
                .withMaxQueuedBytes(64 * 1024).withSlowReader(16 * 1024, 0.5), TlsSettings.selfSigned(0)));
        java.net.Socket raw = new java.net.Socket();
        raw.setReceiveBufferSize(4096);
        raw.connect(new java.net.InetSocketAddress("127.0.0.1", server.tlsPort()), TestClient.TIMEOUT_MS);
        SSLSocket sleeper = track((SSLSocket) TlsKit.trustingAnything().getSocketFactory()
                .createSocket(raw, "127.0.0.1", server.tlsPort(), true));
        sleeper.startHandshake();
        TestClient talker = track(TestClient.join(server.port())); // the sleeper is user1, and never reads again
        // The sleeper enters the chat 10 ms after its handshake: ask until it is there.
        String who = "";
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end && !who.startsWith("*** 2 users"); ) {
            talker.send("/who");
            who = talker.expectStartingWith("*** ");
        }
        assertEquals("*** 2 users in #lobby: user1, " + talker.nick(), who);
        String line = "y".repeat(1000);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            many.append(line).append('\n');
        }
        talker.sendRaw(many.toString().getBytes(StandardCharsets.US_ASCII));
        talker.expect("*** user1 left #lobby (too slow to read)");
    }

    @Test
    void atShutdownATlsClientIsToldAndTheSessionEndsCleanly() throws Exception {
        ChatServer server = ChatServer.start(ServerConfig.defaults().withPort(0), TlsSettings.selfSigned(0));
        try (TestClient secure = TestClient.joinTls(server.tlsPort(), TlsKit.trustingAnything())) {
            server.stop();
            secure.expect("*** The server is shutting down. Goodbye!");
            // close_notify, not a bare FIN: the JDK reports a truncation as an SSLException instead.
            assertEquals(-1, secure.socket.getInputStream().read());
            assertTrue(server.awaitTermination(10_000));
        } finally {
            server.close();
        }
    }

    @Test
    void aClientThatClosesItsTlsSessionWithRepliesPendingIsClosedWithoutSpinning() throws Exception {
        ChatServer server = start(TlsSettings.selfSigned(0));
        TestClient plain = track(TestClient.join(server.port()));
        for (int i = 0; i < 5; i++) {
            TestClient leaving = TestClient.joinTls(server.tlsPort(), TlsKit.trustingAnything());
            plain.expect("*** " + leaving.nick() + " joined #lobby");
            leaving.send("/join elsewhere"); // its replies are queued as its close_notify arrives
            leaving.close();
            plain.expect("*** " + leaving.nick() + " left #lobby (moved to #elsewhere)");
        }
        // Nothing can be sent on a session the client closed: the server closes it, it does not retry.
        java.time.Duration cpu = ReactorThread.cpuDuring(java.time.Duration.ofMillis(500));
        assertTrue(cpu.toMillis() < 100, "the reactor used " + cpu.toMillis() + " ms of CPU in 500 ms");
    }
}
