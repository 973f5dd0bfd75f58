package chat.bench;

/**
 * How opening the pool went.
 *
 * @param requested  connections asked for
 * @param connected  connections that completed their connect
 * @param failed     connections whose connect failed (refused, out of file descriptors, ...)
 * @param seconds    from the first connect to the last outcome
 * @param firstError why the first failure failed, or null
 */
record ConnectReport(int requested, int connected, int failed, double seconds, String firstError) {

    boolean complete() {
        return connected == requested;
    }

    double connectionsPerSecond() {
        return seconds > 0 ? connected / seconds : 0;
    }
}
