package dev.sparring.trainer.cli;

import dev.sparring.controller.Controller;
import dev.sparring.controller.cli.OptionChecks;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.controller.policy.RobotPolicyShape;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.io.FileErrors;
import dev.sparring.trainer.export.OnnxImporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code sparring policy import}: converts an ONNX MLP policy exported from PyTorch (CleanRL, Stable-Baselines3) into
 * a policy file for a robot ({@link OnnxImporter}). The file is named after the model unless {@code --out} says
 * otherwise, and an existing file is replaced only with {@code --force}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Convert an ONNX MLP policy (exported from PyTorch by CleanRL, Stable-Baselines3 or your own code) "
        + "into a policy file for a robot. Supported: Gemm or MatMul+Add layers with Tanh, Relu, Elu or Sigmoid, "
        + "observation normalisation as Sub/Div/Clip; the output is the action mean in the robot's units.")
final class PolicyImportCommand implements Callable<Integer> {
    /** Largest ONNX file read, as the policy file's own limit. */
    private static final long MAX_BYTES = 64L << 20;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "<model.onnx>", description = "The ONNX model: one observation input, one action output.")
    private Path model;

    @Option(names = "--robot", required = true, paramLabel = "<description>",
        description = "The robot description; the model's input and output widths must match its observation and "
            + "action, whose limits clamp the action.")
    private Path robot;

    @Option(names = "--obs-mean", split = ",", paramLabel = "<m1,m2,...>",
        description = "Observation mean, one per observation value, when the graph has no Sub node (default 0).")
    private float[] observationMean;

    @Option(names = "--obs-std", split = ",", paramLabel = "<s1,s2,...>",
        description = "Observation standard deviation, one per observation value, when the graph has no Div node "
            + "(default 1).")
    private float[] observationStd;

    @Option(names = "--obs-clip", paramLabel = "<c>",
        description = "Clip the normalised observation to ±c, when the graph has no Clip node (default: no clip).")
    private Float observationClip;

    @Option(names = "--control-period-s", paramLabel = "<seconds>",
        description = "The period the policy was trained to act at (an environment step); the controller holds its "
            + "action in between (default: every tick of the robot's loop).")
    private Double controlPeriodS;

    @Option(names = "--name", paramLabel = "<name>", description = "The policy's name (default: the model's file "
        + "name without .onnx).")
    private String name;

    @Option(names = "--out", paramLabel = "<file>",
        description = "Policy file to write (default policies/<name>.policy).")
    private Path out;

    @Option(names = "--force", description = "Replace the output file if it exists.")
    private boolean force;

    @Override
    public Integer call() throws Exception {
        OptionChecks.require(spec, observationClip == null || observationClip > 0 && observationClip
            < Float.POSITIVE_INFINITY, "--obs-clip must be a finite number > 0, was " + observationClip);
        OptionChecks.require(spec, controlPeriodS == null || controlPeriodS > 0 && controlPeriodS
            < Double.POSITIVE_INFINITY, "--control-period-s must be a finite number > 0, was " + controlPeriodS);
        final RobotDescription description = RobotDescription.load(robot);
        final RobotPolicyShape shape = RobotPolicyShape.of(description);
        final String policyName = name != null ? name : stem(model);
        final Path file = out != null ? out : Path.of("policies", policyName + ".policy");
        final boolean replacing = Files.exists(file);
        if (replacing && !force) {
            throw new ConfigException(file + " exists; pass --force to replace it, or --out to write elsewhere");
        }
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("name", policyName);
        if (controlPeriodS != null) {
            metadata.put(Controller.CONTROL_PERIOD_KEY, Double.toString(controlPeriodS));
        } else {
            metadata.put(Controller.RATE_KEY, String.format(Locale.ROOT, "%.1f", shape.control().rateHz()));
        }
        final PolicyModel policy = OnnxImporter.convert(read(model), model.toString(), shape,
            description.spec().name(), new OnnxImporter.Normalisation(observationMean, observationStd,
                observationClip), metadata);
        PolicyWriter.write(policy, file);
        spec.commandLine().getOut().println((replacing ? "replaced " : "wrote ") + file + ": " + policy.describe()
            + " for robot '" + description.spec().name() + "', from " + model + " ("
            + policy.metadata().get("producer") + ")");
        return 0;
    }

    private static byte[] read(final Path file) throws IOException {
        try {
            final long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException(file + " has " + size + " bytes, more than the " + MAX_BYTES + " an MLP "
                    + "policy is imported from");
            }
            return Files.readAllBytes(file);
        } catch (final IOException e) {
            throw FileErrors.at(file, e);
        }
    }

    private static String stem(final Path file) {
        final String fileName = file.getFileName().toString();
        return fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - ".onnx".length()) : fileName;
    }
}
