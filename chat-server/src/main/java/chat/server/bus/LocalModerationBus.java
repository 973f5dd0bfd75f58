package chat.server.bus;

import chat.server.moderation.Sanction;
import chat.server.store.SanctionFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The bans and mutes of a chat that is one process: kept here, and, with {@code --data-dir},
 * written to a file there after each change (by the file's own thread) and read back at start.
 * Every change is told to the listener at once, within the call.
 *
 * <p>Reactor thread only.
 */
public final class LocalModerationBus implements ModerationBus {

    /** Every sanction, by key, in the order set. */
    private final Map<String, Sanction> byKey = new LinkedHashMap<>();
    /** Where they outlive the process; null: in memory only. */
    private final SanctionFile file;
    private final LongSupplier clockMillis;
    /** Told of every change; set once, by {@link #listen}, before any change. */
    private Listener listener;

    /** In memory only. */
    public LocalModerationBus() {
        this(null, List.of(), System::currentTimeMillis);
    }

    /** Starting from {@code kept} (what {@code file} held at start), each change written to {@code file} (null: none). */
    public LocalModerationBus(SanctionFile file, List<Sanction> kept, LongSupplier clockMillis) {
        this.file = file;
        this.clockMillis = clockMillis;
        for (Sanction sanction : kept) {
            byKey.put(sanction.key(), sanction);
        }
    }

    @Override
    public void listen(Listener newListener) {
        listener = newListener;
        listener.onSanctions(List.copyOf(byKey.values()));
    }

    @Override
    public void put(Sanction sanction, Runnable done, Consumer<String> failed) {
        byKey.remove(sanction.key()); // set again: it moves to the end, as newly set
        byKey.put(sanction.key(), sanction);
        done.run(); // the operator is told first, then the ban takes effect: the order Redis gives too
        changed();
    }

    @Override
    public void remove(String key, Consumer<Boolean> done, Consumer<String> failed) {
        boolean was = byKey.remove(key) != null;
        done.accept(was);
        if (was) {
            changed();
        }
    }

    @Override
    public void kick(String nick, String by, String reason, Consumer<String> failed) {
        listener.onKick(nick, by, reason);
    }

    @Override
    public void announce(String by, String text, Consumer<String> failed) {
        listener.onAnnounce(by, text);
    }

    /** Expired sanctions are dropped here, so neither the list nor the file grows with them. */
    private void changed() {
        long now = clockMillis.getAsLong();
        byKey.values().removeIf(s -> !s.holdsAt(now));
        List<Sanction> all = new ArrayList<>(byKey.values());
        if (file != null) {
            file.save(all);
        }
        listener.onSanctions(List.copyOf(all));
    }
}
