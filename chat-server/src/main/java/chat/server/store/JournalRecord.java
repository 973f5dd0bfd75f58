package chat.server.store;

import chat.core.Event.RoomEvent;
import chat.core.Names;
import chat.core.TextSanitizer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One line of a room's history (a chat or action line, or the room's topic being set) as the
 * journal keeps it on disk: the room's key and the event,
 * written as one text line (docs/operations.md, "History on disk"):
 * <pre>
 *   CRC SP KEY US SEQ US TIME US KIND US ROOM US WHO US TEXT LF
 * </pre>
 * CRC is the CRC-32C of everything between the space and the line feed, as 8 lowercase hex
 * digits; US is the unit separator (U+001F), which no name or sanitised text contains, and
 * neither contains a line feed. A line is valid only whole: a torn write (no LF, or a CRC that
 * does not match) is where a journal's good part ends.
 *
 * <p>Immutable; the codec is stateless.
 */
record JournalRecord(String roomKey, RoomEvent event) {

    static final char SEPARATOR = '\u001F';
    /** Longest text kept: a line is at most 64 KiB on the wire. */
    static final int MAX_TEXT_CHARS = 64 * 1024;

    /** True if this is the room's topic being set, not one of its lines. */
    boolean isTopic() {
        return event.kind() == RoomEvent.Kind.TOPIC;
    }

    /** This record as one journal line, LF included. */
    byte[] encode() {
        LineBuffer out = new LineBuffer(64);
        encodeInto(out, new CRC32C());
        return java.util.Arrays.copyOf(out.bytes, out.length);
    }

    /**
     * Appends this record's journal line, LF included, to {@code out}, with {@code crc} (reset
     * here) for its checksum: the writer's path, which reuses both, so writing a batch
     * allocates nothing per line beyond the buffer's growth.
     */
    void encodeInto(LineBuffer out, CRC32C crc) {
        int start = out.length;
        out.ensure(9);
        out.length += 9; // the CRC and its space, filled in below
        int payload = out.length;
        out.append(roomKey).append(SEPARATOR).append(event.seq()).append(SEPARATOR).append(event.time())
                .append(SEPARATOR).append(event.kind().name()).append(SEPARATOR).append(event.room())
                .append(SEPARATOR).append(event.who()).append(SEPARATOR).append(event.text());
        crc.reset();
        crc.update(out.bytes, payload, out.length - payload);
        int value = (int) crc.getValue();
        for (int i = 0; i < 8; i++) {
            out.bytes[start + i] = HEX[(value >>> (28 - 4 * i)) & 0xF];
        }
        out.bytes[start + 8] = ' ';
        out.ensure(1);
        out.bytes[out.length++] = '\n';
    }

    /**
     * A growable byte array that journal lines are written into: ASCII copied byte for byte,
     * anything else as UTF-8. Used by one thread.
     */
    static final class LineBuffer {
        byte[] bytes;
        int length;

        LineBuffer(int capacity) {
            bytes = new byte[capacity];
        }

        void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
            }
        }

        LineBuffer append(char c) {
            ensure(1);
            bytes[length++] = (byte) c; // only the separator: ASCII
            return this;
        }

        LineBuffer append(long n) {
            return append(Long.toString(n));
        }

        LineBuffer append(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    return appendUtf8(s, i);
                }
                bytes[length++] = (byte) c;
            }
            return this;
        }

        private LineBuffer appendUtf8(String s, int from) {
            byte[] utf8 = s.substring(from).getBytes(StandardCharsets.UTF_8);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
            return this;
        }

        void clear() {
            length = 0;
        }
    }

    /**
     * The record in {@code line[from, to)} (without its LF); null if the line is torn, its CRC
     * does not match, or a field is not what this server writes.
     */
    static JournalRecord decode(byte[] line, int from, int to) {
        if (to - from < 10 || line[from + 8] != ' ') {
            return null;
        }
        int expected = 0;
        for (int i = 0; i < 8; i++) {
            int digit = Character.digit(line[from + i], 16);
            if (digit < 0) {
                return null;
            }
            expected = (expected << 4) | digit;
        }
        if (crc(line, from + 9, to - from - 9) != expected) {
            return null;
        }
        String[] f = new String(line, from + 9, to - from - 9, StandardCharsets.UTF_8)
                .split(String.valueOf(SEPARATOR), -1);
        if (f.length != 7) {
            return null;
        }
        try {
            String key = f[0];
            long seq = Long.parseLong(f[1]);
            long time = Long.parseLong(f[2]);
            RoomEvent.Kind kind = RoomEvent.Kind.valueOf(f[3]);
            String room = f[4];
            String who = f[5];
            String text = f[6];
            if (seq < 0 || time < 0 || !key.equals(Names.fold(room)) || Names.roomProblem(room).isPresent()
                    || who.isEmpty() || text.length() > MAX_TEXT_CHARS
                    || (kind != RoomEvent.Kind.CHAT && kind != RoomEvent.Kind.ACTION && kind != RoomEvent.Kind.TOPIC)) {
                return null;
            }
            // Sanitised again: the file may have been edited by hand, and it reaches terminals.
            return new JournalRecord(key, new RoomEvent(room, seq, time, kind, who, TextSanitizer.sanitize(text)));
        } catch (IllegalArgumentException notARecord) {
            return null;
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
