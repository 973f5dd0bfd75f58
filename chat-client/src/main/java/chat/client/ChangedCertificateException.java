package chat.client;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A server showed a certificate other than the one pinned for it in {@code known_servers}: the
 * connection is refused, loudly, since it may not be the server at all. The message is meant for
 * the user as it is: what changed, what it may mean, and how to accept the new certificate.
 *
 * <p>Immutable.
 */
public final class ChangedCertificateException extends IOException {

    private static final long serialVersionUID = 1L;

    public ChangedCertificateException(ServerAddress server, String pinned, String shown, Path knownServers) {
        super("WARNING: the certificate of " + server + " has CHANGED since it was first trusted; not connecting."
                + System.lineSeparator() + "  trusted: SHA-256 " + pinned
                + System.lineSeparator() + "  shown:   SHA-256 " + shown
                + System.lineSeparator() + "Someone may be impersonating the server, or its certificate was replaced."
                + " If you know it was replaced (compare with the fingerprint the server logs at start), delete the line"
                + " for " + server + " from " + knownServers + " and connect again.");
    }
}
