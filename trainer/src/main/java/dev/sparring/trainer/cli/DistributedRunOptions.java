package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.trainer.colearn.fleet.FleetConfig;
import dev.sparring.trainer.colearn.fleet.SharingMode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The settings of one fleet run spread over processes ({@code fleet supervise}, {@code fleet robots}): one sharing
 * mode, one number of supervisors, one seed; every process of the run must be given the same.
 */
final class DistributedRunOptions {
    @Option(names = "--supervisors", defaultValue = "2", paramLabel = "S", description = "Supervisors of the run, "
        + "each its own process (default ${DEFAULT-VALUE}).")
    private int supervisors;

    @Option(names = "--sharing", defaultValue = "colearn", paramLabel = "MODE", description = "none, all, random, "
        + "oracle or colearn (default ${DEFAULT-VALUE}).")
    private String sharing;

    @Option(names = "--seed", paramLabel = "<seed>",
        defaultValue = "0", description = "The run's seed (default ${DEFAULT-VALUE}).")
    private long seed;

    /**
     * @param spec the command.
     * @param run  the fleet's settings, checked here with these.
     * @return the run's settings.
     */
    FleetConfig config(final CommandSpec spec, final FleetRunOptions run) {
        run.check(spec);
        OptionChecks.inRange(spec, "--supervisors", supervisors, 1, run.robots());
        SharingMode mode = SharingMode.COLEARN;
        try {
            mode = SharingMode.parse(sharing);
        } catch (final IllegalArgumentException e) {
            OptionChecks.require(spec, false, "--sharing: " + e.getMessage());
        }
        return run.config(supervisors, mode, seed);
    }
}
