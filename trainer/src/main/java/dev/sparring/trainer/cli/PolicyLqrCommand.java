package dev.sparring.trainer.cli;

import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.trainer.lqr.LqrPolicyDesigner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring policy lqr}: writes an LQR balancing policy designed on a simulated robot's plant. The file is
 * named after the robot unless {@code --out} says otherwise, and an existing file is replaced only with
 * {@code --force}, so the bundled policies are never overwritten by accident.
 */
@Command(name = "lqr", mixinStandardHelpOptions = true,
    description = "Design an LQR balancing policy on a simulated robot's plant and write it as a policy file.")
final class PolicyLqrCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--robot", paramLabel = "<robot.yaml>", defaultValue = "robots/cartpole.yaml",
        description = "Simulated robot description (default ${DEFAULT-VALUE}).")
    private Path robot;

    @Option(names = "--out", paramLabel = "<file.policy>",
        description = "Policy file to write (default policies/<robot name>-lqr.policy).")
    private Path out;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    private boolean force;

    @Option(names = "--q", paramLabel = "<cost>", split = ",", defaultValue = "10,100,1,1",
        description = "State cost diagonal, positions then velocities (default ${DEFAULT-VALUE}).")
    private double[] stateCost;

    @Option(names = "--r", paramLabel = "<cost>", split = ",", defaultValue = "0.1",
        description = "Effort cost diagonal, one per action (default ${DEFAULT-VALUE}).")
    private double[] effortCost;

    @Override
    public Integer call() throws Exception {
        for (final double q : stateCost) {
            OptionChecks.require(spec, q >= 0 && q < Double.POSITIVE_INFINITY, "--q: every state cost must be a "
                + "finite number >= 0, was " + q);
        }
        for (final double r : effortCost) {
            OptionChecks.require(spec, r > 0 && r < Double.POSITIVE_INFINITY, "--r: every effort cost must be a "
                + "finite number > 0 (LQR needs a positive definite R), was " + r);
        }
        final RobotDescription description = RobotDescription.load(robot);
        final Path file = out != null ? out : defaultFile(description.spec().name());
        final boolean replacing = Files.exists(file);
        if (replacing && !force) {
            throw new ConfigException(file + " exists; pass --force to replace it, or --out to write elsewhere");
        }
        final PolicyModel model = LqrPolicyDesigner.design(description, stateCost, effortCost);
        PolicyWriter.write(model, file);
        spec.commandLine().getOut().println((replacing ? "replaced " : "wrote ") + file + ": " + model.describe()
            + ", weights " + Arrays.toString(model.weights(0)));
        return 0;
    }

    /**
     * @param robotName the robot's name.
     * @return {@code policies/<robotName>-lqr.policy}.
     */
    static Path defaultFile(final String robotName) {
        return Path.of("policies", robotName + "-lqr.policy");
    }
}
