package chat.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * RedisServer as JUnit runs it: the lifecycle of a static field and of an instance field, and a
 * missing binary failing the class rather than skipping it. Each case is a fixture class run
 * through the JUnit launcher, and its summary is checked. The fixtures are nested classes, which
 * Surefire does not pick up by itself, and are enabled only while this test runs them.
 */
@Timeout(60)
class RedisServerExtensionTest {

    /** True only while a test of this class runs a fixture. */
    private static volatile boolean launching;
    /** What the fixtures saw: the ports they were given, Redis's directory. */
    private static final List<Integer> ports = new CopyOnWriteArrayList<>();
    private static final List<Path> dirs = new CopyOnWriteArrayList<>();

    @Test
    void aStaticFieldServesTheWholeClassAndIsRestartedIfATestLeftItDown() {
        TestExecutionSummary summary = run(StaticField.class);

        assertEquals(2, summary.getTestsSucceededCount(), failures(summary));
        assertEquals(ports.get(0), ports.get(1), "one Redis, one port, for the class");
        assertFalse(Files.exists(dirs.get(0)), "its directory is deleted after the class");
    }

    @Test
    void anInstanceFieldGivesEachTestItsOwnRedis() {
        TestExecutionSummary summary = run(InstanceField.class);

        assertEquals(2, summary.getTestsSucceededCount(), failures(summary));
        assertNotEquals(dirs.get(0), dirs.get(1), "a Redis for each test");
        assertFalse(Files.exists(dirs.get(0)) || Files.exists(dirs.get(1)), "each directory deleted after its test");
    }

    @Test
    void aMissingBinaryFailsTheClassAndSkipsNothing() {
        TestExecutionSummary summary = run(MissingBinary.class);

        assertEquals(1, summary.getContainersFailedCount(), failures(summary));
        assertEquals(0, summary.getTestsAbortedCount() + summary.getTestsSkippedCount() + summary.getContainersAbortedCount());
        Throwable cause = summary.getFailures().get(0).getException();
        assertTrue(cause instanceof AssertionError, "" + cause);
        assertEquals("no-such-redis-server-anywhere not found on PATH: install Redis (Debian: apt-get install"
                + " redis-server); .ci/run installs it", cause.getMessage());
    }

    static boolean launching() {
        return launching;
    }

    private static TestExecutionSummary run(Class<?> fixture) {
        ports.clear();
        dirs.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launching = true;
        try {
            LauncherFactory.create().execute(
                    LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(), listener);
        } finally {
            launching = false;
        }
        return listener.getSummary();
    }

    private static String failures(TestExecutionSummary summary) {
        StringBuilder text = new StringBuilder();
        summary.getFailures().forEach(failure -> text.append(failure.getTestIdentifier().getDisplayName())
                .append(": ").append(failure.getException()).append('\n'));
        return text.toString();
    }

    private static void record(RedisServer redis) {
        assertTrue(redis.isRunning(), "running when the test begins");
        assertEquals("PONG", redis.command("PING"));
        ports.add(redis.port());
        dirs.add(Path.of((String) ((List<?>) redis.command("CONFIG", "GET", "dir")).get(1)));
    }

    @EnabledIf("chat.testkit.RedisServerExtensionTest#launching")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StaticField {

        @RegisterExtension
        static final RedisServer redis = new RedisServer();

        @Test
        @Order(1)
        void firstKillsIt() {
            record(redis);
            redis.kill();
        }

        @Test
        @Order(2)
        void secondFindsItRunningOnTheSamePort() {
            record(redis);
        }
    }

    @EnabledIf("chat.testkit.RedisServerExtensionTest#launching")
    static class InstanceField {

        @RegisterExtension
        final RedisServer redis = new RedisServer();

        @Test
        void one() {
            record(redis);
        }

        @Test
        void two() {
            record(redis);
        }
    }

    @EnabledIf("chat.testkit.RedisServerExtensionTest#launching")
    static class MissingBinary {

        @RegisterExtension
        static final RedisServer redis = new RedisServer().binary("no-such-redis-server-anywhere");

        @Test
        void neverRuns() {
            throw new AssertionError("ran without Redis");
        }
    }
}
