package chat.bench;

/**
 * What an event loop tells the rest of the generator while it runs: the main thread polls these
 * to know when the connects are done, when a run's lines are all queued, and when its
 * deliveries have all arrived.
 *
 * <p>Threads: the owning loop's thread alone writes (one writer, so a read-modify-write of a
 * volatile field loses nothing); any thread reads.
 */
final class LoopProgress {

    /** Pool connections that completed their connect. */
    private volatile int connected;
    /** Pool connections whose connect failed. */
    private volatile int connectFailed;
    /** Pool connections that have received at least one line (the server's welcome). */
    private volatile int welcomed;
    /** Pool connections open now. */
    private volatile int open;
    /** Bytes received by pool connections, ever. */
    private volatile long bytesReceived;
    /** Measured deliveries in the current run, as of the loop's last turn. */
    private volatile long receivedInRun;
    /** Lines queued in the current run, as of the loop's last turn. */
    private volatile long sentInRun;
    /** Deliveries the lines queued in the current run call for (each line times its room's receivers). */
    private volatile long expectedInRun;
    /** True when the loop has queued every line of the current run, or no run is on. */
    private volatile boolean sendDone = true;
    /** Churn cycles open now. */
    private volatile int churnOpen;
    /** Why the first pool connect failed; null while none has. */
    private volatile String firstConnectError;
    /** Why the first open pool connection ended; null while none has. */
    private volatile String firstLossReason;
    /** Why the loop itself died (a bug, or a broken selector); null while it runs. */
    private volatile String failure;

    // ---- read by any thread

    int connected() {
        return connected;
    }

    int connectFailed() {
        return connectFailed;
    }

    int welcomed() {
        return welcomed;
    }

    int open() {
        return open;
    }

    long bytesReceived() {
        return bytesReceived;
    }

    long receivedInRun() {
        return receivedInRun;
    }

    long sentInRun() {
        return sentInRun;
    }

    long expectedInRun() {
        return expectedInRun;
    }

    boolean sendDone() {
        return sendDone;
    }

    int churnOpen() {
        return churnOpen;
    }

    String firstConnectError() {
        return firstConnectError;
    }

    String firstLossReason() {
        return firstLossReason;
    }

    String failure() {
        return failure;
    }

    // ---- written by the owning loop's thread only

    void onConnected() {
        connected++;
        open++;
    }

    void onConnectFailed(String why) {
        connectFailed++;
        if (firstConnectError == null) {
            firstConnectError = why;
        }
    }

    void onConnectionLost(String why) {
        open--;
        if (firstLossReason == null) {
            firstLossReason = why;
        }
    }

    void onWelcomed() {
        welcomed++;
    }

    void onBytesReceived(int n) {
        bytesReceived += n;
    }

    /** The run's counters as of the end of a turn. */
    void publishRun(long received, long sent, long expected, boolean allSent, int churnCyclesOpen) {
        receivedInRun = received;
        sentInRun = sent;
        expectedInRun = expected;
        sendDone = allSent;
        churnOpen = churnCyclesOpen;
    }

    void onFailure(String why) {
        failure = why;
    }
}
