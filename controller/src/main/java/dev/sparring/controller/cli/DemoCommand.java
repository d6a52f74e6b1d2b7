package dev.sparring.controller.cli;

import dev.sparring.controller.loop.RealtimeSetup;
import dev.sparring.hal.config.RobotDescription;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring demo}: the bundled LQR policy balances the simulated cart-pole at 1 kHz for 10 s, with the loop
 * thread's real-time set-up requested (and reported), then prints the run summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Balance the simulated cart-pole with the bundled policy at 1 kHz and print the loop summary.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--duration", paramLabel = "<seconds>",
        defaultValue = "10", description = "Run time in seconds (default ${DEFAULT-VALUE}).")
    private double durationS;

    @Override
    public Integer call() throws Exception {
        OptionChecks.duration(spec, "--duration", durationS);
        final Path robot = SparringHome.resolve("robots/cartpole.yaml");
        final RobotDescription description = RobotDescription.load(robot);
        RunCommand.run(description, null, 1000.0, false, durationS,
            new RealtimeSetup(false, 80, Runtime.getRuntime().availableProcessors() - 1, 1), null,
            spec.commandLine().getOut());
        return 0;
    }
}
