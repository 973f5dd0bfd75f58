package chat.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A certificate's SHA-256 fingerprint in the form {@code openssl x509 -noout -fingerprint -sha256}
 * prints it (upper-case hex pairs joined by colons), so what the server logs, what the client
 * pins in {@code ~/.chat/known_servers} and what an operator reads off a certificate file can be
 * compared by eye. Here, in the module both ends share, so the two cannot drift apart.
 *
 * <p>Stateless.
 */
public final class Fingerprint {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private Fingerprint() {
    }

    /** The fingerprint of {@code encoded}, a certificate's DER bytes ({@code getEncoded()}). */
    public static String sha256(byte[] encoded) {
        try {
            return COLON_HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
