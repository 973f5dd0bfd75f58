package chat.bench;

/**
 * What one run measured, before it is turned into a result.
 *
 * @param spec            what the run was asked to do
 * @param tally           every loop's counts, merged
 * @param target          the wire's name: {@code chat} or {@code redis}
 * @param rooms           R, the rooms the receivers are spread over
 * @param generatorCpuPct this process's CPU time over the run, percent of one core
 * @param serverCpuPct    the server's, if its pid was given; NaN otherwise
 * @param serverCpuNanos  the server's CPU time over the run, nanoseconds; -1 if not known
 */
record Measurement(RunSpec spec, RunTally tally, String target, int rooms, double generatorCpuPct, double serverCpuPct,
        long serverCpuNanos) {
}
