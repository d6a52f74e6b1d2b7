package dev.sparring.fleet.cli;

import dev.sparring.controller.cli.StopSignal;
import dev.sparring.controller.trust.KeyFiles;
import dev.sparring.controller.trust.TrustList;
import dev.sparring.fleet.FleetAeron;
import dev.sparring.fleet.LogShipper;
import dev.sparring.fleet.LogShipperConfig;
import dev.sparring.fleet.PolicyDirectory;
import dev.sparring.hal.config.ConfigException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;

import org.agrona.concurrent.SystemNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sparring fleet ship}: the robot's end of the fleet transport; ships the robot's experience log to a
 * receiver, resuming where the receiver's copy ends, until SIGINT or SIGTERM, then a summary.
 */
@Command(name = "ship", mixinStandardHelpOptions = true,
    description = "Ship a robot's experience log to a fleet receiver over Aeron UDP (docs/fleet.md); runs until "
        + "Ctrl-C or SIGTERM.")
public final class FleetShipCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--log", required = true, paramLabel = "DIR", description = "The robot's experience log.")
    private Path log;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "The receiver's address.")
    private String to;

    @Option(names = "--robot", paramLabel = "NAME",
        description = "The robot's name on the wire and on the trainer host (default: the log directory's name).")
    private String robot;

    @Option(names = "--reply", paramLabel = "HOST:PORT",
        description = "Where the receiver's acknowledgements reach this robot (default: the address this host sends "
            + "from towards --to, any free port).")
    private String reply;

    @Option(names = "--term-length", paramLabel = "SIZE", defaultValue = LogShipperConfig.DEFAULT_TERM_LENGTH,
        description = "The publication's term length (Aeron size, e.g. 1m): records up to 1/8 of it are shipped; "
            + "3 terms of memory (default: ${DEFAULT-VALUE}).")
    private String termLength;

    @Option(names = "--key", paramLabel = "FILE",
        description = "The robot's private key (from 'sparring keys generate'), proving it is the robot the "
            + "receiver's allow-list names.")
    private Path key;

    @Option(names = "--policies", paramLabel = "DIR",
        description = "Write the policies the trainer sends to DIR/<robot>.policy (+ .sig), each only when its "
            + "signature verifies with --trust.")
    private Path policies;

    @Option(names = "--trust", paramLabel = "FILE",
        description = "The trust file (trainers' public keys) policies sent with --policies are verified with.")
    private Path trust;

    @Mixin
    private AeronDirOption aeronDir;

    @Override
    public Integer call() throws Exception {
        final Endpoint receiver = Endpoint.parse(spec, "--to", to);
        final Endpoint replyTo = reply != null ? Endpoint.parse(spec, "--reply", reply)
            : new Endpoint(receiver.localAddressTowards(), 0);
        final Path logDirectory = log.toAbsolutePath().normalize();
        final String name = robot != null ? robot : String.valueOf(logDirectory.getFileName());
        final PrintWriter console = spec.commandLine().getOut();
        if ((policies == null) != (trust == null)) {
            throw new ParameterException(spec.commandLine(), "--policies and --trust go together: policies are "
                + "written only when their signature verifies with a trusted key");
        }
        if (policies != null && !Files.isDirectory(policies)) {
            throw new ParameterException(spec.commandLine(), "--policies: " + policies + " is not a directory; "
                + "create it");
        }
        final PrivateKey robotKey;
        final PolicyDirectory inbox;
        try {
            robotKey = key == null ? null : KeyFiles.readPrivate(key);
            inbox = policies == null ? null : new PolicyDirectory(policies, TrustList.read(trust),
                notice -> console.println("fleet ship: " + notice));
        } catch (final ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (final IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + e.getMessage());
        }
        final LogShipperConfig config;
        try {
            config = LogShipperConfig.of(name, logDirectory, receiver.udpChannel() + "|term-length=" + termLength,
                replyTo.udpChannel());
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()
                + (robot == null ? " (taken from the log directory's name; give one with --robot NAME)" : ""));
        }
        try (StopSignal stop = new StopSignal();
             FleetAeron aeron = aeronDir.connect("ship");
             LogShipper shipper = newShipper(config, aeron, console, robotKey, inbox)) {
            console.println("fleet ship: '" + name + "' from " + logDirectory + " to " + config.channel()
                + ", replies on " + config.replyChannel() + "; Ctrl-C stops");
            AgentLoop.runUntilStopped(shipper, stop, aeron);
            console.printf("fleet ship: '%s' shipped %d records (resent included), %d acknowledged, %d in flight, "
                + "%d in the log not acknowledged yet, %d back-pressured offers, %d rewinds, %d policies "
                + "received; %s%n", name, shipper.shipped(), shipper.acked(), shipper.inFlight(), shipper.backlog(),
                shipper.backPressured(), shipper.rewinds(), shipper.policiesReceived(), shipper.state());
        }
        return 0;
    }

    private LogShipper newShipper(final LogShipperConfig config, final FleetAeron aeron,
        final PrintWriter console, final PrivateKey robotKey, final PolicyDirectory inbox) {
        try {
            return new LogShipper(config, aeron.aeron(), SystemNanoClock.INSTANCE,
                notice -> console.println("fleet ship: " + notice), robotKey, inbox);
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
