package chat.bench;

import java.time.Duration;

/**
 * What one run is asked to do.
 *
 * @param rate      aggregate lines per second over all senders
 * @param senders   S: the first S pool connections send
 * @param duration  how long lines are sent
 * @param sizeBytes payload bytes per line
 * @param drain     how long to wait for stragglers once sending is over
 * @param churnRate churn cycles per second beside the run; 0 for none
 */
record RunSpec(double rate, int senders, Duration duration, int sizeBytes, Duration drain, double churnRate) {

    RunSpec {
        if (!(rate > 0) || senders < 1 || duration.isNegative() || duration.isZero() || churnRate < 0) {
            throw new IllegalArgumentException("bad run: rate " + rate + ", senders " + senders
                    + ", duration " + duration + ", churn rate " + churnRate);
        }
    }

    RunSpec withRate(double newRate) {
        return new RunSpec(newRate, senders, duration, sizeBytes, drain, churnRate);
    }

    RunSpec withDuration(Duration newDuration) {
        return new RunSpec(rate, senders, newDuration, sizeBytes, drain, churnRate);
    }
}
