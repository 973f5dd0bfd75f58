package chat.bench;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options of the modes that send (fan-out, sweep, churn): the room's size, the senders and
 * their rate, the lines, and the run's phases. Picocli fills the fields while parsing; they are
 * read-only afterwards (main thread).
 */
final class LoadOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "100",
            description = "Connections in the room; every one receives every line (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--senders", paramLabel = "S", defaultValue = "10",
            description = "How many of the clients send, staggered evenly (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--rate", paramLabel = "LINES/S", defaultValue = "1000",
            description = "Aggregate lines per second over all senders (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long lines are sent, e.g. 3s (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "64",
            description = "Payload bytes per line, " + Payload.MIN_SIZE_BYTES + "-" + Payload.MAX_SIZE_BYTES
                    + " (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "3s", converter = DurationConverter.class,
            description = "An unmeasured run first, at a moderate rate, for the JITs; 0 for none (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--drain", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long to wait for stragglers after sending stops (default: ${DEFAULT-VALUE}).")
    Duration drain;

    void validate() {
        if (clients < 1) {
            throw invalid("--clients must be at least 1, got " + clients);
        }
        if (senders < 1 || senders > clients) {
            throw invalid("--senders must be 1-" + clients + " (at most --clients), got " + senders);
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw invalid("--rate must be a positive number, got " + rate);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalid("--duration must be more than 0, got " + duration);
        }
        if (size < Payload.MIN_SIZE_BYTES || size > Payload.MAX_SIZE_BYTES) {
            throw invalid("--size must be " + Payload.MIN_SIZE_BYTES + "-" + Payload.MAX_SIZE_BYTES + ", got " + size);
        }
        if (warmup.isNegative() || drain.isNegative()) {
            throw invalid("--warmup and --drain must not be negative");
        }
    }

    /** The measured run these options describe, at {@code atRate}. */
    RunSpec spec(double atRate) {
        return new RunSpec(atRate, senders, duration, size, drain, 0);
    }

    private ParameterException invalid(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
