package chat.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Address blocks a ban covers, IPv4 and IPv6. */
class AddressRangeTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void anIpv4BlockHoldsItsAddressesOnly() throws UnknownHostException {
        AddressRange block = AddressRange.parse("203.0.113.77/25");
        assertEquals("203.0.113.0/25", block.toString(), "host bits cleared");
        assertTrue(block.contains(ip("203.0.113.0")));
        assertTrue(block.contains(ip("203.0.113.127")));
        assertFalse(block.contains(ip("203.0.113.128")));
        assertFalse(block.contains(ip("2001:db8::1")), "an IPv6 address is never in an IPv4 block");
    }

    @Test
    void anIpv6BlockAndASingleAddress() throws UnknownHostException {
        AddressRange block = AddressRange.parse("2001:DB8:0:0::/32");
        assertEquals("2001:db8:0:0:0:0:0:0/32", block.toString());
        assertTrue(block.contains(ip("2001:db8:ffff::1")));
        assertFalse(block.contains(ip("2001:db9::1")));
        AddressRange one = AddressRange.parse("::1");
        assertEquals("0:0:0:0:0:0:0:1", one.toString());
        assertTrue(one.contains(ip("::1")));
        assertFalse(one.contains(ip("::2")));
        assertTrue(AddressRange.parse("::ffff:10.1.2.3").contains(ip("10.1.2.3")), "a mapped IPv4 address is that address");
    }

    @Test
    void namesTooLargeBlocksAndBadPrefixesAreRefused() {
        assertFalse(AddressRange.looksLikeAddress("ann"));
        assertFalse(AddressRange.looksLikeAddress("1234"), "digits alone are a name");
        assertTrue(AddressRange.looksLikeAddress("10.0.0.1"));
        assertTrue(AddressRange.looksLikeAddress("fe80::1"));
        for (String bad : new String[] {"example.com", "10.0.0/8", "zz::1", "10.0.0.0/33", "10.0.0.0/7", "::/15", "10.0.0.0/x"}) {
            assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(bad), bad);
        }
    }
}
