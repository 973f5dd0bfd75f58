package chat.bench;

/**
 * What one run measured, before it is turned into a result.
 *
 * @param spec            what the run was asked to do
 * @param tally           every loop's counts, merged
 * @param generatorCpuPct this process's CPU time over the run, percent of one core
 * @param serverCpuPct    the server's, if its pid was given; NaN otherwise
 */
record Measurement(RunSpec spec, RunTally tally, double generatorCpuPct, double serverCpuPct) {
}
