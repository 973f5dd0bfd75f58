package chat.server;

import chat.core.LineFramer;

/**
 * Everything the server can be told on its command line, with the defaults a user never has to
 * think about (docs/operations.md explains each limit).
 *
 * @param host            address to listen on; 0.0.0.0 opens the server to the network
 * @param port            TCP port; 0 picks a free one (tests)
 * @param maxLineBytes    longest accepted line, in bytes, not counting its line end
 * @param historyLines    lines each room keeps for newcomers; 0 turns history off
 * @param maxQueuedBytes  unsent output a connection may have before it is disconnected as too slow
 * @param floodBurst      lines a connection may send at once before flood control delays it
 * @param floodRate       lines per second a connection may send on average; 0 turns flood control off
 * @param maxConnections  connections held at once; the next one is told and closed
 */
public record ServerConfig(
        String host,
        int port,
        int maxLineBytes,
        int historyLines,
        int maxQueuedBytes,
        int floodBurst,
        double floodRate,
        int maxConnections) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 2020;
    public static final int DEFAULT_HISTORY_LINES = 50;
    public static final int DEFAULT_MAX_QUEUED_BYTES = 256 * 1024;
    public static final int DEFAULT_FLOOD_BURST = 20;
    public static final double DEFAULT_FLOOD_RATE = 10;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        requireAtLeast("maxLineBytes", maxLineBytes, 1);
        requireAtLeast("historyLines", historyLines, 0);
        requireAtLeast("maxQueuedBytes", maxQueuedBytes, 1024);
        requireAtLeast("floodBurst", floodBurst, 1);
        requireAtLeast("maxConnections", maxConnections, 1);
        if (!(floodRate >= 0) || Double.isInfinite(floodRate)) {
            throw new IllegalArgumentException("floodRate must be 0 or more, got " + floodRate);
        }
    }

    /** The defaults, listening on 127.0.0.1:2020. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, LineFramer.DEFAULT_MAX_LINE_BYTES,
                DEFAULT_HISTORY_LINES, DEFAULT_MAX_QUEUED_BYTES, DEFAULT_FLOOD_BURST, DEFAULT_FLOOD_RATE,
                DEFAULT_MAX_CONNECTIONS);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxLineBytes, historyLines, maxQueuedBytes, floodBurst,
                floodRate, maxConnections);
    }

    public ServerConfig withHistoryLines(int lines) {
        return new ServerConfig(host, port, maxLineBytes, lines, maxQueuedBytes, floodBurst, floodRate,
                maxConnections);
    }

    public ServerConfig withMaxLineBytes(int bytes) {
        return new ServerConfig(host, port, bytes, historyLines, maxQueuedBytes, floodBurst, floodRate,
                maxConnections);
    }

    public ServerConfig withMaxQueuedBytes(int bytes) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, bytes, floodBurst, floodRate,
                maxConnections);
    }

    public ServerConfig withFlood(int burst, double rate) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, maxQueuedBytes, burst, rate,
                maxConnections);
    }

    public ServerConfig withMaxConnections(int connections) {
        return new ServerConfig(host, port, maxLineBytes, historyLines, maxQueuedBytes, floodBurst,
                floodRate, connections);
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }
}
