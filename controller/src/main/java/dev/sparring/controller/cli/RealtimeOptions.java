package dev.sparring.controller.cli;

import dev.sparring.controller.loop.RealtimeSetup;

import picocli.CommandLine.Option;

/**
 * Command-line options for the loop thread's real-time set-up; every step is optional and reported.
 */
final class RealtimeOptions {
    @Option(names = "--realtime", description = "Ask for everything: mlockall, SCHED_FIFO 80, the last CPU, 1 ns "
        + "timer slack (each step reported as granted or refused).")
    private boolean all;

    @Option(names = "--lock-memory", description = "mlockall(MCL_CURRENT|MCL_FUTURE).")
    private boolean lockMemory;

    @Option(names = "--fifo-priority", defaultValue = "0", description = "SCHED_FIFO priority 1–99 (0: off).")
    private int fifoPriority;

    @Option(names = "--cpu", defaultValue = "-1", description = "Pin the loop thread to this CPU (-1: off).")
    private int cpu;

    @Option(names = "--timer-slack-ns", defaultValue = "-1", description = "Timer slack of the loop thread (-1: off).")
    private long timerSlackNs;

    /**
     * @return the requested set-up.
     */
    RealtimeSetup setup() {
        if (all) {
            return new RealtimeSetup(true, fifoPriority > 0 ? fifoPriority : 80,
                cpu >= 0 ? cpu : Runtime.getRuntime().availableProcessors() - 1, timerSlackNs > 0 ? timerSlackNs : 1);
        }
        return new RealtimeSetup(lockMemory, fifoPriority, cpu, timerSlackNs);
    }
}
