package chat.bench;

/** Something a command reports: one readable block, or one JSON object on one line. */
sealed interface Result permits RunResult, SweepStep, SweepSummary, ChurnResult, IdleResult {

    JsonLine json();

    String text();
}
