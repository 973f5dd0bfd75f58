package chat.bench;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options of the modes that send (fan-out, sweep, churn): the rooms and their size, the senders
 * and their rate, the lines, and the run's phases. Picocli fills the fields while parsing; they are
 * read-only afterwards (main thread).
 */
final class LoadOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    /** Connections in all rooms together, at most: a generator's file descriptors run out long before. */
    static final int MAX_CLIENTS = 1_000_000;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "100",
            description = "Clients in each room; every one receives every line of its room (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rooms", paramLabel = "R", defaultValue = "1",
            description = "Rooms of --clients clients each, with --senders senders in each: the many-rooms mode"
                    + " (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--senders", paramLabel = "S", defaultValue = "10",
            description = "How many of each room's clients send, staggered evenly (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--rate", paramLabel = "LINES/S", defaultValue = "1000",
            description = "Aggregate lines per second over all senders of all rooms (default: ${DEFAULT-VALUE}).")
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
        if (rooms < 1 || (long) rooms * clients > MAX_CLIENTS) {
            throw invalid("--rooms must be at least 1, and --rooms × --clients at most " + Report.count(MAX_CLIENTS)
                    + ", got " + rooms + " × " + clients);
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

    /** Senders in all rooms together. */
    int allSenders() {
        return rooms * senders;
    }

    /** The pool these options describe, rooms named after {@code room} (null: {@code --room}), as {@code target} speaks. */
    PoolLayout layout(TargetOptions target, String room) {
        return target.layout(room != null ? room : target.room, rooms, clients, allSenders());
    }

    /** The measured run these options describe, at {@code atRate}. */
    RunSpec spec(double atRate) {
        return new RunSpec(atRate, allSenders(), duration, size, drain, 0);
    }

    private ParameterException invalid(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
