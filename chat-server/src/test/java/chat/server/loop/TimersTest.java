package chat.server.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimersTest {

    @Test
    void dueTimersRunInDeadlineOrderAndCancelledOnesDoNot() {
        Timers timers = new Timers();
        List<String> ran = new ArrayList<>();
        timers.schedule(30, () -> ran.add("c"));
        timers.schedule(10, () -> ran.add("a"));
        Timers.Timer cancelled = timers.schedule(20, () -> ran.add("cancelled"));
        timers.schedule(99, () -> ran.add("later"));
        cancelled.cancel();
        timers.runDue(30);
        assertEquals(List.of("a", "c"), ran);
        assertEquals(1, timers.millisUntilNext(30), "a pending timer asks for at least a millisecond");
    }

    @Test
    void noTimerMeansNoTimeout() {
        assertEquals(0, new Timers().millisUntilNext(0));
    }
}
