package chat.server.moderation;

import java.util.Optional;

/**
 * One ban or mute, as every server of the chat keeps it and as it is written down (the data
 * directory's file, Redis): what it covers, who set it and from where, when, until when, why.
 *
 * @param kind        a name ban, an address ban or a mute
 * @param target      what it covers, as compared: a folded name, or a canonical {@link AddressRange}
 * @param shown       what it covers, as the operator typed it (the name as shown)
 * @param by          the operator's name (from the operators file) and the nick they had
 * @param byAddress   where the operator was connected from
 * @param atMillis    when it was set (epoch ms)
 * @param untilMillis when it ends (epoch ms); 0: never, until lifted
 * @param reason      why, as the operator said it ("" if they did not)
 */
public record Sanction(Kind kind, String target, String shown, String by, String byAddress, long atMillis,
                       long untilMillis, String reason) {

    /** What a sanction does. */
    public enum Kind {
        /** The name may not be used; whoever has it is disconnected. */
        NAME_BAN,
        /** Connections from these addresses are refused; those connected are disconnected. */
        ADDRESS_BAN,
        /** The name's lines, actions and private messages reach no one. */
        MUTE
    }

    private static final char SEP = '\t';

    public Sanction {
        for (String field : new String[] {target, shown, by, byAddress, reason}) {
            if (field.indexOf(SEP) >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a sanction's fields are one line without tabs");
            }
        }
    }

    /** The key a sanction is stored and lifted by: its kind and target, so setting it again replaces it. */
    public static String key(Kind kind, String target) {
        return kind.name() + ":" + target;
    }

    public String key() {
        return key(kind, target);
    }

    /** True if it still holds at {@code nowMillis}. */
    public boolean holdsAt(long nowMillis) {
        return untilMillis == 0 || nowMillis < untilMillis;
    }

    /** One line, tab-separated, as the file and Redis keep it. */
    public String encode() {
        return String.join(String.valueOf(SEP), kind.name(), target, shown, by, byAddress,
                Long.toString(atMillis), Long.toString(untilMillis), reason);
    }

    /** Reads a line {@link #encode} wrote; empty if it is not one (a damaged file, a foreign writer). */
    public static Optional<Sanction> decode(String line) {
        String[] f = line.split(String.valueOf(SEP), -1);
        if (f.length != 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Sanction(Kind.valueOf(f[0]), f[1], f[2], f[3], f[4], Long.parseLong(f[5]),
                    Long.parseLong(f[6]), f[7]));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // NumberFormatException is one
        }
    }
}
