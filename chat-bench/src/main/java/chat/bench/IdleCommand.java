package chat.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code idle}: opens N connections, holds them, reports how fast they opened and, with the
 * server's pid, its memory per connection. Main thread.
 */
@Command(name = "idle", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Opens --clients connections in batches and holds them for --duration, reading (and dropping)"
                    + " whatever the server sends. Reports the connect time and, with --server-pid, the server's"
                    + " resident memory before connecting and while holding them, per connection.",
            "Each connection is a file descriptor here and one in the server: raise the limit first"
                    + " (ulimit -n 65536), and the server's connection cap if it has one."})
final class IdleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "5000", description = "Connections to hold (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to hold them once open (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Override
    public Integer call() {
        target.validate();
        if (clients < 1) {
            throw new ParameterException(spec.commandLine(), "--clients must be at least 1, got " + clients);
        }
        if (duration.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--duration must not be negative");
        }
        Report report = target.report();
        long pid = target.serverPid;
        long rssBefore = pid > 0 ? ProcessProbe.rssKb(pid) : -1;
        try (ClientPool pool = ClientPool.start(target.addresses(), target.threads)) {
            ConnectReport opened = pool.open(target.layout(target.room, 1, clients, 0), 0);
            if (opened.connected() == 0) {
                throw new BenchException("No connection to " + pool.target() + " opened (first error: "
                        + opened.firstError() + ")." + ClientPool.hint(opened.firstError(), pool.addresses()));
            }
            long heldFrom = BenchClock.now();
            // Not settle(): the notices a crowd's arrival sets off are part of what is held.
            String problem = pool.awaitWelcome();
            double welcomedAfter = problem == null ? (BenchClock.now() - heldFrom) / 1e9 : Double.NaN;
            if (problem != null) {
                report.note(problem);
            }
            new Deadline(heldFrom + duration.toNanos()).await(() -> pool.failure() != null);
            pool.throwIfFailed();
            long rssHeld = pid > 0 ? ProcessProbe.rssKb(pid) : -1;
            long closed = opened.connected() - pool.sum(LoopProgress::open);
            IdleResult result = new IdleResult(clients, opened.connected(), opened.failed(), opened.seconds(),
                    welcomedAfter, (BenchClock.now() - heldFrom) / 1e9, closed, rssBefore, rssHeld,
                    opened.firstError() == null ? null
                            : opened.firstError() + ClientPool.hint(opened.firstError(), pool.addresses()));
            report.result(result);
            return opened.complete() && closed == 0 ? 0 : 1;
        }
    }
}
