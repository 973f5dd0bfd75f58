package chat.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a journal to what history keeps, as Redis rewrites its AOF: the newest
 * {@code lines} of each room kept, and its topic (rooms too old, or beyond the newest {@code rooms}, go), into
 * a new file beside it that replaces it in one atomic rename once it is on disk. A crash at any
 * point leaves either the old journal or the new one, never a mix; a stray {@code .tmp} file
 * from such a crash is overwritten next time.
 *
 * <p>Two passes over the journal (count, then copy), so its memory is one counter per room,
 * whatever the file's size. Runs on the thread that owns the journal.
 */
final class Compaction {

    /** Per room: lines in the journal, and when its newest was said. */
    private static final class Tally {
        long lines;
        long newest;
        /** Where its newest line is in the journal: among rooms of equal times, the later is newer. */
        long last;
        long copied;
        /** Where the room's newest topic is in the journal; -1 if it has none. */
        long topic = -1;
    }

    private Compaction() {
    }

    /** Rewrites {@code file} to what {@code retention} keeps at {@code nowMillis}; its new size. */
    static long rewrite(Path file, Retention retention, long nowMillis) throws IOException {
        Map<String, Tally> tallies = new HashMap<>();
        long[] index = new long[1];
        JournalFile.read(file, r -> {
            Tally t = tallies.computeIfAbsent(r.roomKey(), k -> new Tally());
            t.last = index[0]++;
            if (r.isTopic()) {
                t.topic = t.last;
            } else {
                t.lines++;
            }
            t.newest = Math.max(t.newest, r.event().time());
        });
        Set<String> kept = keptRooms(tallies, retention, nowMillis);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            buffer.put(JournalFile.HEADER);
            IOException[] failed = new IOException[1];
            long[] at = new long[1];
            JournalFile.read(file, r -> {
                Tally t = tallies.get(r.roomKey());
                long position = at[0]++;
                if (failed[0] != null || !kept.contains(r.roomKey())) {
                    return;
                }
                if (r.isTopic() ? position != t.topic : t.copied++ < t.lines - retention.lines()) {
                    return; // a topic replaced since, or a line older than the last --history
                }
                try {
                    byte[] line = r.encode();
                    if (buffer.remaining() < line.length) {
                        drain(out, buffer);
                    }
                    if (line.length > buffer.capacity()) {
                        out.write(ByteBuffer.wrap(line));
                    } else {
                        buffer.put(line);
                    }
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            drain(out, buffer);
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.getParent());
        return Files.size(file);
    }

    /**
     * True if a journal holding {@code lines} lines in {@code rooms} rooms (per-room counts and
     * newest times read at start) holds more than twice what is kept, or rooms no longer kept.
     */
    static boolean worthIt(Map<String, long[]> roomLinesAndNewest, Retention retention, long nowMillis) {
        long total = 0;
        long kept = 0;
        for (long[] t : roomLinesAndNewest.values()) {
            total += t[0];
            if (t[1] < nowMillis - retention.maxAgeMillis()) {
                return true;
            }
            kept += Math.min(t[0], retention.lines());
        }
        return roomLinesAndNewest.size() > retention.rooms() || total > 2 * kept + 1000;
    }

    private static Set<String> keptRooms(Map<String, Tally> tallies, Retention retention, long nowMillis) {
        List<Map.Entry<String, Tally>> fresh = new ArrayList<>();
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            if (e.getValue().newest >= nowMillis - retention.maxAgeMillis()) {
                fresh.add(e);
            }
        }
        fresh.sort(Comparator.comparingLong((Map.Entry<String, Tally> e) -> e.getValue().newest)
                .thenComparingLong(e -> e.getValue().last).reversed());
        Set<String> kept = new HashSet<>();
        for (int i = 0; i < fresh.size() && i < retention.rooms(); i++) {
            kept.add(fresh.get(i).getKey());
        }
        return kept;
    }

    private static void drain(FileChannel out, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    /** Makes the rename itself durable: on Linux a directory can be opened and forced. */
    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException notSupported) {
            // some file systems refuse; the rename is then as durable as the OS makes it
        }
    }
}
