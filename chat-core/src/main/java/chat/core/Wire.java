package chat.core;

import chat.core.Event.Goodbye;
import chat.core.Event.Notice;
import chat.core.Event.PrivateFrom;
import chat.core.Event.PrivateTo;
import chat.core.Event.Replayed;
import chat.core.Event.RoomEvent;
import chat.core.Event.RoomEvent.Kind;
import chat.core.Event.RoomList;
import chat.core.Event.RoomList.RoomCount;
import chat.core.Event.ShuttingDown;
import chat.core.Event.Unknown;
import chat.core.Event.Welcome;
import chat.core.Event.Who;
import chat.core.Event.YouJoined;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one place where each kind of {@link Event} is given its form on the wire
 * (docs/protocol.md describes the same lines for people). The server renders events with it;
 * the client parses lines with it.
 *
 * <p>How: each kind is a {@link Form}, one template such as {@code "*** {who} joined #{room}"}
 * plus the mapping between the event's components and the template's labelled holes. A
 * {@link Template} derives both its writer (literals and values appended in order) and its
 * matcher (literals quoted, each hole its {@link Slot}'s expression) from that one string, and
 * each slot keeps its written and accepted forms side by side ({@code 1 user}/{@code 3 users},
 * {@code , and 5 more}), so rendering and parsing cannot drift apart. The line-kind prefixes
 * below are the other single definitions: every template of a kind is built from its prefix,
 * and {@link LineKind} reads them from here.
 *
 * <p>Parsing tries the forms in one fixed order ({@code FORMS}): the specific notices before the
 * free {@link Notice}, chat (which has no prefix) next to last, {@link Unknown} (anything) last.
 * That is unambiguous because names never contain ':', ' ', '*', '!' or '['; a free notice
 * whose text has the shape of a specific notice is, on the wire, that notice. Parsing is as
 * forgiving as clients always were: the welcome and {@code You joined} are also read up to their
 * room alone (by looser templates cut from the same strings, never used to render), a /who's
 * count in either number, a room list's malformed entries skipped, an absurd count capped.
 *
 * <p>Stateless and safe from any thread: every field is an immutable definition.
 */
public final class Wire {

    /** Ends every line on the wire: telnet, nc and terminals all show it right. */
    public static final String LINE_END = "\r\n";

    // How a line of each kind begins (the table in docs/protocol.md). Chat has no prefix.
    public static final String NOTICE_PREFIX = "*** ";
    public static final String ACTION_PREFIX = "* ";
    public static final String ERROR_PREFIX = "! ";
    public static final String PRIVATE_FROM_PREFIX = "[pm from ";
    public static final String PRIVATE_TO_PREFIX = "[pm to ";
    /** What goes before a replayed line: its time, {@code [HH:MM] }. */
    private static final String STAMP = "[{time}] ";

    /** The holes a template may have: a label means the same in every template. */
    private static final Map<String, Slot> HOLES = Map.ofEntries(
            Map.entry("who", Slot.NAME),
            Map.entry("nick", Slot.NAME),
            Map.entry("to", Slot.NAME),
            Map.entry("room", Slot.NAME),
            Map.entry("text", Slot.TEXT),
            Map.entry("why", Slot.TEXT),
            Map.entry("line", Slot.TEXT),
            Map.entry("rest", Slot.TEXT),
            Map.entry("members", Slot.NUMBER),
            Map.entry("users", Slot.counted("user")),
            Map.entry("rooms", Slot.counted("room")),
            Map.entry("nicks", Slot.list(", ")),
            Map.entry("entries", Slot.list(", ")),
            Map.entry("more", Slot.optionalCount(", and ", " more")),
            Map.entry("time", Slot.CLOCK));

    private static final Template STAMP_SHAPE = new Template(STAMP, HOLES);

    /** The length of a replayed line's time stamp with its space, {@code "[HH:MM] "}. */
    public static final int STAMP_CHARS = stamp(LocalTime.MIDNIGHT).length();

    // Room events: what rooms carry and keep.

    private static final Form<RoomEvent> CHAT = room(Kind.CHAT, "{who}: {text}",
            e -> holes(e.who(), e.text()),
            v -> RoomEvent.chat("", v.get("who"), v.get("text")));

    private static final Form<RoomEvent> ACTION = room(Kind.ACTION, ACTION_PREFIX + "{who} {text}",
            e -> holes(e.who(), e.text()),
            v -> RoomEvent.action("", v.get("who"), v.get("text")));

    private static final Form<RoomEvent> JOIN = room(Kind.JOIN, NOTICE_PREFIX + "{who} joined #{room}",
            e -> holes(e.who(), e.room()),
            v -> RoomEvent.join(v.get("room"), v.get("who")));

    private static final Form<RoomEvent> BACK = room(Kind.BACK, NOTICE_PREFIX + "{who} is back in #{room}",
            e -> holes(e.who(), e.room()),
            v -> RoomEvent.back(v.get("room"), v.get("who")));

    private static final Form<RoomEvent> LEAVE = room(Kind.LEAVE, NOTICE_PREFIX + "{who} left #{room} ({why})",
            e -> holes(e.who(), e.room(), e.text()),
            v -> RoomEvent.leave(v.get("room"), v.get("who"), v.get("why")));

    private static final Form<RoomEvent> RENAME = room(Kind.RENAME, NOTICE_PREFIX + "{who} is now known as {to}",
            e -> holes(e.who(), e.text()),
            v -> RoomEvent.rename("", v.get("who"), v.get("to")));

    private static final Form<RoomEvent> TOPIC = room(Kind.TOPIC, NOTICE_PREFIX + "{who} set the topic of #{room}: {text}",
            e -> holes(e.who(), e.room(), e.text()),
            v -> RoomEvent.topic(v.get("room"), v.get("who"), v.get("text")));

    // Notices to one user.

    private static final Form<Welcome> WELCOME = form(Welcome.class,
            NOTICE_PREFIX + "Welcome, {nick}! You are in #{room} ({users} here). Type /help for commands.",
            w -> holes(w.nick(), w.room(), w.members()),
            v -> new Welcome(v.get("nick"), v.get("room"), v.get("users")));

    private static final Form<YouJoined> YOU_JOINED = form(YouJoined.class,
            NOTICE_PREFIX + "You joined #{room} ({users} here).",
            j -> holes(j.room(), j.members()),
            v -> new YouJoined(v.get("room"), v.get("users")));

    // Clients always read these two only up to the room (and a space): whatever the rest says, the
    // name and room are what they follow. So do these, cut from the same templates; the number
    // of members is then unknown, 0.

    private static final Form<Welcome> WELCOME_LOOSELY = Form.readOnly(Welcome.class,
            WELCOME.template().through("room", "rest"),
            v -> new Welcome(v.get("nick"), v.get("room"), 0));

    private static final Form<YouJoined> YOU_JOINED_LOOSELY = Form.readOnly(YouJoined.class,
            YOU_JOINED.template().through("room", "rest"),
            v -> new YouJoined(v.get("room"), 0));

    /** What follows an away user's name in a /who answer. Names never contain a space, so it cannot be part of one. */
    public static final String AWAY_MARK = " (away)";

    private static final Form<Who> WHO = form(Who.class, NOTICE_PREFIX + "{users} in #{room}: {nicks}{more}",
            w -> holes(w.nicks().size() + w.more(), w.room(), marked(w), w.more()),
            v -> unmarked(v.get("room"), v.get("nicks"), v.get("more")));

    /** One entry of a room list; not a line of its own. */
    private static final Form<RoomCount> ROOM_COUNT = new Form<>(RoomCount.class, c -> true,
            new Template("#{room} ({members})", HOLES),
            c -> holes(c.room(), c.members()),
            v -> new RoomCount(v.get("room"), v.get("members")));

    private static final Form<RoomList> ROOM_LIST = form(RoomList.class, NOTICE_PREFIX + "{rooms}: {entries}",
            l -> holes(l.rooms().size(), l.rooms().stream().map(ROOM_COUNT::render).toList()),
            // Entries that are not "#room (n)" are skipped rather than spoiling the whole list.
            v -> new RoomList(v.<List<String>>get("entries").stream()
                    .map(ROOM_COUNT::read).filter(Objects::nonNull).toList()));

    private static final Form<Goodbye> GOODBYE = form(Goodbye.class, NOTICE_PREFIX + "Goodbye, {nick}!",
            g -> holes(g.nick()),
            v -> new Goodbye(v.get("nick")));

    private static final Form<ShuttingDown> SHUTTING_DOWN = form(ShuttingDown.class,
            NOTICE_PREFIX + "The server is shutting down. Goodbye!",
            s -> holes(),
            v -> new ShuttingDown());

    private static final Form<Notice> NOTICE = form(Notice.class, NOTICE_PREFIX + "{text}",
            n -> holes(n.text()),
            v -> new Notice(v.get("text")));

    private static final Form<Event.Error> ERROR = form(Event.Error.class, ERROR_PREFIX + "{text}",
            e -> holes(e.text()),
            v -> new Event.Error(v.get("text")));

    private static final Form<PrivateFrom> PRIVATE_FROM = form(PrivateFrom.class, PRIVATE_FROM_PREFIX + "{who}] {text}",
            p -> holes(p.who(), p.text()),
            v -> new PrivateFrom(v.get("who"), v.get("text")));

    private static final Form<PrivateTo> PRIVATE_TO = form(PrivateTo.class, PRIVATE_TO_PREFIX + "{who}] {text}",
            p -> holes(p.who(), p.text()),
            v -> new PrivateTo(v.get("who"), v.get("text")));

    private static final Form<Replayed> REPLAYED = form(Replayed.class, STAMP + "{line}",
            r -> holes(r.saidAt(), render(r.event())),
            v -> {
                String line = v.get("line");
                RoomEvent said = CHAT.read(line);
                if (said == null) {
                    said = ACTION.read(line);
                }
                return said == null ? null : new Replayed(v.get("time"), said); // history is chat and action only
            });

    private static final Form<Unknown> UNKNOWN = form(Unknown.class, "{line}",
            u -> holes(u.line()),
            v -> new Unknown(v.get("line")));

    /** Every form, in the order {@link #parse} tries them; {@link #render} finds an event's one here. */
    private static final List<Form<? extends Event>> FORMS = List.of(
            WELCOME, WELCOME_LOOSELY, YOU_JOINED, YOU_JOINED_LOOSELY, GOODBYE, SHUTTING_DOWN,
            JOIN, BACK, LEAVE, RENAME, TOPIC, WHO, ROOM_LIST, NOTICE,
            ACTION, ERROR, PRIVATE_FROM, PRIVATE_TO, REPLAYED, CHAT, UNKNOWN);

    private Wire() {
    }

    /**
     * Builds every form's template and matcher now rather than on the first line rendered: a
     * server calls this before it listens, so the first user does not pay for it on the loop.
     */
    public static void loadForms() {
        render(new Notice(""));
    }

    /** {@code event}'s line, without its line end. */
    public static String render(Event event) {
        Form<?> form = formOf(event);
        StringBuilder out = new StringBuilder(form.template().sizeHint());
        form.write(event, out);
        return out.toString();
    }

    /** {@code event}'s line as it goes on the wire: UTF-8, ending with CR LF. */
    public static byte[] frame(Event event) {
        if (event instanceof RoomEvent said && said.kind() == Kind.CHAT) {
            // The hot path: one per line said (rendered once for the whole room). ASCII, as most
            // lines are, goes straight into the frame, its only allocation; else the chat form,
            // sized to fit, with no search for the form and no regex.
            byte[] ascii = asciiChatFrame(said.who(), said.text());
            if (ascii != null) {
                return ascii;
            }
            StringBuilder out = new StringBuilder(said.who().length() + said.text().length() + 4);
            CHAT.write(said, out);
            return encode(out);
        }
        Form<?> form = formOf(event);
        StringBuilder out = new StringBuilder(form.template().sizeHint() + LINE_END.length());
        form.write(event, out);
        return encode(out);
    }

    /**
     * {@code said} (a chat or action line) as replayed to someone entering its room: stamped
     * with the hour and minute of {@code said.time()} in {@code zone}, framed.
     */
    public static byte[] replayFrame(RoomEvent said, ZoneId zone) {
        return frame(new Replayed(LocalTime.ofInstant(Instant.ofEpochMilli(said.time()), zone), said));
    }

    /**
     * What {@code line} (as received, without its line end) says. Chat and action lines give a
     * {@link RoomEvent} with room "" (the line does not name it), seq 0 and time 0, as does a
     * rename; history lines a {@link Replayed}; a welcome or {@code You joined} whose end is
     * worded differently, one with 0 members (unknown); any other notice a {@link Notice};
     * anything else an {@link Unknown}. Never null; never throws for a non-null line.
     */
    public static Event parse(String line) {
        for (Form<? extends Event> form : FORMS) {
            Event event = form.read(line);
            if (event != null) {
                return event;
            }
        }
        return new Unknown(line); // not reached: the last form takes any line
    }

    /** True if {@code line} begins with a replayed line's time stamp. */
    public static boolean isStamped(String line) {
        return STAMP_SHAPE.begins(line);
    }

    /** A replayed line's time stamp with its space, {@code [HH:MM] }. */
    static String stamp(LocalTime saidAt) {
        StringBuilder out = new StringBuilder(8);
        STAMP_SHAPE.write(out, saidAt);
        return out.toString();
    }

    /** {@code who: text} CR LF, if both are ASCII (one byte per char in UTF-8); else null. */
    private static byte[] asciiChatFrame(String who, String text) {
        int w = who.length();
        int t = text.length();
        if (!isAscii(who) || !isAscii(text)) {
            return null;
        }
        byte[] frame = new byte[w + 2 + t + 2];
        for (int i = 0; i < w; i++) {
            frame[i] = (byte) who.charAt(i);
        }
        frame[w] = ':';
        frame[w + 1] = ' ';
        for (int i = 0; i < t; i++) {
            frame[w + 2 + i] = (byte) text.charAt(i);
        }
        frame[w + 2 + t] = '\r';
        frame[w + 3 + t] = '\n';
        return frame;
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static byte[] encode(StringBuilder line) {
        return line.append(LINE_END).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Form<?> formOf(Event event) {
        for (Form<? extends Event> form : FORMS) {
            if (form.covers(event)) {
                return form;
            }
        }
        // Not reached: every kind of Event has a form (WireTest checks each permitted record).
        throw new IllegalStateException("no wire form for " + event.getClass().getSimpleName());
    }

    private static Form<RoomEvent> room(Kind kind, String template, Function<RoomEvent, Object[]> holes,
            Function<Template.Values, RoomEvent> make) {
        return new Form<>(RoomEvent.class, e -> e.kind() == kind, new Template(template, HOLES), holes, make);
    }

    private static <E extends Event> Form<E> form(Class<E> type, String template, Function<E, Object[]> holes,
            Function<Template.Values, E> make) {
        return new Form<>(type, e -> true, new Template(template, HOLES), holes, make);
    }

    /** {@code who}'s names as listed: the away ones followed by {@link #AWAY_MARK}. */
    private static List<String> marked(Who who) {
        if (who.away().isEmpty()) {
            return who.nicks();
        }
        return who.nicks().stream().map(n -> who.away().contains(n) ? n + AWAY_MARK : n).toList();
    }

    /** A /who answer read back: the away marks taken off the names and kept as {@code away}. */
    private static Who unmarked(String room, List<String> listed, int more) {
        List<String> nicks = new java.util.ArrayList<>(listed.size());
        java.util.Set<String> away = new java.util.HashSet<>();
        for (String entry : listed) {
            if (entry.endsWith(AWAY_MARK)) {
                String nick = entry.substring(0, entry.length() - AWAY_MARK.length());
                nicks.add(nick);
                away.add(nick);
            } else {
                nicks.add(entry);
            }
        }
        return new Who(room, nicks, more, away);
    }

    /** A value's parts in the order of its template's holes. */
    private static Object[] holes(Object... parts) {
        return parts;
    }
}
