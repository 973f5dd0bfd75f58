package chat.server.net;

import chat.server.ServerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --max-connections-per-address}: one address may hold only so many connections, so one
 * process holding a thousand idle sockets cannot lock everyone else out. Addresses given with
 * {@code --exempt-addresses} (loopback by default: tests, a local bridge) are not counted.
 *
 * <p>Reactor thread only. Invariant: {@code open} maps each counted address with open
 * connections to their number, never to 0.
 */
final class AddressLimit {

    private final int limit;
    private final Map<InetAddress, Integer> open = new HashMap<>();
    private final Set<InetAddress> exempt = new HashSet<>();

    /** {@code limit} 0 turns the limit off. */
    AddressLimit(int limit, List<String> exemptAddresses) {
        this.limit = limit;
        for (String address : exemptAddresses) {
            exempt.add(ServerConfig.literalAddress(address));
        }
    }

    int limit() {
        return limit;
    }

    /** Counts a connection from {@code address}; false (nothing counted) if it is over its limit. */
    boolean countIn(InetAddress address) {
        if (limit == 0 || exempt.contains(address)) {
            return true;
        }
        int now = open.getOrDefault(address, 0);
        if (now >= limit) {
            return false;
        }
        open.put(address, now + 1);
        return true;
    }

    /** A connection from {@code address} closed: it may have one more. */
    void countOut(InetAddress address) {
        open.computeIfPresent(address, (same, n) -> n == 1 ? null : n - 1);
    }

    void countOut(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            countOut(inet.getAddress());
        }
    }
}
