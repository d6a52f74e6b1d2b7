package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.trainer.colearn.fleet.FleetConfig;
import dev.sparring.trainer.colearn.fleet.FleetDescription;
import dev.sparring.trainer.colearn.fleet.SharingMode;

import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The settings of a simulated fleet's run that every fleet command running one takes ({@code fleet train},
 * {@code fleet supervise}, {@code fleet robots}): the fleet, its size, the window, the budget and the learners'.
 */
final class FleetRunOptions {
    @Option(names = "--fleet", paramLabel = "<fleet.yaml>",
        defaultValue = "robots/fleet/inverted_pendulum.yaml", description = "Fleet "
        + "description: the robot, the task and the robot types (default ${DEFAULT-VALUE}).")
    private Path fleetFile;

    @Option(names = "--robots", paramLabel = "<N>",
        defaultValue = "32", description = "N, robots in the fleet (default ${DEFAULT-VALUE}).")
    private int robots;

    @Option(names = "--types", paramLabel = "<count>",
        description = "Robot types to use, the first this many of the fleet file's (default: "
        + "all of them).")
    private Integer types;

    @Option(names = "--window", paramLabel = "<K-steps>",
        defaultValue = "1000", description = "K, policy steps per robot per window (default "
        + "${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--temperature", paramLabel = "<T>",
        defaultValue = "3", description = "T, partner draws per robot per window "
        + "(default ${DEFAULT-VALUE}).")
    private int temperature;

    @Option(names = "--steps", paramLabel = "<steps>",
        defaultValue = "50000", description = "N, environment steps per robot (default "
        + "${DEFAULT-VALUE}).")
    private long steps;

    @Option(names = "--epochs", paramLabel = "<epochs>",
        defaultValue = "4", description = "PPO's epochs over each update's batch (default "
        + "${DEFAULT-VALUE}); e.g. 12 gives independent learners the Adam steps co-learners take with T = 2 partners "
        + "(a control: more data or more steps?).")
    private int epochs;

    @Option(names = "--threshold", paramLabel = "<return>",
        defaultValue = "900", description = "Return a robot must reach (mean of its last "
        + "10 episodes) for the time-to-threshold metric (default ${DEFAULT-VALUE}).")
    private double threshold;

    /**
     * Checks the ranges, naming the option.
     *
     * @param spec the command.
     */
    void check(final CommandSpec spec) {
        OptionChecks.inRange(spec, "--robots", robots, 2, 4096);
        OptionChecks.inRange(spec, "--window", window, 2, 1_000_000);
        OptionChecks.inRange(spec, "--temperature", temperature, 1, 1000);
        OptionChecks.inRange(spec, "--steps", steps, window, 1_000_000_000L);
        OptionChecks.inRange(spec, "--epochs", epochs, 1, 1_000);
        OptionChecks.require(spec, window % FleetConfig.DEFAULT_MINIBATCHES == 0, "--window must be a multiple of "
            + "ppo.minibatches = " + FleetConfig.DEFAULT_MINIBATCHES + " (a window's steps make whole minibatches), was "
            + window);
    }

    /**
     * @param spec the command.
     * @return the fleet description, with the first {@code --types} types when given.
     */
    FleetDescription fleet(final CommandSpec spec) {
        final FleetDescription fleet = FleetDescription.load(fleetFile);
        if (types == null) {
            return fleet;
        }
        try {
            return fleet.firstTypes(types);
        } catch (final IllegalArgumentException e) {
            OptionChecks.require(spec, false, e.getMessage());
            return fleet;
        }
    }

    /**
     * @param supervisors S.
     * @param sharing     the mode.
     * @param seed        the seed.
     * @return one run's settings.
     */
    FleetConfig config(final int supervisors, final SharingMode sharing, final long seed) {
        return FleetConfig.defaults(robots, supervisors, window, steps, temperature, sharing, seed)
            .withThreshold(threshold).withEpochs(epochs);
    }

    /**
     * @return N.
     */
    int robots() {
        return robots;
    }
}
