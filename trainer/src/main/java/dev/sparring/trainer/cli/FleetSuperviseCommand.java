package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.cli.StopSignal;
import dev.sparring.controller.trust.KeyFiles;
import dev.sparring.fleet.AllowList;
import dev.sparring.fleet.FleetAeron;
import dev.sparring.fleet.cli.AeronDirOption;
import dev.sparring.fleet.cli.Endpoint;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.trainer.colearn.fleet.FleetConfig;
import dev.sparring.trainer.colearn.fleet.SupervisorHost;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sparring fleet supervise}: one supervisor of a distributed fleet run as its own process, serving its block of
 * the robots a {@code fleet robots} process runs (docs/fleet.md, "Supervisors as processes").
 */
@Command(name = "supervise", mixinStandardHelpOptions = true, sortOptions = false,
    description = "One supervisor of a fleet run spread over processes or hosts: takes its robots' logs over Aeron, "
        + "chooses partners each window, trains their learners and sends each robot its signed policy "
        + "(docs/fleet.md).")
final class FleetSuperviseCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--index", required = true, paramLabel = "S", description = "This supervisor's index, 0 to "
        + "--supervisors - 1; it serves the S-th contiguous block of robots.")
    private int index;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", description = "UDP address to take the "
        + "robots' logs and the robots host's signals on, e.g. 0.0.0.0:40200.")
    private String listen;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key that signs the "
        + "policies ('sparring keys generate'); the robots host's --trust file lists its public key.")
    private Path key;

    @Option(names = "--allow", paramLabel = "FILE", description = "Accept only the robots on this allow-list, each "
        + "proving its key (docs/fleet.md); default: all, unauthenticated.")
    private Path allow;

    @Mixin
    private FleetRunOptions run;

    @Mixin
    private DistributedRunOptions distributed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the robots' copies, the "
        + "policies and this supervisor's rows of metrics.csv, windows.csv, fidelity.csv and events.txt go.")
    private Path out;

    @Mixin
    private AeronDirOption aeronDir;

    @Override
    public Integer call() throws Exception {
        final FleetConfig config = distributed.config(spec, run);
        OptionChecks.inRange(spec, "--index", index, 0, config.supervisors() - 1);
        final Endpoint endpoint = Endpoint.parse(spec, "--listen", listen);
        final KeyPair signing;
        try {
            signing = new KeyPair(KeyFiles.readPublic(KeyFiles.publicKeyFile(key)), KeyFiles.readPrivate(key));
        } catch (final ConfigException | IOException e) {
            throw new ParameterException(spec.commandLine(), "--key: " + e.getMessage());
        }
        final AllowList allowList;
        try {
            allowList = allow == null ? null : AllowList.load(allow);
        } catch (final ConfigException | IOException e) {
            throw new ParameterException(spec.commandLine(), "--allow: " + e.getMessage());
        }
        final PrintWriter console = spec.commandLine().getOut();
        final AtomicBoolean running = new AtomicBoolean(true);
        try (StopSignal stop = new StopSignal();
             FleetAeron aeron = aeronDir.connect("supervise");
             SupervisorHost host = new SupervisorHost(config, run.fleet(spec), index, aeron.aeron(),
                 endpoint.udpChannel(), allowList, signing, out, notice -> console.println("fleet supervise: "
                 + notice))) {
            stop.onRequest(() -> running.set(false));
            final long windows = host.run(running::get);
            console.printf("fleet supervise: %d of %d windows supervised; rows in %s%n", windows, config.windows(),
                out);
            return windows == config.windows() ? 0 : 1;
        }
    }
}
