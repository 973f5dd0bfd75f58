package chat.server.chat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The resume tokens of this server's users ({@code /token}, {@code /resume}; docs/protocol.md,
 * "Resuming a dropped session").
 *
 * <p>A token is 128 random bits from {@link SecureRandom}, shown as 26 base-32 letters and
 * digits. Only its SHA-256 is kept, and sessions are found by that hash: the timing of a
 * lookup depends on the hash of what was typed, which says nothing about any real token, and
 * the hash found is compared again with {@link MessageDigest#isEqual} (constant time). A token
 * works once: {@link #take} removes its session, and a resume issues a new one. Attempts are
 * limited per address ({@link #MAX_ATTEMPTS} a minute), and a wrong, expired or used token all
 * get the same answer, so trying tokens tells nothing about who exists.
 *
 * <p>Reactor thread only. Invariants: {@code byHash} holds every live session once;
 * {@code byUser} maps each attached session's user to it; a dropped session is in
 * {@code byHash} only, until it is taken or its window ends.
 */
final class Sessions {

    /** Resume attempts one address may make per minute. */
    static final int MAX_ATTEMPTS = 5;
    /** Addresses whose attempts are remembered; the oldest are forgotten past it. */
    private static final int MAX_ADDRESSES = 4096;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final Later later;
    private final LongSupplier clockMillis;
    private final long windowMillis;
    private final long reserveMillis;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byHash = new HashMap<>();
    private final Map<User, Session> byUser = new HashMap<>();
    /** Per address: attempts in the current minute and when it began. */
    private final Map<InetAddress, long[]> attempts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /**
     * @param windowMillis  how long a dropped session can be resumed ({@code --resume-window})
     * @param reserveMillis how long, within it, the name stays reserved for its owner
     */
    Sessions(Later later, LongSupplier clockMillis, long windowMillis, long reserveMillis) {
        this.later = later;
        this.clockMillis = clockMillis;
        this.windowMillis = windowMillis;
        this.reserveMillis = Math.min(reserveMillis, windowMillis);
    }

    long windowMillis() {
        return windowMillis;
    }

    long reserveMillis() {
        return reserveMillis;
    }

    /** {@code user}'s token: a new session for it (a user that has one gets a new token, the old one dies). */
    String issue(User user) {
        end(user);
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        String token = base32(secret);
        Session session = new Session(hash(token), user);
        byHash.put(session.tokenHash, session);
        byUser.put(user, session);
        return token;
    }

    /** {@code user}'s session, if it has asked for a token. */
    Session of(User user) {
        return byUser.get(user);
    }

    /** {@code user} quit, or was told to go: its token dies with it. */
    void end(User user) {
        Session session = byUser.remove(user);
        if (session != null) {
            byHash.remove(session.tokenHash);
        }
    }

    /**
     * {@code user}'s connection dropped: its session keeps its name, room and place for the
     * window; {@code release} runs once the name's reservation ends (unless resumed first).
     * False if it has no session (it never asked for a token): then it simply leaves.
     */
    boolean drop(User user, String nick, String roomName, long lastSeq, Runnable release) {
        Session session = byUser.remove(user);
        if (session == null) {
            return false;
        }
        session.nick = nick;
        session.roomName = roomName;
        session.lastSeq = lastSeq;
        session.droppedAtMillis = Math.max(1, clockMillis.getAsLong());
        session.cancelReserve = later.after(reserveMillis, release);
        session.cancelExpiry = later.after(windowMillis, () -> byHash.remove(session.tokenHash, session));
        return true;
    }

    /** True if {@code from} may try a token now (and counts the try). */
    boolean mayTry(SocketAddress from) {
        if (!(from instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return true;
        }
        long now = clockMillis.getAsLong();
        long[] tries = attempts.computeIfAbsent(inet.getAddress(), a -> new long[] {0, now});
        if (now - tries[1] >= 60_000) {
            tries[0] = 0;
            tries[1] = now;
        }
        return ++tries[0] <= MAX_ATTEMPTS;
    }

    /** The session {@code token} opens, taken (it works once); null if none does. */
    Session take(String token) {
        String hash = hash(token);
        Session session = byHash.get(hash);
        if (session == null || !MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                session.tokenHash.getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        byHash.remove(hash);
        byUser.remove(session.user, session);
        session.cancelReserve.run();
        session.cancelExpiry.run();
        return session;
    }

    /** Sessions held, attached or dropped (tests). */
    int size() {
        return byHash.size();
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
