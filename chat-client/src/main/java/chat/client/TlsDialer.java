package chat.client;

import chat.core.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the client speaks TLS ({@code --tls}): TLS 1.3 or 1.2, the server's certificate verified
 * against the system's trust store, or against {@code --tls-ca FILE} alone, host name included.
 * A certificate the system's store does not vouch for (a server's self-signed one) is trusted on
 * first use instead, as ssh does: its fingerprint is printed and pinned in {@link KnownServers},
 * and a different certificate for that server is refused later with a
 * {@link ChangedCertificateException}. With {@code --tls-ca} nothing is pinned: only that
 * authority counts.
 *
 * <p>Threads: {@link #secure} is called by one dialing thread at a time (the rotation's user).
 */
public final class TlsDialer {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** Verifies chains (and host names): the system's trust store, or the --tls-ca file's. */
    private final X509ExtendedTrustManager authority;
    /** Where first-use pins are kept; null with --tls-ca (no pinning). */
    private final KnownServers known;
    /** Where the first-use notice goes (standard error). */
    private final Consumer<String> notices;

    private TlsDialer(X509ExtendedTrustManager authority, KnownServers known, Consumer<String> notices) {
        this.authority = authority;
        this.known = known;
        this.notices = notices;
    }

    /** The system's trust store, with trust on first use pinned in {@code known}. */
    public static TlsDialer withSystemTrust(KnownServers known, Consumer<String> notices) throws IOException {
        return new TlsDialer(trustManager(null), known, notices);
    }

    /**
     * Only the authorities in {@code caFile} (PEM; it may be the server's own self-signed certificate).
     *
     * @throws IOException with a one-line message naming the file
     */
    public static TlsDialer withAuthority(Path caFile) throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(caFile)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) {
                throw new IOException("--tls-ca " + caFile + ": no certificate in it");
            }
        } catch (NoSuchFileException e) {
            throw new IOException("--tls-ca " + caFile + ": no such file");
        } catch (GeneralSecurityException e) {
            throw new IOException("--tls-ca " + caFile + ": not a PEM certificate (" + e.getMessage() + ")");
        }
        return new TlsDialer(trustManager(store), null, message -> { });
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws IOException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IOException("this Java has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the trust store: " + e.getMessage());
        }
    }

    /**
     * TLS over {@code socket}, already connected to {@code server}, with the handshake done
     * within {@code timeoutMillis}.
     *
     * @throws ChangedCertificateException if the server's certificate is not the one pinned
     * @throws IOException if the handshake fails (the message says why)
     */
    public SSLSocket secure(Socket socket, ServerAddress server, int timeoutMillis) throws IOException {
        FirstUse trust = new FirstUse(server);
        SSLSocket tls;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            tls = (SSLSocket) context.getSocketFactory().createSocket(socket, server.host(), server.port(), true);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage());
        }
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the authority checks the host name too
        tls.setSSLParameters(parameters);
        int before = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        try {
            tls.startHandshake();
        } catch (SSLException e) {
            if (trust.changed != null) {
                throw trust.changed;
            }
            throw new IOException("TLS handshake failed: " + e.getMessage());
        }
        socket.setSoTimeout(before);
        if (trust.firstSeen != null) {
            known.pin(server, trust.firstSeen);
            notices.accept("The certificate of " + server + " is not vouched for by any authority this client trusts."
                    + " Its SHA-256 fingerprint is " + trust.firstSeen + "; trusting it from now on (saved in "
                    + known.file() + "): a different one will be refused. Compare it with the fingerprint the"
                    + " server logged at start.");
        }
        return tls;
    }

    /** One connection's trust: the authority first, else the pin (or a first pin). Its dialing thread only. */
    private final class FirstUse extends X509ExtendedTrustManager {

        private final ServerAddress server;
        /** The fingerprint to pin once the handshake succeeds: set when the server was not known. */
        private String firstSeen;
        /** Set when the pinned certificate and the one shown differ. */
        private ChangedCertificateException changed;

        FirstUse(ServerAddress server) {
            this.server = server;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            try {
                authority.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException notVouchedFor) {
                if (known == null) {
                    throw notVouchedFor; // --tls-ca: that authority or nothing
                }
                pinOrCompare(chain[0]);
            }
        }

        private void pinOrCompare(X509Certificate certificate) throws CertificateException {
            String shown = Fingerprint.sha256(certificate.getEncoded());
            java.util.Optional<String> pinned;
            try {
                pinned = known.pinned(server);
            } catch (IOException e) {
                throw new CertificateException("cannot read " + known.file() + ": " + e.getMessage());
            }
            if (pinned.isEmpty()) {
                firstSeen = shown;
            } else if (!pinned.get().equalsIgnoreCase(shown)) {
                changed = new ChangedCertificateException(server, pinned.get(), shown, known.file());
                throw new CertificateException("the server's certificate changed");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the client uses sockets, not engines");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a socket is needed to check the host name");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return authority.getAcceptedIssuers();
        }
    }
}
