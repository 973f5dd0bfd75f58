package chat.server.chat;

import chat.core.Command;
import chat.core.Event;
import chat.core.Names;
import chat.server.bus.Directory;
import chat.server.bus.ModerationBus;
import chat.server.moderation.AddressRange;
import chat.server.moderation.Attempts;
import chat.server.moderation.PasswordChecks;
import chat.server.moderation.Sanction;
import chat.server.moderation.Sanctions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators and what they may do (docs/protocol.md, "Moderation"): {@code /oper}, {@code /kick},
 * {@code /ban}, {@code /unban}, {@code /bans}, {@code /mute}, {@code /unmute}, {@code /announce};
 * and the bans and mutes this server enforces, as the {@link ModerationBus} hands them over.
 *
 * <p>Where each piece lives decides what spans servers: being an operator belongs to one
 * connection (its server checked the password); bans and mutes are the bus's, copied whole to
 * every server, which enforces them on its own users; a kick and an announcement travel on the
 * bus to every server, and the one holding the user acts.
 *
 * <p>Every operator action is logged with the operator's name, nick and address; a password
 * never is, nor the line that carried it.
 *
 * <p>Reactor thread only.
 */
final class ModerationCommands implements ModerationBus.Listener {

    private static final Logger log = LoggerFactory.getLogger(ModerationCommands.class);

    /** {@code /oper} tries one connection, and one address, may make per minute. */
    static final int OPER_TRIES_PER_MINUTE = 5;
    static final String WRONG = "Wrong operator name or password.";

    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Chat chat;
    private final Directory directory;
    private final ModerationBus bus;
    /** Null when the server names no operators: /oper then always fails. */
    private final PasswordChecks checks;
    private final LongSupplier clockMillis;
    /** The bans and mutes in force: the bus's list, as last handed over. */
    private final Sanctions sanctions = new Sanctions();
    private final Attempts<Long> triesByConnection = new Attempts<>(OPER_TRIES_PER_MINUTE);
    private final Attempts<InetAddress> triesByAddress = new Attempts<>(OPER_TRIES_PER_MINUTE);

    ModerationCommands(Chat chat, Directory directory, ModerationBus bus, PasswordChecks checks, LongSupplier clockMillis) {
        this.chat = chat;
        this.directory = directory;
        this.bus = bus;
        this.checks = checks;
        this.clockMillis = clockMillis;
        bus.listen(this);
    }

    /** True if {@code command} is one of these. */
    static boolean takes(Command command) {
        return command instanceof Command.Oper || command instanceof Command.Kick || command instanceof Command.Ban
                || command instanceof Command.Unban || command instanceof Command.Bans || command instanceof Command.Mute
                || command instanceof Command.Unmute || command instanceof Command.Announce;
    }

    /** Runs {@code command} (one {@link #takes}) for {@code user}, who is in a room. */
    void run(User user, Command command) {
        if (command instanceof Command.Oper oper) {
            oper(user, oper.name(), oper.password());
            return;
        }
        if (user.operator() == null) {
            Chat.error(user, "Only operators can do that; /oper NAME PASSWORD if you are one.");
            return;
        }
        if (command instanceof Command.Kick kick) {
            kick(user, kick.name(), kick.reason());
        } else if (command instanceof Command.Ban ban) {
            ban(user, ban.target(), ban.millis(), ban.reason());
        } else if (command instanceof Command.Unban unban) {
            unban(user, unban.target());
        } else if (command instanceof Command.Bans) {
            list(user);
        } else if (command instanceof Command.Mute mute) {
            mute(user, mute.name(), mute.millis());
        } else if (command instanceof Command.Unmute unmute) {
            unmute(user, unmute.name());
        } else if (command instanceof Command.Announce announce) {
            log.info("{} announces: {}", who(user), announce.text());
            bus.announce(user.nick(), announce.text(), why -> unavailable(user));
        }
    }

    // What the rest of the chat asks.

    /** Why a new connection from {@code address} is refused, as one sentence; null if it is not. */
    String refusal(InetAddress address) {
        Sanction ban = sanctions.addressBan(address, clockMillis.getAsLong());
        return ban == null ? null : "You are banned from this server" + until(ban) + reason(ban) + ".";
    }

    /** The ban on the name {@code nick}, or null. */
    Sanction nameBan(String nick) {
        return sanctions.nameBan(Names.fold(nick), clockMillis.getAsLong());
    }

    /**
     * True if {@code user} may not be heard now (muted); it has then been told, in one line.
     * Costs nothing while no one is muted.
     */
    boolean silenced(User user, String consequence) {
        if (!sanctions.anyMutes()) {
            return false;
        }
        Sanction mute = sanctions.mute(Names.fold(user.nick()), clockMillis.getAsLong());
        if (mute == null) {
            return false;
        }
        Chat.error(user, "You are muted" + until(mute) + "; " + consequence);
        return true;
    }

    // /oper

    private void oper(User user, String name, String password) {
        if (user.operator() != null) {
            Chat.reply(user, new Event.Notice("You are already an operator (" + user.operator() + ")."));
            return;
        }
        long now = clockMillis.getAsLong();
        InetAddress address = inet(user);
        // Both counted whatever happens: a connection cannot spend an address's tries elsewhere.
        boolean byConnection = triesByConnection.mayTry(user.id(), now);
        boolean byAddress = address == null || triesByAddress.mayTry(address, now);
        if (!byConnection || !byAddress) {
            log.warn("/oper refused to {} from {}: too many tries", user, user.address());
            Chat.error(user, "Too many /oper tries; wait a minute.");
            return;
        }
        if (checks == null) {
            log.warn("failed /oper by {} from {}: this server has no operators", user, user.address());
            Chat.error(user, WRONG);
            return;
        }
        boolean queued = checks.submit(name, password.toCharArray(), ok -> {
            if (user.isGone()) {
                return;
            }
            if (!ok) {
                // The name tried is not logged either: people type a password into the wrong field.
                log.warn("failed /oper by {} from {}", user, user.address());
                Chat.error(user, WRONG);
                return;
            }
            user.becomeOperator(name);
            log.info("{} from {} is now operator {}", user, shownAddress(user), name);
            Chat.reply(user, new Event.Notice("You are now an operator (" + name + "). /help lists what operators can do."));
        });
        if (!queued) {
            log.warn("/oper by {} from {} not checked: too many checks waiting", user, user.address());
            Chat.error(user, "The server is busy checking passwords; try again in a moment.");
        }
    }

    // /kick

    private void kick(User op, String typed, String reason) {
        String name = Names.normalize(typed);
        if (Names.fold(name).equals(Names.fold(op.nick()))) {
            Chat.error(op, "You cannot kick yourself; /quit leaves.");
            return;
        }
        directory.find(name, found -> {
            if (found == null) {
                Chat.error(op, "No one called " + name + " is in the chat.");
                return;
            }
            log.info("{} kicks {}{}", who(op), found.nick(), reason.isEmpty() ? "" : ": " + reason);
            Chat.reply(op, new Event.Notice("Kicked " + found.nick() + "."));
            bus.kick(found.nick(), op.nick(), reason, why -> unavailable(op));
        }, why -> unavailable(op));
    }

    @Override
    public void onKick(String nick, String by, String reason) {
        String key = Names.fold(nick);
        for (User user : chat.localUsers()) {
            if (Names.fold(user.nick()).equals(key)) {
                chat.expel(user, "You were kicked by " + by + (reason.isEmpty() ? "" : " (" + reason + ")") + ".",
                        "kicked by " + by + (reason.isEmpty() ? "" : ": " + reason));
            }
        }
    }

    // /ban, /unban, /bans

    private void ban(User op, String target, long millis, String reason) {
        long now = clockMillis.getAsLong();
        long until = millis == 0 ? 0 : now + millis;
        Sanction ban;
        if (AddressRange.looksLikeAddress(target)) {
            AddressRange range;
            try {
                range = AddressRange.parse(target);
            } catch (IllegalArgumentException e) {
                Chat.error(op, e.getMessage());
                return;
            }
            ban = new Sanction(Sanction.Kind.ADDRESS_BAN, range.toString(), range.toString(), op.nick(),
                    shownAddress(op), now, until, reason);
        } else {
            String name = Names.normalize(target);
            if (Names.fold(name).equals(Names.fold(op.nick()))) {
                Chat.error(op, "You cannot ban yourself.");
                return;
            }
            ban = new Sanction(Sanction.Kind.NAME_BAN, Names.fold(name), name, op.nick(), shownAddress(op), now, until, reason);
        }
        log.info("{} bans {} {}{}{}", who(op), ban.kind() == Sanction.Kind.NAME_BAN ? "name" : "addresses", ban.shown(),
                until(ban), reason(ban));
        bus.put(ban, () -> Chat.reply(op, new Event.Notice("Banned " + ban.shown() + until(ban) + "."
                + addressHint(ban))), why -> unavailable(op));
    }

    /** Banning a name keeps that name out, not its user: the operator is told where they came from. */
    private String addressHint(Sanction ban) {
        if (ban.kind() != Sanction.Kind.NAME_BAN) {
            return "";
        }
        for (User user : chat.localUsers()) {
            if (Names.fold(user.nick()).equals(ban.target()) && inet(user) != null) {
                return " They were connected from " + inet(user).getHostAddress() + "; /ban that address to keep them out.";
            }
        }
        return "";
    }

    private void unban(User op, String target) {
        String key;
        String shown;
        if (AddressRange.looksLikeAddress(target)) {
            try {
                AddressRange range = AddressRange.parse(target);
                key = Sanction.key(Sanction.Kind.ADDRESS_BAN, range.toString());
                shown = range.toString();
            } catch (IllegalArgumentException e) {
                Chat.error(op, e.getMessage());
                return;
            }
        } else {
            shown = Names.normalize(target);
            key = Sanction.key(Sanction.Kind.NAME_BAN, Names.fold(shown));
        }
        lift(op, key, shown, "banned", "unbans");
    }

    private void lift(User op, String key, String shown, String state, String verb) {
        bus.remove(key, was -> {
            if (!was) {
                Chat.error(op, shown + " is not " + state + ".");
                return;
            }
            log.info("{} {} {}", who(op), verb, shown);
            Chat.reply(op, new Event.Notice(shown + " is no longer " + state + "."));
        }, why -> unavailable(op));
    }

    private void list(User op) {
        List<Sanction> all = sanctions.holding(clockMillis.getAsLong());
        List<Event> lines = new ArrayList<>();
        lines.add(new Event.Notice(all.isEmpty() ? "No bans or mutes." : all.size() + (all.size() == 1 ? " ban or mute:" : " bans and mutes:")));
        for (Sanction s : all) {
            String what = switch (s.kind()) {
                case NAME_BAN -> "ban of name " + s.shown();
                case ADDRESS_BAN -> "ban of " + s.shown();
                case MUTE -> "mute of " + s.shown();
            };
            lines.add(new Event.Notice("  " + what + ", by " + s.by() + " from " + s.byAddress() + " at "
                    + UTC_TIME.format(Instant.ofEpochMilli(s.atMillis()))
                    + (s.untilMillis() == 0 ? ", for good" : ", until " + UTC_TIME.format(Instant.ofEpochMilli(s.untilMillis())))
                    + (s.reason().isEmpty() ? "" : ": " + s.reason())));
        }
        op.deliverAll(lines);
    }

    // /mute, /unmute

    private void mute(User op, String typed, long millis) {
        String name = Names.normalize(typed);
        if (Names.fold(name).equals(Names.fold(op.nick()))) {
            Chat.error(op, "You cannot mute yourself.");
            return;
        }
        long now = clockMillis.getAsLong();
        Sanction mute = new Sanction(Sanction.Kind.MUTE, Names.fold(name), name, op.nick(), shownAddress(op), now,
                millis == 0 ? 0 : now + millis, "");
        log.info("{} mutes {}{}", who(op), name, until(mute));
        bus.put(mute, () -> Chat.reply(op, new Event.Notice("Muted " + name + until(mute) + ".")), why -> unavailable(op));
    }

    private void unmute(User op, String typed) {
        String name = Names.normalize(typed);
        lift(op, Sanction.key(Sanction.Kind.MUTE, Names.fold(name)), name, "muted", "unmutes");
    }

    // What the bus hands over.

    /** The new list: users here it now bans are disconnected, their rooms told. */
    @Override
    public void onSanctions(List<Sanction> all) {
        sanctions.replaceAll(all);
        long now = clockMillis.getAsLong();
        for (User user : chat.localUsers()) {
            Sanction ban = sanctions.nameBan(Names.fold(user.nick()), now);
            if (ban == null && user.operator() == null && inet(user) != null) {
                // An operator connected from a banned block stays: else the first to ban their own
                // network (or, in tests, loopback) would be locked out before they could lift it.
                ban = sanctions.addressBan(inet(user), now);
            }
            if (ban != null) {
                chat.expel(user, "You are banned from this server" + until(ban) + reason(ban) + ".",
                        "banned by " + ban.by() + (ban.reason().isEmpty() ? "" : ": " + ban.reason()));
            }
        }
    }

    @Override
    public void onAnnounce(String by, String text) {
        chat.announce(new Event.Notice("Announcement from " + by + ": " + text));
    }

    // Wording.

    private static String until(Sanction s) {
        return s.untilMillis() == 0 ? "" : " until " + UTC_TIME.format(Instant.ofEpochMilli(s.untilMillis()));
    }

    private static String reason(Sanction s) {
        return s.reason().isEmpty() ? "" : " (" + s.reason() + ")";
    }

    /** The operator as the log names them: operator name, user, address. */
    private static String who(User op) {
        return "operator " + op.operator() + " (" + op + " from " + shownAddress(op) + ")";
    }

    private static String shownAddress(User user) {
        InetAddress address = inet(user);
        return address == null ? String.valueOf(user.address()) : address.getHostAddress();
    }

    private static InetAddress inet(User user) {
        return user.address() instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    private static void unavailable(User user) {
        Chat.error(user, "The chat cannot reach its other servers right now; try again in a moment.");
    }
}
