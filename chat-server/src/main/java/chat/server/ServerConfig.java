package chat.server;

import chat.core.LineFramer;
import chat.server.store.Fsync;
import chat.server.store.MemoryHistory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Everything the server can be told on its command line, with the defaults a user never has to
 * think about (docs/operations.md explains each limit).
 *
 * @param host                     address to listen on; 0.0.0.0 opens the server to the network
 * @param port                     TCP port; 0 picks a free one (tests)
 * @param maxLineBytes             longest accepted line, in bytes, not counting its line end
 * @param historyLines             lines each room keeps for newcomers; 0 turns history off
 * @param historyBytes             bytes of lines each room keeps at most, whatever their number
 * @param maxQueuedBytes           hard cap: queued output (with its overhead) past which a
 *                                 connection is dropped at once as too slow
 * @param slowQueuedBytes          soft cap: a connection over it for {@code slowSeconds} is dropped
 * @param slowSeconds              how long a connection may stay over the soft cap
 * @param maxTotalQueuedBytes      all connections' queued output together; at it, input waits
 * @param floodBurst               lines a connection may send at once before flood control delays it
 * @param floodRate                lines per second a connection may send on average; 0 turns flood control off
 * @param maxConnections           connections held at once; the next one is told and closed
 * @param maxConnectionsPerAddress connections from one address at once; 0 turns the limit off
 * @param exemptAddresses          addresses (literal IPs) the per-address limit does not apply to
 * @param redis                    the Redis that joins this server to a chat of several ({@code redis://...});
 *                                 empty: this process is the whole chat
 * @param node                     this server's name in the chat and in logs (letters, digits, {@code _-.})
 * @param storage                  where history is kept, and how much of it
 * @param resumeWindowMillis       how long a dropped session can be resumed with {@code /resume}
 * @param crowd                    how a big room hears of arrivals and departures
 */
public record ServerConfig(
        String host,
        int port,
        int maxLineBytes,
        int historyLines,
        int historyBytes,
        int maxQueuedBytes,
        int slowQueuedBytes,
        double slowSeconds,
        long maxTotalQueuedBytes,
        int floodBurst,
        double floodRate,
        int maxConnections,
        int maxConnectionsPerAddress,
        List<String> exemptAddresses,
        String redis,
        String node,
        Storage storage,
        long resumeWindowMillis,
        Crowd crowd) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 2020;
    public static final int DEFAULT_HISTORY_LINES = 50;
    public static final int DEFAULT_HISTORY_BYTES = 32 * 1024;
    public static final int DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
    public static final int DEFAULT_SLOW_QUEUED_BYTES = 256 * 1024;
    public static final double DEFAULT_SLOW_SECONDS = 10;
    public static final long DEFAULT_MAX_TOTAL_QUEUED_BYTES = 256L * 1024 * 1024;
    public static final int DEFAULT_FLOOD_BURST = 20;
    public static final double DEFAULT_FLOOD_RATE = 10;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 16;
    public static final long DEFAULT_RESUME_WINDOW_MILLIS = 10 * 60_000L;
    /** How long, of the resume window, a dropped user's name stays reserved for it. */
    public static final long RESUME_RESERVE_MILLIS = 60_000L;
    public static final List<String> DEFAULT_EXEMPT_ADDRESSES = List.of("127.0.0.1", "::1");

    /**
     * Checks every limit; each refusal names the command-line flag that sets it
     * ({@code --max-line-bytes must be at least 1, got 0}), since that is what the user typed.
     */
    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0-65535, got " + port);
        }
        requireAtLeast("--max-line-bytes", maxLineBytes, 1);
        requireAtLeast("--history", historyLines, 0);
        requireAtLeast("--history-bytes", historyBytes, 0);
        requireAtLeast("--max-queued-bytes", maxQueuedBytes, 1024);
        requireAtLeast("--slow-queued-bytes", slowQueuedBytes, 1024);
        requireAtLeast("--max-total-queued-bytes", maxTotalQueuedBytes, maxQueuedBytes);
        requireAtLeast("--flood-burst", floodBurst, 1);
        requireAtLeast("--max-connections", maxConnections, 1);
        requireAtLeast("--max-connections-per-address", maxConnectionsPerAddress, 0);
        if (slowQueuedBytes > maxQueuedBytes) {
            throw new IllegalArgumentException("--slow-queued-bytes (" + slowQueuedBytes
                    + ") must not be above --max-queued-bytes (" + maxQueuedBytes + ")");
        }
        if (!(floodRate >= 0) || Double.isInfinite(floodRate)) {
            throw new IllegalArgumentException("--flood-rate must be 0 or more, got " + shown(floodRate));
        }
        if (!(slowSeconds > 0) || Double.isInfinite(slowSeconds)) {
            throw new IllegalArgumentException("--slow-seconds must be more than 0, got " + shown(slowSeconds));
        }
        exemptAddresses = List.copyOf(exemptAddresses);
        java.util.Objects.requireNonNull(crowd, "crowd");
        if (resumeWindowMillis < 1000) {
            throw new IllegalArgumentException("--resume-window must be at least 1s, got " + resumeWindowMillis + " ms");
        }
        if (!node.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("--node must be 1-64 letters, digits, _, - or ., got '" + node + "'");
        }
        for (String address : exemptAddresses) {
            literalAddress(address);
        }
    }

    /** An address from the command line: a literal IP, never a name to look up (no DNS on the loop). */
    public static InetAddress literalAddress(String text) {
        String t = text.trim();
        boolean literal = t.indexOf(':') >= 0 || t.matches("[0-9.]+");
        if (!literal) {
            throw new IllegalArgumentException("--exempt-addresses: '" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--exempt-addresses: '" + text + "' is not an IP address");
        }
    }

    /** The defaults, listening on 127.0.0.1:2020. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, LineFramer.DEFAULT_MAX_LINE_BYTES,
                DEFAULT_HISTORY_LINES, DEFAULT_HISTORY_BYTES, DEFAULT_MAX_QUEUED_BYTES,
                DEFAULT_SLOW_QUEUED_BYTES, DEFAULT_SLOW_SECONDS, DEFAULT_MAX_TOTAL_QUEUED_BYTES,
                DEFAULT_FLOOD_BURST, DEFAULT_FLOOD_RATE, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_EXEMPT_ADDRESSES, "", defaultNode(), Storage.IN_MEMORY,
                DEFAULT_RESUME_WINDOW_MILLIS, Crowd.DEFAULT);
    }

    /** A name for this server unlikely to be any other's: the host's name and a random suffix. */
    public static String defaultNode() {
        String host = System.getenv().getOrDefault("HOSTNAME", "node").replaceAll("[^A-Za-z0-9_.-]", "");
        String suffix = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36);
        return (host.isEmpty() ? "node" : host.length() > 40 ? host.substring(0, 40) : host) + "-" + suffix;
    }

    public ServerConfig withRedis(String uri, String nodeName) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                maxConnectionsPerAddress, exemptAddresses, uri, nodeName, storage, resumeWindowMillis, crowd);
    }

    /** History kept in {@code dir} (a path; "" for memory), synced to disk as {@code fsync} says. */
    public ServerConfig withStorage(Storage newStorage) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                maxConnectionsPerAddress, exemptAddresses, redis, node, newStorage, resumeWindowMillis, crowd);
    }

    /**
     * Where the server keeps what outlives it, and how much history it keeps
     * (docs/operations.md, "History on disk").
     *
     * @param dataDir      the directory ({@code --data-dir}); "" keeps history in memory only
     * @param fsync        how often the journal is forced to disk ({@code --fsync})
     * @param historyRooms rooms whose history is kept at most ({@code --history-rooms})
     * @param historyDays  days a room's history is kept after its last line ({@code --history-days})
     */
    public record Storage(String dataDir, Fsync fsync, int historyRooms, int historyDays) {

        public static final Storage IN_MEMORY = new Storage("", Fsync.EVERYSEC,
                MemoryHistory.DEFAULT_MAX_ROOMS, MemoryHistory.DEFAULT_MAX_AGE_DAYS);

        public Storage {
            java.util.Objects.requireNonNull(dataDir, "dataDir");
            java.util.Objects.requireNonNull(fsync, "fsync");
            if (historyRooms < 1) {
                throw new IllegalArgumentException("--history-rooms must be at least 1, got " + historyRooms);
            }
            if (historyDays < 1) {
                throw new IllegalArgumentException("--history-days must be at least 1, got " + historyDays);
            }
        }

        /** The journal's directory, in {@code dir}, synced as this says. */
        public Storage inDirectory(String dir) {
            return new Storage(dir, fsync, historyRooms, historyDays);
        }

        public long maxAgeMillis() {
            return historyDays * 86_400_000L;
        }
    }

    public ServerConfig withResumeWindow(long millis) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                maxConnectionsPerAddress, exemptAddresses, redis, node, storage, millis, crowd);
    }

    public ServerConfig withCrowd(Crowd newCrowd) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                maxConnectionsPerAddress, exemptAddresses, redis, node, storage, resumeWindowMillis, newCrowd);
    }

    /**
     * How a room with many people in it hears of arrivals and departures (docs/operations.md,
     * "Big rooms"): above {@code coalesceAbove} people here, the joins, leaves and returns of
     * one pass of the loop are told in one line per kind; above {@code quietAbove}, plain users
     * hear of them only for people who spoke in the room lately (tagged users hear of all).
     *
     * @param coalesceAbove {@code --coalesce-joins-above}
     * @param quietAbove    {@code --quiet-joins-above}
     */
    public record Crowd(int coalesceAbove, int quietAbove) {

        public static final Crowd DEFAULT = new Crowd(20, 200);

        public Crowd {
            if (coalesceAbove < 0) {
                throw new IllegalArgumentException("--coalesce-joins-above must be at least 0, got " + coalesceAbove);
            }
            if (quietAbove < 0) {
                throw new IllegalArgumentException("--quiet-joins-above must be at least 0, got " + quietAbove);
            }
        }
    }

    /** The queued output past which a connection's producers are paused: half the soft cap. */
    public long pressureBytes() {
        return slowQueuedBytes / 2;
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                maxConnectionsPerAddress, exemptAddresses, redis, node, storage, resumeWindowMillis, crowd);
    }

    public ServerConfig withHistoryLines(int lines) {
        return new ServerConfig(host, port, maxLineBytes, lines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                maxConnectionsPerAddress, exemptAddresses, redis, node, storage, resumeWindowMillis, crowd);
    }

    public ServerConfig withMaxLineBytes(int bytes) {
        return new ServerConfig(host, port, bytes, historyLines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                maxConnectionsPerAddress, exemptAddresses, redis, node, storage, resumeWindowMillis, crowd);
    }

    /** The hard cap; the soft cap is lowered to it if it was above. */
    public ServerConfig withMaxQueuedBytes(int bytes) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, bytes,
                Math.min(slowQueuedBytes, bytes), slowSeconds, Math.max(maxTotalQueuedBytes, bytes), floodBurst,
                floodRate, maxConnections, maxConnectionsPerAddress, exemptAddresses, redis, node, storage, resumeWindowMillis, crowd);
    }

    public ServerConfig withSlowReader(int softBytes, double seconds) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                softBytes, seconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                maxConnectionsPerAddress, exemptAddresses, redis, node, storage, resumeWindowMillis, crowd);
    }

    public ServerConfig withMaxTotalQueuedBytes(long bytes) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, bytes, floodBurst, floodRate, maxConnections,
                maxConnectionsPerAddress, exemptAddresses, redis, node, storage, resumeWindowMillis, crowd);
    }

    public ServerConfig withFlood(int burst, double rate) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, burst, rate, maxConnections,
                maxConnectionsPerAddress, exemptAddresses, redis, node, storage, resumeWindowMillis, crowd);
    }

    public ServerConfig withMaxConnections(int connections) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, connections,
                maxConnectionsPerAddress, exemptAddresses, redis, node, storage, resumeWindowMillis, crowd);
    }

    public ServerConfig withPerAddressLimit(int perAddress, List<String> exempt) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, historyBytes, maxQueuedBytes,
                slowQueuedBytes, slowSeconds, maxTotalQueuedBytes, floodBurst, floodRate, maxConnections,
                perAddress, exempt, redis, node, storage, resumeWindowMillis, crowd);
    }

    /** {@code number} as the user would have typed it: {@code 0}, not {@code 0.0}. */
    private static String shown(double number) {
        return Double.isFinite(number) ? java.math.BigDecimal.valueOf(number).stripTrailingZeros().toPlainString()
                : Double.toString(number);
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }
}
