package chat.bench;

/**
 * What every event loop must know about one run, handed to each before its first line is due.
 *
 * @param lines     the fan-out timetable: line k from sender k mod {@code senders}
 * @param senders   S, the first S pool connections send
 * @param sizeBytes payload bytes per line
 * @param churn     the churn timetable (cycle k on loop k mod L), or null for a run without churn
 * @param receiversPerRoom receivers open in each room when the run began, every loop's together:
 *                  what each line to that room is owed (shared by the loops, never written)
 */
record RunPlan(RateSchedule lines, int senders, int sizeBytes, RateSchedule churn, int[] receiversPerRoom) {

    /** When the run began: lines stamped earlier belong to another run or to history. */
    long startNanos() {
        return lines.startNanos();
    }
}
