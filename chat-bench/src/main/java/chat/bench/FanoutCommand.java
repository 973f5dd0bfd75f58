package chat.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code fanout}: one room (or R rooms), S senders per room at a fixed aggregate rate, every
 * client measuring. Main thread.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "N clients in one room; S of them send numbered, timestamped lines open-loop at a fixed aggregate"
                    + " rate, staggered evenly. Every client measures each line's latency from its intended send"
                    + " time and checks every sender's sequence numbers for loss and reordering.",
            "With --rooms R: R rooms of N clients each, S senders in every room, the aggregate rate spread over"
                    + " them all; a line is owed to its own room's clients, and one that reaches another room is"
                    + " counted as misrouted.",
            "Run a chat server with flood control off (--flood-rate 0); a redis-server (--target redis) with"
                    + " --client-output-buffer-limit 'pubsub 0 0 0'."})
final class FanoutCommand implements Callable<Integer> {

    @Mixin
    private TargetOptions target;

    @Mixin
    private LoadOptions load;

    @Override
    public Integer call() {
        target.validate();
        load.validate();
        Report report = target.report();
        RunSpec spec = load.spec(load.rate);
        try (ClientPool pool = target.connect(load.layout(target, null), 0, report)) {
            WarmUp.run(pool, spec, load.warmup, report);
            report.result(RunResult.of(FanoutRun.execute(pool, spec, target.serverPid)));
        }
        return 0;
    }
}
