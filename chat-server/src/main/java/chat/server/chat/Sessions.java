package chat.server.chat;

import chat.server.bus.SessionStore;
import chat.server.loop.Later;
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
import java.util.function.Consumer;
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
 * <p>Sessions attached to a user connected here are kept here (a resume on this server may
 * take over that user's connection); a dropped one goes to the {@link SessionStore}, which is
 * Redis's with {@code --redis}, so it can be resumed on any server of the chat.
 *
 * <p>Reactor thread only. Invariant: {@code byHash} and {@code byUser} hold the same attached
 * sessions, each once.
 */
final class Sessions {

    /** Resume attempts one address may make per minute. */
    static final int MAX_ATTEMPTS = 5;
    /** Addresses whose attempts are remembered; the oldest are forgotten past it. */
    private static final int MAX_ADDRESSES = 4096;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final Later later;
    private final SessionStore store;
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
    Sessions(Later later, SessionStore store, LongSupplier clockMillis, long windowMillis, long reserveMillis) {
        this.later = later;
        this.store = store;
        this.clockMillis = clockMillis;
        this.windowMillis = windowMillis;
        this.reserveMillis = Math.min(reserveMillis, windowMillis);
    }

    /**
     * Lets another server take over a session attached here ({@link SessionStore#onHandOver}):
     * {@code drop} is given the session's user, and must drop it (its connection closed, the
     * session put in the store) before it returns.
     */
    void handOverWith(Consumer<User> drop) {
        store.onHandOver(tokenHash -> {
            Session session = byHash.get(tokenHash);
            if (session == null) {
                return false;
            }
            drop.accept(session.user);
            return true;
        });
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
        store.attached(session.tokenHash);
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
            store.detached(session.tokenHash);
        }
    }

    /**
     * {@code user}'s connection dropped: its session, with its name, room and place, goes to the
     * store for the window (where any server of the chat can resume it); {@code release} runs
     * once the name's reservation ends. False if it has no session (it never asked for a
     * token): then it simply leaves.
     */
    boolean drop(User user, SessionStore.Dropped dropped, Runnable release) {
        Session session = byUser.remove(user);
        if (session == null) {
            return false;
        }
        byHash.remove(session.tokenHash);
        store.detached(session.tokenHash);
        store.put(session.tokenHash, dropped, windowMillis);
        later.after(reserveMillis, release);
        return true;
    }

    /**
     * What {@code token} opens, taken (it works once): a session attached to a user here (whose
     * connection is then taken over), or a dropped one from the store; null to {@code taken}
     * if it opens nothing.
     */
    void take(String token, Consumer<Taken> taken) {
        String hash = hash(token);
        Session session = byHash.get(hash);
        if (session != null && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                session.tokenHash.getBytes(StandardCharsets.US_ASCII))) {
            byHash.remove(hash);
            byUser.remove(session.user, session);
            store.detached(hash);
            taken.accept(new Taken(session.user, null));
            return;
        }
        store.take(hash, dropped -> taken.accept(dropped == null ? null : new Taken(null, dropped)));
    }

    /** What a token opened: an attached session's user, or a dropped session; one of them is null. */
    record Taken(User attached, SessionStore.Dropped dropped) {
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

    /** Sessions attached to users here (tests). */
    int size() {
        return byHash.size();
    }

    static String hash(String token) {
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
