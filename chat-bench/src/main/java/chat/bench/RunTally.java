package chat.bench;

import org.HdrHistogram.Histogram;

/**
 * What one event loop counted during one run, and after merging, what the whole generator did.
 *
 * <p>Threads: while the run lasts, its loop's thread only. At the end the loop hands the tally
 * over whole (through the future of a task, which orders the hand-over) and never touches it
 * again; the main thread then merges the loops' tallies.
 */
final class RunTally {

    /** Latencies below this are not told apart: 1 µs. */
    static final long LOWEST_NANOS = 1_000L;
    /** Latencies above this are recorded as this: 60 s. */
    static final long HIGHEST_NANOS = 60_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;

    /** Receive time minus intended send time, one value per measured delivery. */
    final Histogram latency = newHistogram();
    /** Measured deliveries, duplicates included. */
    long received;
    /** Deliveries whose sequence number was below one already seen from the same sender. */
    long reordered;
    /** Deliveries whose sequence number equalled the highest already seen from the same sender. */
    long duplicated;
    /** Lines the timetable called for and the senders queued. */
    long sent;
    /** Deliveries those lines are owed: each line times the receivers of its room. */
    long expected;
    /** Measured lines that reached a receiver in another room than their sender's: not counted as received. */
    long misrouted;
    /** How late each line was queued after its intended time: the generator's own lag. */
    final Histogram sendLag = newHistogram();
    /** Pool connections open when the run began: each should receive every line. */
    int receivers;
    /** Pool connections that ended during the run (closed by the server, or reset). */
    int disconnected;

    /** Connect to close, one value per completed churn cycle. */
    final Histogram churnCycle = newHistogram();
    /** Churn cycles begun. */
    long churnStarted;
    /** Churn cycles that connected, got the welcome, sent their line and saw the server close. */
    long churnCompleted;
    /** Churn cycles that did not complete: refused, reset, timed out or cut off by the run's end. */
    long churnFailed;
    /** Why the first failed churn cycle failed; null while none has. */
    String churnFirstError;

    static Histogram newHistogram() {
        return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }

    /** Records one delivery's latency; out-of-range values are clamped, never dropped. */
    void recordLatency(long nanos) {
        latency.recordValue(Math.min(Math.max(nanos, 0L), HIGHEST_NANOS));
    }

    /** Records how late one line was queued. */
    void recordSendLag(long nanos) {
        sendLag.recordValue(Math.min(Math.max(nanos, 0L), HIGHEST_NANOS));
    }

    /** Records one completed churn cycle. */
    void recordChurnCycle(long nanos) {
        churnCompleted++;
        churnCycle.recordValue(Math.min(Math.max(nanos, 0L), HIGHEST_NANOS));
    }

    /** Records one failed churn cycle and, if it is the first, why. */
    void recordChurnFailure(String reason) {
        churnFailed++;
        if (churnFirstError == null) {
            churnFirstError = reason;
        }
    }

    /** Adds another loop's counts to this one. */
    void merge(RunTally other) {
        latency.add(other.latency);
        received += other.received;
        reordered += other.reordered;
        duplicated += other.duplicated;
        sent += other.sent;
        expected += other.expected;
        misrouted += other.misrouted;
        sendLag.add(other.sendLag);
        receivers += other.receivers;
        disconnected += other.disconnected;
        churnCycle.add(other.churnCycle);
        churnStarted += other.churnStarted;
        churnCompleted += other.churnCompleted;
        churnFailed += other.churnFailed;
        if (churnFirstError == null) {
            churnFirstError = other.churnFirstError;
        }
    }
}
