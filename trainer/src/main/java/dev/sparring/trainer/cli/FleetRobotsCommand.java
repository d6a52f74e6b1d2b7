package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.StopSignal;
import dev.sparring.controller.trust.KeyFiles;
import dev.sparring.controller.trust.TrustList;
import dev.sparring.fleet.FleetAeron;
import dev.sparring.fleet.cli.AeronDirOption;
import dev.sparring.fleet.cli.Endpoint;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.trainer.colearn.fleet.FleetConfig;
import dev.sparring.trainer.colearn.fleet.RobotsHost;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sparring fleet robots}: the simulated robots of a distributed fleet run, in one process, each shipping its
 * log to its supervisor's process ({@code fleet supervise}) and taking up the signed policies it sends back
 * (docs/fleet.md, "Supervisors as processes").
 */
@Command(name = "robots", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The simulated robots of a fleet run spread over processes or hosts: each robot's log goes to its "
        + "supervisor over Aeron, and only policies signed by a trusted key come back (docs/fleet.md).")
final class FleetRobotsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--supervisor-at", required = true, split = ",", paramLabel = "HOST:PORT", description = "Each "
        + "supervisor's --listen address, in index order (one per supervisor).")
    private List<String> supervisorAt;

    @Option(names = "--trust", required = true, paramLabel = "FILE", description = "The keys the robots trust to "
        + "sign their policies (a trust list, docs/formats.md): the supervisors' public keys.")
    private Path trust;

    @Option(names = "--key", paramLabel = "FILE", description = "The private key the robots prove themselves with "
        + "to a supervisor's --allow list (default: none).")
    private Path key;

    @Option(names = "--reply-host", paramLabel = "HOST", description = "The address the supervisors reach this host "
        + "at (default: the one this host sends to the first supervisor from).")
    private String replyHost;

    @Mixin
    private FleetRunOptions run;

    @Mixin
    private DistributedRunOptions distributed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the robots' logs and policies "
        + "go.")
    private Path out;

    @Mixin
    private AeronDirOption aeronDir;

    @Override
    public Integer call() throws Exception {
        final FleetConfig config = distributed.config(spec, run);
        if (supervisorAt.size() != config.supervisors()) {
            throw new ParameterException(spec.commandLine(), "--supervisor-at names " + supervisorAt.size()
                + " supervisors, --supervisors is " + config.supervisors() + ": give one address per supervisor");
        }
        final List<String> endpoints = new ArrayList<>();
        for (final String address : supervisorAt) {
            final Endpoint endpoint = Endpoint.parse(spec, "--supervisor-at", address);
            endpoints.add(endpoint.host() + ":" + endpoint.port());
        }
        final TrustList trustList;
        final PrivateKey robotKey;
        try {
            trustList = TrustList.read(trust);
        } catch (final ConfigException | IOException e) {
            throw new ParameterException(spec.commandLine(), "--trust: " + e.getMessage());
        }
        try {
            robotKey = key == null ? null : KeyFiles.readPrivate(key);
        } catch (final ConfigException | IOException e) {
            throw new ParameterException(spec.commandLine(), "--key: " + e.getMessage());
        }
        final String reply = replyHost != null ? replyHost
            : Endpoint.parse(spec, "--supervisor-at", supervisorAt.get(0)).localAddressTowards();
        final PrintWriter console = spec.commandLine().getOut();
        final AtomicBoolean running = new AtomicBoolean(true);
        try (StopSignal stop = new StopSignal();
             FleetAeron aeron = aeronDir.connect("robots");
             RobotsHost host = new RobotsHost(config, run.fleet(spec), endpoints, reply, aeron.aeron(), trustList,
                 robotKey, out, notice -> console.println("fleet robots: " + notice))) {
            stop.onRequest(() -> running.set(false));
            final long windows = host.run(running::get);
            console.printf("fleet robots: %d of %d windows run; logs and policies in %s%n", windows,
                config.windows(), out);
            return windows == config.windows() ? 0 : 1;
        }
    }
}
