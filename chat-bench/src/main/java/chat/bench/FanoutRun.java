package chat.bench;

import java.time.Duration;
import java.util.List;

/**
 * One measured run over an open pool: every loop counts its receivers per room (so each loop
 * knows what each line it sends is owed); then a fresh timetable that starts a moment from now, sent by
 * the loops (woken on time by a {@link Pacer}); then a drain, until every expected delivery has
 * arrived or the drain time is over; then the loops' tallies, merged. Churn, if asked for, runs
 * on the same loops over the same window.
 *
 * <p>Main thread only.
 */
final class FanoutRun {

    /** Between handing out the plan and its first line: time for every loop to take the plan. */
    private static final Duration LEAD = Duration.ofMillis(50);

    private FanoutRun() {}

    /**
     * Runs {@code spec} on {@code pool}.
     *
     * @param serverPid the server's pid, for its CPU use, or -1
     */
    static Measurement execute(ClientPool pool, RunSpec spec, long serverPid) {
        PoolLayout layout = pool.layout();
        if (!layout.wire().sendersReceive() && spec.senders() > layout.senders()) {
            throw new IllegalArgumentException("the pool has " + layout.senders() + " senders, the run wants " + spec.senders());
        }
        int[] receiversPerRoom = new int[layout.rooms()];
        for (int[] counts : pool.callAll(loop -> () -> loop.prepareRun(spec.senders()))) {
            for (int room = 0; room < counts.length; room++) {
                receiversPerRoom[room] += counts[room];
            }
        }
        long start = BenchClock.now() + LEAD.toNanos();
        RateSchedule lines = RateSchedule.of(start, spec.rate(), spec.duration());
        RateSchedule churn = spec.churnRate() > 0 ? RateSchedule.of(start, spec.churnRate(), spec.duration()) : null;
        RunPlan plan = new RunPlan(lines, spec.senders(), spec.sizeBytes(), churn, receiversPerRoom);

        long wallBefore = BenchClock.now();
        long cpuBefore = ProcessProbe.selfCpuNanos();
        long serverCpuBefore = serverPid > 0 ? ProcessProbe.cpuNanos(serverPid) : -1;

        pool.callAll(loop -> () -> loop.beginRun(plan));
        Pacer pacer = new Pacer(lines, spec.senders(), pool.loops());
        pacer.start();
        try {
            new Deadline(lines.endNanos()).sleep(); // nothing can be complete before the window ends
            new Deadline(lines.endNanos() + spec.drain().toNanos())
                    .await(() -> pool.failure() != null || pool.allSent());
            pool.throwIfFailed();
            long expected = pool.sum(LoopProgress::expectedInRun);
            long drainEnd = Math.max(BenchClock.now(), lines.endNanos()) + spec.drain().toNanos();
            new Deadline(drainEnd).await(() -> pool.failure() != null
                    || (pool.sum(LoopProgress::receivedInRun) >= expected && pool.sum(LoopProgress::churnOpen) == 0));
            pool.throwIfFailed();
        } finally {
            pacer.stop();
        }
        List<RunTally> tallies = pool.callAll(loop -> loop::endRun);

        long wall = BenchClock.now() - wallBefore;
        double cpuPct = percentOf(ProcessProbe.selfCpuNanos() - cpuBefore, wall, cpuBefore >= 0);
        long serverCpuAfter = serverCpuBefore < 0 ? -1 : ProcessProbe.cpuNanos(serverPid);
        long serverCpu = serverCpuBefore < 0 || serverCpuAfter < 0 ? -1 : serverCpuAfter - serverCpuBefore;
        double serverCpuPct = serverCpu < 0 ? Double.NaN : percentOf(serverCpu, wall, true);
        RunTally total = new RunTally();
        tallies.forEach(total::merge);
        return new Measurement(spec, total, layout.wire().name(), layout.rooms(), cpuPct, serverCpuPct, serverCpu);
    }

    private static double percentOf(long cpuNanos, long wallNanos, boolean known) {
        return known && wallNanos > 0 ? 100.0 * cpuNanos / wallNanos : Double.NaN;
    }
}
