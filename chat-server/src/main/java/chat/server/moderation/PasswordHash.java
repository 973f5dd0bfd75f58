package chat.server.moderation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * An operator's password as the {@code --operators} file keeps it: salted and slow, in one
 * self-describing token, {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in Base64
 * without padding), PBKDF2WithHmacSHA256 from the JDK. The iteration count travels in the token,
 * so a file made with another count (tests use fewer) still checks.
 *
 * <p>Costly by design ({@link #DEFAULT_ITERATIONS} take some hundreds of milliseconds of CPU):
 * never called on the reactor thread ({@link PasswordChecks} runs it). Stateless; any thread.
 */
public final class PasswordHash {

    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 advice for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewer than this is refused in a file: a token that cheap is not slow enough to be safe. */
    static final int MIN_ITERATIONS = 10_000;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One token, read and checked. */
    record Token(int iterations, byte[] salt, byte[] hash) {
    }

    private PasswordHash() {
    }

    /** A new token for {@code password}, with a random salt. */
    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * Reads {@code text}.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong (never the text itself)
     */
    static Token parse(String text) {
        String[] parts = text.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("the hash must be " + SCHEME + "$ITERATIONS$SALT$HASH, as --hash-password prints it");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the hash's iteration count is not a number");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("the hash's iteration count must be at least " + MIN_ITERATIONS);
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the hash's salt or value is not Base64");
        }
        if (salt.length < 8 || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("the hash's salt or value has the wrong length");
        }
        return new Token(iterations, salt, hash);
    }

    /** True if {@code password} is the one {@code token} was made from; constant time in the comparison. */
    static boolean matches(char[] password, Token token) {
        return MessageDigest.isEqual(derive(password, token.salt(), token.iterations()), token.hash());
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        // PBEKeySpec keeps only the low byte of each char; UTF-8 first, so every character counts.
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        char[] bytesAsChars = new char[utf8.remaining()];
        for (int i = 0; i < bytesAsChars.length; i++) {
            bytesAsChars[i] = (char) (utf8.get(i) & 0xFF);
        }
        PBEKeySpec spec = new PBEKeySpec(bytesAsChars, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("every JDK 17 has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(bytesAsChars, '\0');
            if (utf8.hasArray()) {
                Arrays.fill(utf8.array(), (byte) 0);
            }
        }
    }
}
