package chat.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code churn}: connect → welcome → one line → close cycles at a target rate, beside a steady
 * room that is measured like a fan-out run. Main thread.
 */
@Command(name = "churn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Connection churn beside a steady room. The steady room (--clients connections that first /join"
                    + " steady, or --room) carries --senders sending at --rate and is measured like fan-out;"
                    + " meanwhile short-lived clients connect, read the welcome, send one line and close, at"
                    + " --churn-rate cycles/s spread over the NIO threads. Reports achieved cycles/s, failed"
                    + " cycles, and the steady room's latency and loss."})
final class ChurnCommand implements Callable<Integer> {

    /** The steady room, unless --room names another: churn notices in #lobby do not reach it. */
    static final String STEADY_ROOM = "steady";

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Mixin
    private LoadOptions load;

    @Option(names = "--churn-rate", paramLabel = "CYCLES/S", defaultValue = "5000",
            description = "Churn cycles per second (default: ${DEFAULT-VALUE}).")
    private double churnRate;

    @Override
    public Integer call() {
        target.validate();
        load.validate();
        if (!(churnRate > 0) || Double.isInfinite(churnRate)) {
            throw new ParameterException(spec.commandLine(), "--churn-rate must be a positive number, got " + churnRate);
        }
        String room = target.room != null ? target.room : STEADY_ROOM;
        Report report = target.report();
        int spare = ChurnShare.IN_FLIGHT * target.threads;
        try (ClientPool pool = target.connect(load.layout(target, room), spare, report)) {
            RunSpec steady = load.spec(load.rate);
            WarmUp.run(pool, steady, load.warmup, report);
            if (!load.warmup.isZero()) {
                // The server's connect, arrive and close paths need their JIT warm-up too.
                RunSpec churnWarmUp = new RunSpec(steady.rate(), steady.senders(), load.warmup, steady.sizeBytes(),
                        steady.drain(), churnRate);
                RunResult warm = RunResult.of(FanoutRun.execute(pool, churnWarmUp, -1));
                report.note("churn warm-up: " + Report.seconds(warm.durationS()) + " at "
                        + Report.perSecond(churnRate) + " cycles/s (not counted)");
            }
            RunSpec withChurn = new RunSpec(steady.rate(), steady.senders(), steady.duration(), steady.sizeBytes(),
                    steady.drain(), churnRate);
            report.result(ChurnResult.of(FanoutRun.execute(pool, withChurn, target.serverPid)));
        }
        return 0;
    }
}
