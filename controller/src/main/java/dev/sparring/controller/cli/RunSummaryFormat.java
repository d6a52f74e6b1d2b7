package dev.sparring.controller.cli;

import dev.sparring.controller.ControlTick;
import dev.sparring.controller.EpisodeReward;
import dev.sparring.controller.loop.LoopSummary;
import dev.sparring.controller.safety.FaultCause;
import dev.sparring.controller.safety.SafetySupervisor;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotSpec;

import java.util.Locale;

/**
 * Formats the end-of-run summary: loop timing, faults by cause, and the on-board episode return.
 */
final class RunSummaryFormat {
    private static final int MAX_RETURNS_SHOWN = 20;

    private RunSummaryFormat() {
    }

    static String format(final LoopSummary loop, final ControlTick tick) {
        final StringBuilder text = new StringBuilder(512);
        text.append(String.format(Locale.ROOT, "ticks            %d%n", loop.ticks()));
        text.append(String.format(Locale.ROOT, "overruns         %d (missed ticks, skipped)%n", loop.overruns()));
        text.append(String.format(Locale.ROOT, "jitter           p50 %s  p99 %s  p99.9 %s  max %s%n",
            micros(loop.jitterP50Ns()), micros(loop.jitterP99Ns()), micros(loop.jitterP999Ns()),
            micros(loop.jitterMaxNs())));
        text.append(String.format(Locale.ROOT, "compute          p50 %s  p99 %s  max %s%n",
            micros(loop.computeP50Ns()), micros(loop.computeP99Ns()), micros(loop.computeMaxNs())));
        final SafetySupervisor supervisor = tick.supervisor();
        text.append(String.format(Locale.ROOT, "faults           %d", supervisor.totalFaults()));
        if (supervisor.totalFaults() > 0) {
            text.append(" (");
            String separator = "";
            for (final FaultCause cause : FaultCause.values()) {
                if (supervisor.faultCount(cause) > 0) {
                    text.append(separator).append(cause).append(' ').append(supervisor.faultCount(cause));
                    separator = ", ";
                }
            }
            text.append(')');
        }
        if (supervisor.isFaulted()) {
            text.append("; still latched: ").append(supervisor.latchedCause());
        }
        text.append(System.lineSeparator());
        final EpisodeReward reward = tick.reward();
        if (reward == null) {
            text.append("episode return   n/a (no control.reward in the description)").append(System.lineSeparator());
        } else {
            text.append("reward           ").append(reward.describe()).append(System.lineSeparator());
            text.append(String.format(Locale.ROOT, "episode return   %.1f over %d steps%s%s%n",
                reward.episodeReturn(), reward.steps(), reward.terminated() ? ", terminated" : ", never terminated",
                tick.episodes() > 1 ? "; " + tick.episodes() + " episodes, the last one shown" : ""));
            appendCompleted(text, reward);
        }
        if (loop.errors() > 0) {
            text.append(String.format(Locale.ROOT, "tick errors      %d%n", loop.errors()));
        }
        text.append("real-time        ").append(loop.realtimeReport()).append(System.lineSeparator());
        return text.toString();
    }

    /**
     * The line saying what the robot was left with: the command written last (the safe command, by
     * {@link dev.sparring.controller.Controller#stopRobot()}) per actuated joint, and whether the robot was
     * deactivated.
     */
    static String finalCommand(final RobotSpec spec, final RobotCommand command, final ReturnCode stopped) {
        final StringBuilder text = new StringBuilder(128);
        text.append(stopped == ReturnCode.OK ? "final command    safe command written, robot deactivated:"
            : "final command    FAILED to write the safe command or to deactivate (backend in its error safe state):");
        final double[] values = command.values();
        for (int i = 0; i < values.length; i++) {
            final JointSpec joint = spec.joints().get(i);
            if (joint.isActuated()) {
                text.append(String.format(Locale.ROOT, " %s %s %s", joint.name(),
                    command.mode(i).name().toLowerCase(Locale.ROOT), Double.isNaN(values[i]) ? "none"
                        : String.format(Locale.ROOT, "%.3f", values[i])));
            }
        }
        return text.append(System.lineSeparator()).toString();
    }

    /** The completed episodes' returns: mean, sample std, min–max, and each one (the first 20). */
    private static void appendCompleted(final StringBuilder text, final EpisodeReward reward) {
        final int completed = reward.endedEpisodes();
        if (completed == 0) {
            return;
        }
        final int kept = Math.min(completed, EpisodeReward.KEPT_RETURNS);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < kept; k++) {
            min = Math.min(min, reward.endedReturn(k));
            max = Math.max(max, reward.endedReturn(k));
        }
        text.append(String.format(Locale.ROOT, "completed        %d episode%s (terminal or time limit): return mean %.1f",
            completed, completed == 1 ? "" : "s", reward.endedMean()));
        if (completed > 1) {
            text.append(String.format(Locale.ROOT, ", std %.1f, min %.1f, max %.1f%s", reward.endedStd(), min, max,
                kept < completed ? " (min and max of the first " + kept + ")" : ""));
        }
        text.append(System.lineSeparator()).append("returns         ");
        final int shown = Math.min(kept, MAX_RETURNS_SHOWN);
        for (int k = 0; k < shown; k++) {
            text.append(String.format(Locale.ROOT, " %.1f", reward.endedReturn(k)));
        }
        text.append(shown < completed ? " ..." : "").append(System.lineSeparator());
    }

    private static String micros(final long nanos) {
        return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
    }
}
