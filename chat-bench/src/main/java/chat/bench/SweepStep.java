package chat.bench;

/**
 * One step of a sweep: a fan-out run at one rate, and whether it held (nothing lost, no one
 * disconnected, p99 under the bound).
 *
 * @param step    1 for the first rate tried
 * @param run     the step's run
 * @param held    true if the step met the bound
 * @param verdict why it held or not, as a phrase
 */
record SweepStep(int step, RunResult run, boolean held, String verdict) implements Result {

    /** Judges {@code run} against a p99 bound. */
    static SweepStep judge(int step, RunResult run, double p99BoundMs) {
        String verdict;
        boolean held = false;
        if (run.received() == 0) {
            verdict = "nothing was received";
        } else if (run.lost() > 0) {
            verdict = Report.count(run.lost()) + " deliveries lost";
        } else if (run.misrouted() > 0) {
            verdict = Report.count(run.misrouted()) + " deliveries in the wrong room";
        } else if (run.disconnected() > 0) {
            verdict = run.disconnected() + " clients disconnected";
        } else if (!(run.p99Ms() < p99BoundMs)) {
            verdict = "p99 " + Report.millis(run.p99Ms()) + " ms >= " + Report.bound(p99BoundMs) + " ms";
        } else {
            held = true;
            verdict = "held: p99 " + Report.millis(run.p99Ms()) + " ms < " + Report.bound(p99BoundMs) + " ms, nothing lost";
        }
        return new SweepStep(step, run, held, verdict);
    }

    @Override
    public JsonLine json() {
        JsonLine json = new JsonLine().put("mode", "sweep_step").put("step", step);
        return run.fill(json).put("held", held).put("verdict", verdict);
    }

    @Override
    public String text() {
        return run.text("sweep step " + step) + "\n  verdict    " + verdict;
    }
}
