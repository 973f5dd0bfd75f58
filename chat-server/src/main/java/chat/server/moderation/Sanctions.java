package chat.server.moderation;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bans and mutes this server enforces: a copy of the chat's list, replaced whole each time
 * it changes ({@link #replaceAll}), so every server holds the same one. An expired sanction is
 * simply not found: expiry needs no timer.
 *
 * <p>Reactor thread only. Invariant: {@code addressBans} holds exactly the address bans of
 * {@code byKey}, with their ranges read, so the accept path reads no text.
 */
public final class Sanctions {

    /** Every sanction, by {@link Sanction#key}. */
    private final Map<String, Sanction> byKey = new HashMap<>();
    /** The address bans with their blocks, checked at every accept. */
    private final List<Banned> addressBans = new ArrayList<>();
    /** Mutes held: while 0 (nearly always), a line said costs no lookup. */
    private int mutes;

    private record Banned(AddressRange range, Sanction ban) {
    }

    /** Replaces the whole list with {@code all}. */
    public void replaceAll(Collection<Sanction> all) {
        byKey.clear();
        addressBans.clear();
        mutes = 0;
        for (Sanction sanction : all) {
            byKey.put(sanction.key(), sanction);
            if (sanction.kind() == Sanction.Kind.ADDRESS_BAN) {
                try {
                    addressBans.add(new Banned(AddressRange.parse(sanction.target()), sanction));
                } catch (IllegalArgumentException damaged) {
                    byKey.remove(sanction.key()); // written by no server of ours: not enforced, not listed
                }
            } else if (sanction.kind() == Sanction.Kind.MUTE) {
                mutes++;
            }
        }
    }

    /** The sanction {@code key} holding at {@code nowMillis}, or null. */
    public Sanction get(String key, long nowMillis) {
        Sanction sanction = byKey.get(key);
        return sanction != null && sanction.holdsAt(nowMillis) ? sanction : null;
    }

    /** The ban on the folded name {@code nameKey}, or null. */
    public Sanction nameBan(String nameKey, long nowMillis) {
        return byKey.isEmpty() ? null : get(Sanction.key(Sanction.Kind.NAME_BAN, nameKey), nowMillis);
    }

    /** The mute on the folded name {@code nameKey}, or null. */
    public Sanction mute(String nameKey, long nowMillis) {
        return mutes == 0 ? null : get(Sanction.key(Sanction.Kind.MUTE, nameKey), nowMillis);
    }

    /** True if some mute is held (expired or not): only then is a speaker's name looked up. */
    public boolean anyMutes() {
        return mutes > 0;
    }

    /** The ban of a block that holds {@code address}, or null. */
    public Sanction addressBan(InetAddress address, long nowMillis) {
        for (int i = 0, n = addressBans.size(); i < n; i++) {
            Banned banned = addressBans.get(i);
            if (banned.ban().holdsAt(nowMillis) && banned.range().contains(address)) {
                return banned.ban();
            }
        }
        return null;
    }

    /** Every sanction holding at {@code nowMillis}: bans first, then mutes, each oldest first. */
    public List<Sanction> holding(long nowMillis) {
        List<Sanction> list = new ArrayList<>();
        for (Sanction sanction : byKey.values()) {
            if (sanction.holdsAt(nowMillis)) {
                list.add(sanction);
            }
        }
        list.sort(Comparator.comparing((Sanction s) -> s.kind() == Sanction.Kind.MUTE)
                .thenComparingLong(Sanction::atMillis));
        return list;
    }
}
