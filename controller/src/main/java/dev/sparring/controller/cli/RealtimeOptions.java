package dev.sparring.controller.cli;

import dev.sparring.controller.loop.RealtimeSetup;

import picocli.CommandLine.Model.CommandSpec;
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

    @Option(names = "--fifo-priority", paramLabel = "<1-99>",
        defaultValue = "0", description = "SCHED_FIFO priority 1–99 (0: off; default ${DEFAULT-VALUE}).")
    private int fifoPriority;

    @Option(names = "--cpu", paramLabel = "<cpu>",
        defaultValue = "-1", description = "Pin the loop thread to this CPU (-1: off; default ${DEFAULT-VALUE}).")
    private int cpu;

    @Option(names = "--timer-slack-ns", paramLabel = "<ns>",
        defaultValue = "-1", description = "Timer slack of the loop thread (-1: off; default ${DEFAULT-VALUE}).")
    private long timerSlackNs;

    /**
     * @param spec the command, for errors.
     * @return the requested set-up.
     * @throws picocli.CommandLine.ParameterException naming the option whose value is out of its range.
     */
    RealtimeSetup setup(final CommandSpec spec) {
        OptionChecks.require(spec, fifoPriority == RealtimeSetup.NO_FIFO
            || fifoPriority >= RealtimeSetup.MIN_FIFO_PRIORITY && fifoPriority <= RealtimeSetup.MAX_FIFO_PRIORITY,
            "--fifo-priority must be " + RealtimeSetup.MIN_FIFO_PRIORITY + "–" + RealtimeSetup.MAX_FIFO_PRIORITY
                + " (or 0: off), was " + fifoPriority);
        OptionChecks.require(spec, cpu == RealtimeSetup.NO_CPU || cpu >= 0 && cpu <= RealtimeSetup.MAX_CPU,
            "--cpu must be 0–" + RealtimeSetup.MAX_CPU + " (or -1: off), was " + cpu);
        OptionChecks.require(spec, timerSlackNs == RealtimeSetup.NO_TIMER_SLACK || timerSlackNs >= 1,
            "--timer-slack-ns must be >= 1 (or -1: off), was " + timerSlackNs);
        if (all) {
            return new RealtimeSetup(true, fifoPriority > 0 ? fifoPriority : 80,
                cpu >= 0 ? cpu : Runtime.getRuntime().availableProcessors() - 1, timerSlackNs > 0 ? timerSlackNs : 1);
        }
        return new RealtimeSetup(lockMemory, fifoPriority, cpu, timerSlackNs);
    }
}
