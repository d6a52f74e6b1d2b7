package dev.sparring.trainer.colearn.fleet;

import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.hal.io.CsvNumbers;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.colearn.Correspondence;
import dev.sparring.trainer.colearn.LinearGaussianContextFeatures;
import dev.sparring.trainer.colearn.LoggedWindow;
import dev.sparring.trainer.colearn.SharingConfig;
import dev.sparring.trainer.colearn.TransitionWindow;
import dev.sparring.trainer.env.Env;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One supervisor of a fleet run: owns a contiguous block of robots, and every window decides who of them shares with
 * whom ({@link PartnerChooser}) and has each robot's learner update on its own window and its partners'. The same
 * class serves an in-process fleet ({@link FleetTraining}, all supervisors in one process) and a supervisor process
 * serving its own robots.
 */
final class Supervisor {
    private final FleetConfig config;
    private final int index;
    private final int from;
    private final int to;
    private final PartnerChooser chooser;
    private final LoggedWindow[] packed;
    private final SplitMix64 slices;

    private Supervisor(final FleetConfig config, final int index, final int from, final int to,
        final PartnerChooser chooser, final LoggedWindow[] packed, final SplitMix64 slices) {
        this.config = config;
        this.index = index;
        this.from = from;
        this.to = to;
        this.chooser = chooser;
        this.packed = packed;
        this.slices = slices;
    }

    /**
     * @param config the run's settings.
     * @param fleet  the robots and their types.
     * @param task   the fleet's task.
     * @param index  the supervisor's index (its partner draws' seed); its robots are {@link FleetConfig#firstRobot}
     *               of it to the next one's.
     * @param slices the draws of where partners' slices start when sharing with everyone (one stream shared by the
     *               supervisors of a process, in supervisor order).
     * @return the supervisor.
     */
    static Supervisor create(final FleetConfig config, final FleetDescription fleet, final Env task, final int index,
        final SplitMix64 slices) {
        final LoggedWindow[] packed = new LoggedWindow[config.temperature()];
        for (int p = 0; p < packed.length; p++) {
            packed[p] = new LoggedWindow(config.windowSteps(), task.observationSize(), task.actionSize());
        }
        final Correspondence[] correspondences = Correspondence.declaredBy(fleet.robot(0, 0L),
            task.observationSize(), task.actionSize());
        final PartnerChooser chooser = new PartnerChooser(config.sharing(), new SharingConfig(config.kMin(),
            config.kMax(), config.temperature()), new LinearGaussianContextFeatures(), correspondences,
            SplitMix64.derive(config.seed(), 1_000_000L + index));
        return new Supervisor(config, index, config.firstRobot(index), config.firstRobot(index + 1), chooser, packed,
            slices);
    }

    /**
     * The supervisor's part of a window, its robots' windows read: partners, the learners' updates, the rows of
     * metrics.
     *
     * @param w        the window.
     * @param robots   the fleet's robots, by index (only this supervisor's are used).
     * @param metrics  receives a row per robot ({@link FleetTraining#METRICS_HEADER}).
     * @param fidelity receives the window's fidelity row (Dynamic Co-Learning only).
     * @param events   receives the windows left out and why.
     */
    void supervise(final int w, final RobotLearning[] robots, final PrintWriter metrics, final PrintWriter fidelity,
        final PrintWriter events) {
        final int size = to - from;
        final TransitionWindow[] transitions = new TransitionWindow[size];
        final int[] types = new int[size];
        for (int i = 0; i < size; i++) {
            final RobotLearning robot = robots[from + i];
            types[i] = robot.type();
            final LoggedWindow window = robot.window();
            if (window.problem() != null) {
                events.printf(Locale.ROOT, "window %d: %s left out: %s%n", w, robot.name(), window.problem());
            } else {
                transitions[i] = window.transitions();
            }
        }
        final PartnerChooser.Decision decision = chooser.choose(transitions, types, w);
        if (config.sharing() == SharingMode.COLEARN) {
            int withFeatures = 0;
            for (int i = 0; i < size; i++) {
                withFeatures += transitions[i] != null && decision.leftOut()[i] == null ? 1 : 0;
            }
            fidelity.printf(Locale.ROOT, "%d,%d,%d,%s,%s%n", w, index, withFeatures,
                CsvNumbers.format(decision.fidelity()[0]), CsvNumbers.format(decision.fidelity()[1]));
        }
        final int recordBytes = ExperienceRecordFlyweight.length(robots[from].window().observationSize(),
            robots[from].window().actionSize(), 0);
        for (int i = 0; i < size; i++) {
            final RobotLearning robot = robots[from + i];
            if (decision.leftOut()[i] != null) {
                events.printf(Locale.ROOT, "window %d: %s shares nothing: %s%n", w, robot.name(),
                    decision.leftOut()[i]);
            }
            final int[] partners = decision.partners()[i];
            final LoggedWindow[] received = config.sharing() == SharingMode.ALL ? slicesOf(robots, from, partners)
                : windowsOf(robots, from, partners);
            long steps = 0;
            for (final LoggedWindow window : received) {
                steps += window.steps();
            }
            if (transitions[i] != null) {
                robot.learner().update(robot.window(), received, received.length);
            }
            metrics.printf(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%s,%s,%d%n", w, (w + 1L) * config.windowSteps(),
                robot.index(), robot.type(), index, decision.group()[i], partners.length, steps,
                steps * recordBytes, robot.windowEpisodes(), CsvNumbers.format(robot.windowEpisodes() == 0 ? Double.NaN
                    : robot.windowReturnSum() / robot.windowEpisodes()), CsvNumbers.format(robot.recentReturn()),
                robot.window().steps() == 0 ? 0L : robot.window().policyId(robot.window().steps() - 1));
        }
    }

    private static LoggedWindow[] windowsOf(final RobotLearning[] robots, final int from, final int[] partners) {
        final LoggedWindow[] windows = new LoggedWindow[partners.length];
        for (int p = 0; p < partners.length; p++) {
            windows[p] = robots[from + partners[p]].window();
        }
        return windows;
    }

    /**
     * Sharing with everyone within the learner's budget of T windows of steps: an equal, randomly placed slice of
     * every partner's window (consecutive steps, so advantages are computed within each), packed into T windows.
     */
    private LoggedWindow[] slicesOf(final RobotLearning[] robots, final int from, final int[] partners) {
        for (final LoggedWindow window : packed) {
            window.clear();
        }
        if (partners.length == 0) {
            return new LoggedWindow[0];
        }
        final int budget = packed.length * packed[0].capacity();
        final int length = Math.max(1, budget / partners.length);
        int target = 0;
        for (final int partner : partners) {
            final LoggedWindow source = robots[from + partner].window();
            final int take = Math.min(length, source.steps());
            if (take == 0) {
                continue;
            }
            final int start = slices.nextInt(source.steps() - take + 1);
            int copied = 0;
            while (copied < take && target < packed.length) {
                copied += packed[target].appendSlice(source, start + copied, take - copied);
                if (packed[target].steps() == packed[target].capacity()) {
                    target++;
                }
            }
        }
        int used = 0;
        while (used < packed.length && packed[used].steps() > 0) {
            used++;
        }
        return java.util.Arrays.copyOf(packed, used);
    }
}
