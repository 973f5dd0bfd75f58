package chat.server.moderation;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of addresses a ban covers: one address ({@code 203.0.113.7}, {@code 2001:db8::1}) or a
 * CIDR block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}), IPv4 or IPv6. Only literals are
 * read, never a host name (no DNS on the loop). An IPv4 block never contains an IPv6 address
 * and the other way round, except that Java reads an IPv4-mapped IPv6 literal
 * ({@code ::ffff:203.0.113.7}) as the IPv4 address it maps.
 *
 * @param network   the block's first address (host bits cleared)
 * @param prefixBits how many leading bits are fixed: 32 (or 128) for one address
 */
public record AddressRange(InetAddress network, int prefixBits) {

    /** True if {@code text} is written as an address or a block rather than a name: has a ':' or a '/', or is digits and dots. */
    public static boolean looksLikeAddress(String text) {
        return text.indexOf(':') >= 0 || text.indexOf('/') >= 0 || text.matches("[0-9]+(\\.[0-9]+){3}");
    }

    /**
     * Reads {@code text}.
     *
     * @throws IllegalArgumentException with a sentence for the user
     */
    public static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        // Only what InetAddress reads as a literal: anything else it would look up in the DNS.
        if (!(address.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*") || address.matches("[0-9]+(\\.[0-9]+){3}"))) {
            throw new IllegalArgumentException(text + " is not an IP address or a CIDR block such as 203.0.113.0/24.");
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(address); // a literal: parsed, never looked up
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException(text + " is not an IP address or a CIDR block such as 203.0.113.0/24.");
        }
        int max = parsed.getAddress().length * 8;
        int bits = max;
        if (slash >= 0) {
            String prefix = text.substring(slash + 1);
            if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > max) {
                throw new IllegalArgumentException(text + ": a block's prefix is 0-" + max + " bits.");
            }
            bits = Integer.parseInt(prefix);
        }
        if (bits < max / 4) {
            // 0.0.0.0/0 would lock everyone out, and a block that large is a typing mistake.
            throw new IllegalArgumentException(text + " is too large a block: at least /" + max / 4 + ".");
        }
        return new AddressRange(masked(parsed, bits), bits);
    }

    /** True if {@code address} is in this block. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (n[full] & mask);
    }

    /** The block as written canonically: {@code 203.0.113.0/24}, or the address alone for one address. */
    @Override
    public String toString() {
        String host = network.getHostAddress();
        return prefixBits == network.getAddress().length * 8 ? host : host + "/" + prefixBits;
    }

    private static InetAddress masked(InetAddress address, int bits) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            bytes[i] &= (byte) ((0xFF << (8 - keep)) & 0xFF);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
