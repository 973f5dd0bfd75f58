package chat.server.tls;

import chat.core.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Who the server is on its TLS port: its private key and certificate chain, where they came
 * from, and the {@link SSLContext} made of them. Loaded once at start, from PEM files, a PKCS#12
 * keystore, or a self-signed certificate ({@link SelfSigned}), as {@link TlsSettings} says.
 *
 * <p>Main thread at start; afterwards immutable, and {@link #newEngine} is safe from any thread.
 * Every failure is an {@link IOException} whose message is one line naming the flag and the file.
 */
public final class ServerIdentity {

    /** TLS 1.3 and 1.2 only: older versions have known weaknesses and no client needs them. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** The in-memory keystore's password: nothing is kept with it, so it protects nothing and is no secret. */
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    /** Where the key and certificate came from, for the log ("a self-signed certificate kept in ..."). */
    private final String origin;
    private final SSLContext context;

    private ServerIdentity(PrivateKey key, List<X509Certificate> chain, String origin) throws IOException {
        this.key = key;
        this.chain = List.copyOf(chain);
        this.origin = origin;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, IN_MEMORY, chain.toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, IN_MEMORY);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            this.context = tls;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the TLS key and certificate (" + origin + "): " + e.getMessage());
        }
    }

    /**
     * The identity {@code settings} name. {@code dataDir} (null without {@code --data-dir}) keeps
     * the self-signed certificate, so its fingerprint, which clients pin, survives restarts.
     * {@code host} is the listening address, put in the self-signed certificate's names.
     */
    public static ServerIdentity load(TlsSettings settings, Path dataDir, String host) throws IOException {
        if (!settings.certFile().isEmpty()) {
            return fromPem(Path.of(settings.certFile()), Path.of(settings.keyFile()), "--tls-cert", "--tls-key");
        }
        if (!settings.keystoreFile().isEmpty()) {
            return fromKeystore(Path.of(settings.keystoreFile()), settings.keystorePasswordFile());
        }
        if (dataDir == null) {
            SelfSigned made = SelfSigned.make(host);
            return new ServerIdentity(made.key(), List.of(made.certificate()),
                    "a self-signed certificate made at start (new at every start without --data-dir)");
        }
        Path cert = dataDir.resolve(SelfSigned.CERT_FILE);
        Path keyFile = dataDir.resolve(SelfSigned.KEY_FILE);
        if (!Files.exists(cert) && !Files.exists(keyFile)) {
            SelfSigned.make(host).save(cert, keyFile);
            return withOrigin(fromPem(cert, keyFile, "self-signed certificate", "self-signed key"),
                    "a self-signed certificate made now, kept in " + cert);
        }
        return withOrigin(fromPem(cert, keyFile, "self-signed certificate", "self-signed key"),
                "the self-signed certificate kept in " + cert);
    }

    private static ServerIdentity withOrigin(ServerIdentity identity, String origin) throws IOException {
        return new ServerIdentity(identity.key, identity.chain, origin);
    }

    /** A certificate chain and its key in PEM files; {@code certFlag} and {@code keyFlag} name them in errors. */
    static ServerIdentity fromPem(Path certFile, Path keyFile, String certFlag, String keyFlag) throws IOException {
        List<X509Certificate> chain = PemFiles.readChain(certFile, certFlag);
        PrivateKey key = PemFiles.readKey(keyFile, keyFlag);
        PemFiles.requireMatch(key, chain.get(0), certFlag + " " + certFile, keyFlag + " " + keyFile);
        return new ServerIdentity(key, chain, certFile + " and " + keyFile);
    }

    /** The first private key in a PKCS#12 keystore, with its chain. */
    static ServerIdentity fromKeystore(Path file, String passwordFile) throws IOException {
        char[] password = passwordFile.isEmpty() ? new char[0] : readPassword(Path.of(passwordFile));
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IOException("--tls-keystore " + file + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password shows as an IOException whose cause is an UnrecoverableKeyException.
            String why = e.getCause() instanceof java.security.UnrecoverableKeyException
                    ? "wrong password (--tls-keystore-password-file)" : e.getMessage();
            throw new IOException("--tls-keystore " + file + ": cannot be read: " + why);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] certificates = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && certificates != null && certificates.length > 0) {
                    List<X509Certificate> chain = new java.util.ArrayList<>();
                    for (Certificate c : certificates) {
                        chain.add((X509Certificate) c);
                    }
                    return new ServerIdentity(privateKey, chain, file + " (entry " + alias + ")");
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("--tls-keystore " + file + ": cannot read its key: " + e.getMessage());
        }
        throw new IOException("--tls-keystore " + file + ": holds no private key with a certificate");
    }

    /** The first line of {@code file}, without its line end. Never logged. */
    private static char[] readPassword(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
        } catch (IOException e) {
            throw new IOException("--tls-keystore-password-file " + file + ": cannot be read: " + PemFiles.reason(e));
        }
    }

    /** A server-side engine for one connection: TLS 1.3 or 1.2, no client certificate asked. */
    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(PROTOCOLS.toArray(new String[0]));
        return engine;
    }

    public SSLContext context() {
        return context;
    }

    /** The server's own certificate (the chain's first). */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Its SHA-256 fingerprint, as clients pin it and {@code openssl x509 -fingerprint -sha256} prints it. */
    public String fingerprint() {
        try {
            return Fingerprint.sha256(certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a certificate that was read can be encoded", e);
        }
    }

    /** Where the key and certificate came from, for the log. */
    public String origin() {
        return origin;
    }
}
