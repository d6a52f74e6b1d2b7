package dev.sparring.fleet.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.cli.StopSignal;
import dev.sparring.fleet.AllowList;
import dev.sparring.fleet.FleetAeron;
import dev.sparring.fleet.FleetReceiver;
import dev.sparring.fleet.FleetReceiverConfig;
import dev.sparring.fleet.PolicyFolder;
import dev.sparring.fleet.RobotStream;
import dev.sparring.hal.config.ConfigException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SystemNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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
        description = "Accept only the robots listed in FILE, each proving it holds its key: one '<robot name> "
            + "<public key>' a line, '#' comments (docs/fleet.md); default: every robot, none authenticated.")
    private Path allow;

    @Option(names = "--publish", paramLabel = "DIR",
        description = "Send DIR/<robot>.policy (signed: DIR/<robot>.policy.sig) to that robot when it appears or "
            + "changes (checked once a second).")
    private Path publish;

    @Option(names = "--sync-ms", paramLabel = "MS", defaultValue = "100",
        description = "Sync received records to disk (then acknowledge them) every MS ms (default: ${DEFAULT-VALUE}).")
    private long syncMs;

    @Mixin
    private AeronDirOption aeronDir;

    @Override
    public Integer call() throws Exception {
        final Endpoint endpoint = Endpoint.parse(spec, "--listen", listen);
        final long syncIntervalMs = OptionChecks.inRange(spec, "--sync-ms", syncMs, 0,
            60_000);
        final AllowList allowList;
        try {
            allowList = allow == null ? null : AllowList.load(allow);
        } catch (final ConfigException | IOException e) {
            throw new ParameterException(spec.commandLine(), "--allow: " + e.getMessage());
        }
        if (publish != null && !Files.isDirectory(publish)) {
            throw new ParameterException(spec.commandLine(), "--publish: " + publish + " is not a directory; create "
                + "it and put <robot>.policy files with their .sig in it");
        }
        final PrintWriter console = spec.commandLine().getOut();
        final FleetReceiverConfig config = FleetReceiverConfig.of(out, endpoint.udpChannel(), allowList)
            .withSyncIntervalNs(TimeUnit.MILLISECONDS.toNanos(syncIntervalMs));
        try (StopSignal stop = new StopSignal();
             FleetAeron aeron = aeronDir.connect("receive");
             FleetReceiver receiver = new FleetReceiver(config, aeron.aeron(), SystemNanoClock.INSTANCE,
                 new SecureRandom(), notice -> console.println("fleet receive: " + notice))) {
            console.println("fleet receive: listening on " + endpoint.udpChannel() + ", writing to " + out
                + (allowList == null ? " (every robot accepted)" : " (robots on " + allowList.source() + ": "
                + allowList.keys().size() + ")") + (publish == null ? "" : ", publishing policies from " + publish)
                + "; Ctrl-C stops");
            final Agent agent = publish == null ? receiver : new CompositeAgent(receiver, new PolicyFolder(publish,
                receiver, SystemNanoClock.INSTANCE, notice -> console.println("fleet receive: " + notice)));
            AgentLoop.runUntilStopped(agent, stop, aeron);
            receiver.sync();
            receiver.doWork();
            console.printf("fleet receive: %d messages, %d malformed%n", receiver.received(), receiver.malformed());
            for (final RobotStream robot : receiver.robots()) {
                console.printf("  %-24s %s appended %d, duplicates dropped %d, out of sequence %d, refused %d, "
                    + "unauthenticated %d, last index 0x%x, policy #%d %s%n", robot.name(),
                    robot.allowed() ? "allowed" : "NOT ALLOWED", robot.appended(), robot.duplicates(),
                    robot.outOfSequence(), robot.refused(), robot.unauthenticated(), robot.persistedIndex(),
                    robot.policySequence(), robot.policyAcknowledged() ? "delivered" : "not delivered");
            }
        }
        return 0;
    }
}
