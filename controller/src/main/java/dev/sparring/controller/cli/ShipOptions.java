package dev.sparring.controller.cli;

import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.shipping.LogShippingProvider;
import dev.sparring.controller.shipping.ShippingRequest;

import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Command-line options of {@code run --ship-to}: the experience log shipped to a fleet receiver while the robot runs.
 */
final class ShipOptions {
    /** What {@code --ship-to} says when no provider is on the class path. */
    static final String NO_PROVIDER = "--ship-to needs the fleet module (the robot distribution and ./sparring have "
        + "it); this class path has no dev.sparring.controller.shipping.LogShippingProvider";

    @Option(names = "--ship-to", paramLabel = "HOST:PORT", description = "Ship the --log to the fleet receiver there "
        + "while the robot runs (docs/fleet.md), on a thread of its own, never the control thread.")
    private String receiver;

    @Option(names = "--ship-reply", paramLabel = "HOST:PORT", description = "Where the receiver's acknowledgements "
        + "reach this robot (default: the address this host sends from towards --ship-to, any free port).")
    private String replyTo;

    @Option(names = "--robot-name", paramLabel = "NAME", description = "The robot's name on the wire and on the "
        + "trainer host (default: the --log directory's name).")
    private String robotName;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Ship through the media driver running in DIR instead of an embedded one.")
    private String aeronDirectory;

    @Option(names = "--ship-grace-ms", defaultValue = "2000", paramLabel = "MS", description = "After the robot's "
        + "safe stop and the log's flush, how long the shipper may still ship and get acknowledged what remains "
        + "(default ${DEFAULT-VALUE}); what is left stays in the log and goes next time.")
    private long graceMs;

    /**
     * Checks the options and finds the provider, before the robot is built.
     *
     * @param spec      the command, for errors.
     * @param logConfig the log's settings, or null when there is no {@code --log}.
     * @return the shipping to start once the log is open, or null without {@code --ship-to}.
     * @throws ParameterException naming what is wrong: an option without {@code --ship-to}, no {@code --log}, no
     *                            provider on the class path, a bad endpoint or name.
     */
    ShipRun plan(final CommandSpec spec, final ExperienceLogConfig logConfig) {
        if (receiver == null) {
            OptionChecks.require(spec, replyTo == null && robotName == null && aeronDirectory == null,
                "--ship-reply, --robot-name and --aeron-dir apply to --ship-to HOST:PORT");
            return null;
        }
        OptionChecks.require(spec, logConfig != null, "--ship-to ships the experience log: give --log DIR too");
        OptionChecks.require(spec, graceMs >= 0, "--ship-grace-ms must be >= 0, was " + graceMs);
        final LogShippingProvider provider = LogShippingProvider.find()
            .orElseThrow(() -> new ParameterException(spec.commandLine(), NO_PROVIDER));
        final ShippingRequest request = new ShippingRequest(logConfig.directory().toAbsolutePath().normalize(),
            receiver, replyTo, robotName, aeronDirectory);
        try {
            provider.check(request);
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new ShipRun(provider, request, TimeUnit.MILLISECONDS.toNanos(graceMs));
    }
}
