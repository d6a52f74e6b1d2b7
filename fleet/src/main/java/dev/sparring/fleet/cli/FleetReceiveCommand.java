package dev.sparring.fleet.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.cli.StopSignal;
import dev.sparring.fleet.AllowList;
import dev.sparring.fleet.FleetAeron;
import dev.sparring.fleet.FleetReceiver;
import dev.sparring.fleet.FleetReceiverConfig;
import dev.sparring.fleet.RobotStream;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.SystemNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sparring fleet receive}: the trainer host's end of the fleet transport; each robot's records go to
 * {@code OUT/<robot>/}, readable as a local experience log, until SIGINT or SIGTERM, then a summary per robot.
 */
@Command(name = "receive", mixinStandardHelpOptions = true,
    description = "Receive robots' experience logs over Aeron UDP into OUT/<robot>/ (docs/fleet.md); runs until "
        + "Ctrl-C or SIGTERM.")
public final class FleetReceiveCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
        description = "UDP address to listen on, e.g. 0.0.0.0:40123.")
    private String listen;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where each robot's copy goes.")
    private Path out;

    @Option(names = "--allow", paramLabel = "FILE",
        description = "Accept only the robots named in FILE (one name a line, '#' comments); default: all.")
    private Path allow;

    @Option(names = "--sync-ms", paramLabel = "MS", defaultValue = "100",
        description = "Sync received records to disk (then acknowledge them) every MS ms (default: ${DEFAULT-VALUE}).")
    private long syncMs;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Use the media driver running in DIR instead of an embedded one.")
    private String aeronDir;

    @Override
    public Integer call() throws Exception {
        final Endpoint endpoint = Endpoint.parse(spec, "--listen", listen);
        final long syncIntervalMs = OptionChecks.inRange(spec, "--sync-ms", syncMs, 0,
            60_000);
        final AllowList allowList;
        try {
            allowList = allow == null ? null : AllowList.load(allow);
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--allow: " + e.getMessage());
        }
        final PrintWriter console = spec.commandLine().getOut();
        final FleetReceiverConfig config = FleetReceiverConfig.of(out, endpoint.udpChannel(), allowList)
            .withSyncIntervalNs(TimeUnit.MILLISECONDS.toNanos(syncIntervalMs));
        try (StopSignal stop = new StopSignal();
             FleetAeron aeron = aeronDir != null ? FleetAeron.external(aeronDir)
                 : FleetAeron.embedded(FleetAeron.driverContext(FleetAeron.embeddedDirectory("receive")));
             FleetReceiver receiver = new FleetReceiver(config, aeron.aeron(), SystemNanoClock.INSTANCE,
                 notice -> console.println("fleet receive: " + notice))) {
            console.println("fleet receive: listening on " + endpoint.udpChannel() + ", writing to " + out
                + (allowList == null ? " (every robot accepted)" : " (robots on " + allowList.source() + ": "
                + allowList.names().size() + ")") + "; Ctrl-C stops");
            AgentLoop.runUntilStopped(receiver, stop, aeron);
            receiver.sync();
            receiver.doWork();
            console.printf("fleet receive: %d messages, %d malformed%n", receiver.received(), receiver.malformed());
            for (final RobotStream robot : receiver.robots()) {
                console.printf("  %-24s %s appended %d, duplicates dropped %d, out of sequence %d, refused %d, "
                    + "last index 0x%x%n", robot.name(), robot.allowed() ? "allowed" : "NOT ALLOWED", robot.appended(),
                    robot.duplicates(), robot.outOfSequence(), robot.refused(), robot.persistedIndex());
            }
        }
        return 0;
    }
}
