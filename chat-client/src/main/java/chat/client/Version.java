package chat.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code --version} prints: {@code chat-client 1.0.0}, the Maven project's version, which
 * the build writes into {@code version.properties} (a filtered resource, see chat-client's pom),
 * so it cannot drift from the release. Stateless.
 */
final class Version implements CommandLine.IVersionProvider {

    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"chat-client " + number()};
    }

    /** The project's version, or "unknown" in a build that skipped resource filtering. */
    static String number() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException unreadable) {
            return "unknown";
        }
        String version = properties.getProperty("version", "unknown");
        // Unfiltered (run from an IDE without Maven's resources step): say so rather than print ${...}.
        return version.startsWith("${") ? "unknown" : version;
    }
}
