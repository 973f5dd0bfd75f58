package chat.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The servers a run talks to: one or more {@code HOST:PORT}, in the order given. Pool
 * connection {@code i} goes to address {@code i mod A}, and so does churn cycle {@code i}: the
 * clients are spread round-robin, and since the senders are connections {@code 0..S-1}, the
 * senders too. Several servers that share one room (through Redis, say) then carry one run,
 * measured as one room.
 *
 * <p>Immutable; any thread. Made unresolved from the command line, resolved once by {@link
 * #resolved()} before anything connects.
 */
final class Addresses {

    private final List<InetSocketAddress> list;

    private Addresses(List<InetSocketAddress> list) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("at least one address");
        }
        this.list = List.copyOf(list);
    }

    /** One server, as {@code --host} and {@code --port} name it. */
    static Addresses of(String host, int port) {
        return new Addresses(List.of(InetSocketAddress.createUnresolved(host, port)));
    }

    /**
     * Reads {@code HOST:PORT} items ({@code [IPV6]:PORT} for an IPv6 literal).
     *
     * @throws IllegalArgumentException with a sentence naming the bad item
     */
    static Addresses parse(List<String> items) {
        List<InetSocketAddress> parsed = new ArrayList<>();
        for (String item : items) {
            parsed.add(parseOne(item.trim()));
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("--addr needs at least one HOST:PORT");
        }
        return new Addresses(parsed);
    }

    private static InetSocketAddress parseOne(String item) {
        String host;
        String portText;
        if (item.startsWith("[")) {
            // An IPv6 literal has colons of its own: it comes in brackets, as in URLs.
            int close = item.indexOf("]:");
            host = close < 0 ? "" : item.substring(1, close);
            portText = close < 0 ? "" : item.substring(close + 2);
        } else {
            int colon = item.indexOf(':');
            boolean one = colon >= 0 && item.indexOf(':', colon + 1) < 0;
            host = one ? item.substring(0, colon) : "";
            portText = one ? item.substring(colon + 1) : "";
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("--addr wants HOST:PORT items (IPv6 as [::1]:2020), got '" + item + "'");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--addr ports must be 1-65535, got '" + item + "'");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** The same addresses, their host names looked up; fails with a sentence if one cannot be. */
    Addresses resolved() {
        List<InetSocketAddress> resolved = new ArrayList<>();
        for (InetSocketAddress address : list) {
            InetSocketAddress one = address.isUnresolved()
                    ? new InetSocketAddress(address.getHostString(), address.getPort())
                    : address;
            if (one.isUnresolved()) {
                throw new BenchException("Cannot resolve the host name " + address.getHostString() + ".");
            }
            resolved.add(one);
        }
        return new Addresses(resolved);
    }

    /** Where connection (or churn cycle) {@code index} goes. */
    InetSocketAddress forIndex(long index) {
        return list.get((int) (index % list.size()));
    }

    int size() {
        return list.size();
    }

    /** Each as {@code HOST:PORT}, in order: for the JSON output. */
    List<String> names() {
        return list.stream().map(Addresses::name).toList();
    }

    /** {@code HOST:PORT}, with an IPv6 literal in brackets. */
    static String name(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** {@code HOST:PORT}, or several joined by ", ": for sentences. */
    @Override
    public String toString() {
        return list.stream().map(Addresses::name).collect(Collectors.joining(", "));
    }
}
