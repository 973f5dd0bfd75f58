package chat.server.tls;

/**
 * How the TLS port is set up, as the command line gave it (docs/operations.md, "TLS"): off, or
 * a port with one of three sources of the server's certificate and key:
 * <ul>
 *   <li>PEM files, {@code --tls-cert} (the certificate, then the chain, as Let's Encrypt's
 *       {@code fullchain.pem}) and {@code --tls-key} (PKCS#8, or the older PKCS#1 RSA or SEC1 EC
 *       forms; unencrypted);
 *   <li>a PKCS#12 keystore, {@code --tls-keystore}, whose password is the first line of
 *       {@code --tls-keystore-password-file} (a file, so the password is never on a command line
 *       that {@code ps} shows; no file: an empty password);
 *   <li>neither: a self-signed certificate the server makes, kept in {@code --data-dir} if given.
 * </ul>
 *
 * @param port                 the TLS port, 0 for a free one (tests); {@link #OFF_PORT}: no TLS
 * @param certFile             PEM certificate chain, or "" (then {@code keyFile} is "" too)
 * @param keyFile              PEM private key, or ""
 * @param keystoreFile         PKCS#12 keystore, or ""
 * @param keystorePasswordFile the keystore's password's file, or "" for an empty password
 */
public record TlsSettings(int port, String certFile, String keyFile, String keystoreFile, String keystorePasswordFile) {

    public static final int OFF_PORT = -1;
    public static final TlsSettings OFF = new TlsSettings(OFF_PORT, "", "", "", "");

    /** Refusals name the flags, since that is what the user typed. */
    public TlsSettings {
        if (port != OFF_PORT && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("--tls-port must be 0-65535, got " + port);
        }
        boolean anySource = !certFile.isEmpty() || !keyFile.isEmpty() || !keystoreFile.isEmpty()
                || !keystorePasswordFile.isEmpty();
        if (port == OFF_PORT && anySource) {
            throw new IllegalArgumentException("--tls-cert, --tls-key and --tls-keystore need --tls-port");
        }
        if (certFile.isEmpty() != keyFile.isEmpty()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both or neither");
        }
        if (!keystoreFile.isEmpty() && !certFile.isEmpty()) {
            throw new IllegalArgumentException("--tls-keystore replaces --tls-cert and --tls-key: give one or the other");
        }
        if (!keystorePasswordFile.isEmpty() && keystoreFile.isEmpty()) {
            throw new IllegalArgumentException("--tls-keystore-password-file needs --tls-keystore");
        }
    }

    /** A TLS port with a self-signed certificate. */
    public static TlsSettings selfSigned(int port) {
        return new TlsSettings(port, "", "", "", "");
    }

    /** A TLS port with the certificate chain and key in PEM files. */
    public static TlsSettings pem(int port, String certFile, String keyFile) {
        return new TlsSettings(port, certFile, keyFile, "", "");
    }

    /** A TLS port with the key and chain in a PKCS#12 keystore. */
    public static TlsSettings keystore(int port, String keystoreFile, String passwordFile) {
        return new TlsSettings(port, "", "", keystoreFile, passwordFile);
    }

    public boolean enabled() {
        return port != OFF_PORT;
    }
}
