package chat.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bans and mutes a server enforces, with their expiry, and how they are written down. */
class SanctionsTest {

    private static Sanction sanction(Sanction.Kind kind, String target, long until) {
        return new Sanction(kind, target, target, "op", "127.0.0.1", 1_000, until, "why");
    }

    @Test
    void aSanctionHoldsUntilItsEndAndAPermanentOneForGood() throws Exception {
        Sanctions sanctions = new Sanctions();
        sanctions.replaceAll(List.of(sanction(Sanction.Kind.NAME_BAN, "spam", 5_000),
                sanction(Sanction.Kind.ADDRESS_BAN, "10.0.0.0/8", 0), sanction(Sanction.Kind.MUTE, "loud", 5_000)));
        assertNotNull(sanctions.nameBan("spam", 4_999));
        assertNull(sanctions.nameBan("spam", 5_000));
        assertNotNull(sanctions.mute("loud", 4_999));
        assertNull(sanctions.mute("loud", 5_000));
        assertNotNull(sanctions.addressBan(InetAddress.getByName("10.9.8.7"), Long.MAX_VALUE - 1));
        assertNull(sanctions.addressBan(InetAddress.getByName("11.0.0.1"), 0));
        assertEquals(3, sanctions.holding(4_999).size());
        assertEquals(List.of(Sanction.Kind.ADDRESS_BAN), sanctions.holding(5_000).stream().map(Sanction::kind).toList());
    }

    @Test
    void replacingTheListForgetsWhatIsNoLongerInIt() {
        Sanctions sanctions = new Sanctions();
        sanctions.replaceAll(List.of(sanction(Sanction.Kind.MUTE, "loud", 0)));
        assertTrue(sanctions.anyMutes());
        sanctions.replaceAll(List.of());
        assertFalse(sanctions.anyMutes());
        assertNull(sanctions.mute("loud", 0));
    }

    @Test
    void aSanctionIsWrittenAsOneLineAndReadBack() {
        Sanction ban = new Sanction(Sanction.Kind.NAME_BAN, "spam", "Spam", "op", "::1", 42, 0, "a reason: with words");
        assertEquals(Optional.of(ban), Sanction.decode(ban.encode()));
        assertEquals(Optional.empty(), Sanction.decode("NAME_BAN\tspam"));
        assertEquals(Optional.empty(), Sanction.decode("KICK\ta\tb\tc\td\t1\t2\tr"));
        assertEquals(Optional.empty(), Sanction.decode("MUTE\ta\tb\tc\td\tx\t2\tr"));
    }
}
