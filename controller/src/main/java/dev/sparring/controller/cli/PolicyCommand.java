package dev.sparring.controller.cli;

import dev.sparring.controller.demo.LqrPolicyDesigner;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.hal.config.RobotDescription;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring policy}: make and inspect policy files.
 */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Make and inspect policy files.",
    subcommands = {PolicyCommand.Lqr.class, PolicyCommand.Inspect.class})
final class PolicyCommand {

    /** {@code sparring policy lqr}: writes an LQR balancing policy designed on a simulated robot. */
    @Command(name = "lqr", mixinStandardHelpOptions = true,
        description = "Design an LQR balancing policy on a simulated robot's plant and write it as a policy file.")
    static final class Lqr implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--robot", defaultValue = "robots/cartpole.yaml",
            description = "Simulated robot description (default ${DEFAULT-VALUE}).")
        private Path robot;

        @Option(names = "--out", defaultValue = "policies/cartpole-lqr.policy",
            description = "Policy file to write (default ${DEFAULT-VALUE}).")
        private Path out;

        @Option(names = "--q", split = ",", defaultValue = "10,100,1,1",
            description = "State cost diagonal, positions then velocities (default ${DEFAULT-VALUE}).")
        private double[] stateCost;

        @Option(names = "--r", split = ",", defaultValue = "0.1",
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
            final PolicyModel model = LqrPolicyDesigner.design(RobotDescription.load(robot), stateCost, effortCost);
            PolicyWriter.write(model, out);
            spec.commandLine().getOut().println("wrote " + out + ": " + model.describe() + ", weights "
                + java.util.Arrays.toString(model.weights(0)));
            return 0;
        }
    }

    /** {@code sparring policy inspect}: prints a policy file's shape and metadata after validating it. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Validate a policy file and print its shape and metadata.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The policy file.")
        private Path file;

        @Override
        public Integer call() throws Exception {
            final PolicyModel model = PolicyReader.read(file);
            final PrintWriter out = spec.commandLine().getOut();
            out.println(file + ": valid, " + model.describe());
            out.println("  id in experience logs: " + HexFormat.of().toHexDigits(PolicyWriter.id(model)));
            for (final Map.Entry<String, String> entry : model.metadata().entrySet()) {
                out.println("  " + entry.getKey() + " = " + entry.getValue());
            }
            return 0;
        }
    }
}
