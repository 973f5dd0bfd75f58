package chat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sweep}: fan-out runs at rising rates over the same connections, until one misses the
 * p99 bound or loses a line; reports the highest rate that held. Main thread.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Fan-out runs at rising rates over the same connections: the rates of --rates, or doubling from"
                    + " --rate. Stops at the first step whose p99 reaches --p99-ms or that loses anything, and"
                    + " reports the highest rate that held."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Mixin
    private LoadOptions load;

    @Option(names = "--rates", split = ",", paramLabel = "RATE",
            description = "Rates to try, in order, e.g. 1000,2000,4000 (default: doubling from --rate).")
    private List<Double> rates;

    @Option(names = "--p99-ms", paramLabel = "MS", defaultValue = "20", description = "The p99 bound a step must stay under, ms (default: ${DEFAULT-VALUE}).")
    private double p99BoundMs;

    @Option(names = "--max-rate", paramLabel = "LINES/S", defaultValue = "1000000",
            description = "When doubling, stop after this rate (default: ${DEFAULT-VALUE}).")
    private double maxRate;

    @Override
    public Integer call() {
        target.validate();
        load.validate();
        List<Double> steps = steps();
        Report report = target.report();
        try (ClientPool pool = target.connect(load.layout(target, null), 0, report)) {
            WarmUp.run(pool, load.spec(steps.get(0)), load.warmup, report);
            double best = 0;
            String stopped = rates != null ? "every rate listed held" : "reached --max-rate";
            int step = 0;
            for (double rate : steps) {
                step++;
                RunResult run = RunResult.of(FanoutRun.execute(pool, load.spec(rate), target.serverPid));
                SweepStep judged = SweepStep.judge(step, run, p99BoundMs);
                report.result(judged);
                if (!judged.held()) {
                    stopped = Report.perSecond(rate) + " lines/s: " + judged.verdict();
                    break;
                }
                best = rate;
            }
            report.result(new SweepSummary(target.wire().name(), best, pool.layout().receivers(), load.rooms, p99BoundMs,
                    step, stopped));
        }
        return 0;
    }

    private List<Double> steps() {
        if (!(p99BoundMs > 0)) {
            throw new ParameterException(spec.commandLine(), "--p99-ms must be more than 0, got " + p99BoundMs);
        }
        if (rates != null) {
            for (double rate : rates) {
                if (!(rate > 0) || Double.isInfinite(rate)) {
                    throw new ParameterException(spec.commandLine(), "--rates must all be positive numbers, got " + rate);
                }
            }
            return rates;
        }
        if (maxRate < load.rate) {
            throw new ParameterException(spec.commandLine(), "--max-rate must be at least --rate (" + load.rate + ")");
        }
        List<Double> doubling = new ArrayList<>();
        for (double rate = load.rate; rate <= maxRate; rate *= 2) {
            doubling.add(rate);
        }
        return doubling;
    }
}
