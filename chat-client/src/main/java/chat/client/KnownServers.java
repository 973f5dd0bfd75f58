package chat.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The certificates the client trusts on first use, as ssh's {@code known_hosts}: one line per
 * server, {@code HOST:PORT FINGERPRINT} (the SHA-256 fingerprint as the server logs it), in
 * {@code ~/.chat/known_servers} unless {@code --known-servers} says otherwise. {@code #} starts
 * a comment. A line is added when a server that no authority vouches for is first met; deleting
 * it is how a user accepts a server's new certificate.
 *
 * <p>Threads: used by one dialing thread at a time; the file is read at each lookup, so a line
 * deleted by hand counts at the next connection.
 */
public final class KnownServers {

    private final Path file;

    public KnownServers(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The fingerprint pinned for {@code server}, if any (the first line for it counts). */
    public Optional<String> pinned(ServerAddress server) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String key = server.toString();
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+");
            if (fields.length >= 2 && fields[0].equalsIgnoreCase(key)) {
                return Optional.of(fields[1]);
            }
        }
        return Optional.empty();
    }

    /** Pins {@code fingerprint} for {@code server}: a line added at the end (the file and its directory made if need be). */
    public void pin(ServerAddress server, String fingerprint) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, server + " " + fingerprint + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
