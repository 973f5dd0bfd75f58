package chat.client;

import java.util.Objects;

/**
 * One server as the user named it: a host (name or IP literal, not resolved here) and a port.
 * Written {@code HOST:PORT}, an IPv6 literal in brackets ({@code [::1]:2020}), so the last colon
 * is never ambiguous; {@link #toString} writes the same form, for messages.
 *
 * <p>Immutable. Invariants: {@code host} is not null and {@code port} is 1-65535. The host is
 * resolved only when dialed, so a name that stops resolving fails that one dial, not the list.
 */
public record ServerAddress(String host, int port) {

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    /**
     * Reads {@code HOST:PORT} or {@code [IPV6]:PORT}; white space around it is ignored.
     *
     * @throws IllegalArgumentException with a clause naming the text and what is wrong with it
     *     (the caller says it wanted HOST:PORT)
     */
    public static ServerAddress parse(String text) {
        String given = text.strip();
        String quoted = "'" + given + "'";
        if (given.isEmpty()) {
            throw new IllegalArgumentException("an address is empty");
        }
        if (given.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            // A URL or two words: nothing to guess a host from, and a colon count would mislead.
            throw new IllegalArgumentException(quoted + " is not a host and port");
        }
        String host;
        String portText;
        if (given.startsWith("[")) {
            int close = given.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(quoted + " has no closing ]");
            }
            host = given.substring(1, close);
            if (!host.contains(":")) {
                throw new IllegalArgumentException("the brackets in " + quoted
                        + " are only for IPv6 addresses, as in [::1]:2020");
            }
            String rest = given.substring(close + 1);
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException(quoted + " has no :PORT after the ]");
            }
            portText = rest.substring(1);
        } else {
            int colon = given.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(quoted + " has no :PORT");
            }
            if (given.indexOf(':') != colon) {
                // ::1:2020 could be port 2020 of ::1 or an address ending in :2020; brackets say which.
                throw new IllegalArgumentException("the IPv6 address in " + quoted
                        + " needs brackets, as in [::1]:2020");
            }
            host = given.substring(0, colon);
            portText = given.substring(colon + 1);
        }
        if (host.isEmpty() || host.contains("[") || host.contains("]")) {
            throw new IllegalArgumentException(quoted + " has no usable host");
        }
        // Digits only: Integer.parseInt would also take "+2020"; five at most, so it cannot overflow.
        boolean digits = !portText.isEmpty() && portText.length() <= 5
                && portText.chars().allMatch(c -> c >= '0' && c <= '9');
        int port = digits ? Integer.parseInt(portText) : 0;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port in " + quoted + " must be a number 1-65535");
        }
        return new ServerAddress(host, port);
    }

    /** {@code host:port}, or {@code [host]:port} for an IPv6 literal: what {@link #parse} reads. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
