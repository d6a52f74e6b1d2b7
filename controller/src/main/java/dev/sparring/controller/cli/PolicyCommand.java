package dev.sparring.controller.cli;

import dev.sparring.controller.policy.HoldPolicy;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparring policy}: inspects policy files, makes a hold policy for bring-up, signs policies and verifies their
 * signatures; the trainer adds {@code policy lqr} and {@code policy import}.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Inspect and make policy files (the trainer adds more ways to make them).",
    subcommands = {PolicyCommand.Inspect.class, PolicyCommand.Hold.class, PolicySignCommand.class,
        PolicyVerifyCommand.class})
final class PolicyCommand {

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
            if (model.hasActionStd()) {
                final float[] logStd = model.actionLogStd();
                final StringBuilder std = new StringBuilder();
                for (int k = 0; k < logStd.length; k++) {
                    std.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", Math.exp(logStd[k])));
                }
                out.println("  exploration std (network-output units, run --explore): [" + std + "]");
            }
            for (final Map.Entry<String, String> entry : model.metadata().entrySet()) {
                out.println("  " + entry.getKey() + " = " + entry.getValue());
            }
            return 0;
        }
    }

    /**
     * {@code sparring policy hold}: writes a policy that commands fixed targets ({@link HoldPolicy}), named after the
     * robot unless {@code --out} says otherwise; an existing file is replaced only with {@code --force}.
     */
    @Command(name = "hold", mixinStandardHelpOptions = true,
        description = "Write a policy that holds fixed targets whatever it observes: for bringing up and calibrating "
            + "hardware before a trained policy exists.")
    static final class Hold implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--robot", required = true, paramLabel = "<description>",
            description = "The robot description; its control section shapes the policy.")
        private Path robot;

        @Option(names = "--target", paramLabel = "<joint>=<value>", mapFallbackValue = "",
            description = "A driven joint's target in its action's unit (rad, m, per s, N·m or N); repeat per joint. "
                + "Joints not named get 0.")
        private Map<String, String> targets = new LinkedHashMap<>();

        @Option(names = "--out", paramLabel = "<file>",
            description = "Policy file to write (default policies/<robot name>-hold.policy).")
        private Path out;

        @Option(names = "--force", description = "Replace the output file if it exists.")
        private boolean force;

        @Override
        public Integer call() throws Exception {
            final Map<String, Double> values = new LinkedHashMap<>();
            for (final Map.Entry<String, String> target : targets.entrySet()) {
                final double value;
                try {
                    value = Double.parseDouble(target.getValue().strip());
                } catch (final NumberFormatException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--target "
                        + target.getKey() + "=" + target.getValue() + ": the value must be a number");
                }
                OptionChecks.require(spec, Double.isFinite(value), "--target " + target.getKey() + ": the value must "
                    + "be finite, was " + value);
                values.put(target.getKey(), value);
            }
            final RobotDescription description = RobotDescription.load(robot);
            final Path file = out != null ? out : Path.of("policies", description.spec().name() + "-hold.policy");
            final boolean replacing = Files.exists(file);
            if (replacing && !force) {
                throw new ConfigException(file + " exists; pass --force to replace it, or --out to write elsewhere");
            }
            final PolicyModel model = HoldPolicy.design(description, values);
            PolicyWriter.write(model, file);
            spec.commandLine().getOut().println((replacing ? "replaced " : "wrote ") + file + ": " + model.describe()
                + ", " + model.metadata().get("kind"));
            return 0;
        }
    }
}
