package dev.sparring.controller.loop;

/** The next absolute deadline of a periodic duty cycle, read by an idle strategy to know how long it may sleep. */
@FunctionalInterface
public interface DeadlineSource {
    /**
     * The clock time at which the next tick is due, on the same clock as the one the idle strategy reads.
     *
     * @return the next deadline in nanoseconds.
     */
    long nextDeadlineNs();
}
