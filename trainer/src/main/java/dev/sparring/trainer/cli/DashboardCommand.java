package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.DashboardOptions;
import dev.sparring.controller.cli.StopSignal;
import dev.sparring.controller.dashboard.DashboardServer;
import dev.sparring.controller.dashboard.RunDirectoryFollower;
import dev.sparring.hal.config.ConfigException;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sparring dashboard --run DIR}: the live page of a training or fleet run directory, finished or still being
 * written by another process, following its {@code metrics.csv} files until Ctrl-C.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve a local web page of a train or fleet train run directory, finished or running elsewhere: its "
        + "learning curves (and a fleet's robots, groups per window and returns) as its metrics.csv files grow, "
        + "pushed with server-sent events; Ctrl-C stops. For a robot's control loop use 'run --dashboard'.")
final class DashboardCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "<run-dir>", description = "The run or experiment "
        + "directory (train --out, fleet train --out).")
    private Path run;

    @Option(names = "--listen", defaultValue = "8750", paramLabel = "[<host>:]<port>", description = "Where to serve "
        + "the page (default ${DEFAULT-VALUE}, on " + DashboardOptions.DEFAULT_HOST + ": this computer only; the page "
        + "has no authentication, so bind another address only on a network you trust; port 0 picks a free one).")
    private String listen;

    @Override
    @SuppressWarnings("try") // the follower works on its own thread: the body never names it
    public Integer call() throws Exception {
        final InetSocketAddress address;
        try {
            address = DashboardOptions.parse(listen);
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--listen: " + e.getMessage());
        }
        if (!Files.isDirectory(run)) {
            throw new ConfigException("--run " + run + " is not a directory: give the --out of a train or fleet train "
                + "run");
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        try (StopSignal stop = new StopSignal();
            DashboardServer board = DashboardOptions.serve(address, "dashboard " + run, spec.commandLine().getOut());
            RunDirectoryFollower follower = new RunDirectoryFollower(board, run, "following")) {
            spec.commandLine().getOut().println("following        " + run + " (its metrics.csv files); Ctrl-C stops");
            spec.commandLine().getOut().flush();
            stop.onRequest(stopped::countDown);
            stopped.await();
        }
        return 0;
    }
}
