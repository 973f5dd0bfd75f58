package chat.bench;

/**
 * An idle run: how fast N connections opened, whether they all stayed open, and, given the
 * server's pid, what they cost it in resident memory.
 *
 * @param clients         connections asked for
 * @param connected       connections that opened
 * @param failed          connections that did not
 * @param connectS        seconds to open them all
 * @param welcomedAfterS  seconds from the last connect until every open connection had its first
 *                        line (its welcome): how long a storm of arrivals keeps the last one waiting;
 *                        NaN if some never got one
 * @param heldS           seconds they were held
 * @param closedByServer  connections that ended while held
 * @param rssBeforeKb     the server's RSS before connecting, KiB; -1 if not known
 * @param rssHeldKb       the server's RSS while holding them, KiB; -1 if not known
 * @param firstError      why the first connect failed, or null
 */
record IdleResult(
        int clients,
        int connected,
        int failed,
        double connectS,
        double welcomedAfterS,
        double heldS,
        long closedByServer,
        long rssBeforeKb,
        long rssHeldKb,
        String firstError) implements Result {

    double connectionsPerS() {
        return connectS > 0 ? connected / connectS : Double.NaN;
    }

    /** What each held connection adds to the server's RSS, KiB; NaN if not known. */
    double kbPerConnection() {
        return rssBeforeKb < 0 || rssHeldKb < 0 || connected == 0
                ? Double.NaN
                : (double) (rssHeldKb - rssBeforeKb) / connected;
    }

    @Override
    public JsonLine json() {
        return new JsonLine().put("mode", "idle")
                .put("clients", clients)
                .put("connected", connected)
                .put("failed", failed)
                .put("connect_s", connectS)
                .put("connections_per_s", connectionsPerS())
                .put("welcomed_after_last_connect_s", welcomedAfterS)
                .put("held_s", heldS)
                .put("closed_by_server", closedByServer)
                .put("server_rss_before_kb", rssBeforeKb < 0 ? Double.NaN : rssBeforeKb)
                .put("server_rss_held_kb", rssHeldKb < 0 ? Double.NaN : rssHeldKb)
                .put("kb_per_connection", kbPerConnection())
                .put("first_error", firstError);
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("idle: ").append(Report.count(connected)).append(" of ").append(Report.count(clients))
                .append(" connections open in ").append(Report.seconds(connectS)).append(" (")
                .append(Report.perSecond(connectionsPerS())).append("/s), held ").append(Report.seconds(heldS))
                .append("\n  welcomed   every one ").append(Double.isNaN(welcomedAfterS) ? "? (not all were)"
                        : Report.seconds(welcomedAfterS)).append(" after the last connect");
        if (failed > 0) {
            out.append("\n  failed     ").append(Report.count(failed)).append(" (first: ").append(firstError).append(')');
        }
        out.append("\n  held       ").append(Report.count(connected - closedByServer)).append(" still open at the end, ")
                .append(Report.count(closedByServer)).append(" closed by the server");
        if (rssBeforeKb >= 0 && rssHeldKb >= 0) {
            out.append(String.format(java.util.Locale.ROOT, "%n  server RSS %,d KiB before, %,d KiB holding them: %.2f KiB per connection",
                    rssBeforeKb, rssHeldKb, kbPerConnection()));
        }
        return out.toString();
    }
}
