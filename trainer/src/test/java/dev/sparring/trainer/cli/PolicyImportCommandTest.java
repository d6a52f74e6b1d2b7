package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy import} as a user runs it: a PyTorch-exported model becomes a policy file the controller reads, and
 * every refusal is one line naming the problem, without a stack trace.
 */
class PolicyImportCommandTest {
    private static final Path MODELS = Path.of("src/test/resources/onnx");

    private final TrainerCliRun cli = new TrainerCliRun();

    @TempDir
    Path dir;

    private static String robot(final String name) {
        return CartPoleRig.ROOT.resolve("robots").resolve(name).toString();
    }

    private static String model(final String name) {
        return MODELS.resolve(name).toString();
    }

    @Test
    void shouldWriteAPolicyFileForTheRobotWithTheModelsName() throws Exception {
        final Path file = dir.resolve("actor.policy");

        assertEquals(0, cli.run("policy", "import", model("cleanrl_tanh.onnx"), "--robot", robot("pendulum.yaml"),
            "--control-period-s", "0.05", "--out", file.toString()), cli::err);

        assertTrue(cli.out().startsWith("wrote " + file + ": 'cleanrl_tanh' (3 → 64 tanh → 64 tanh → 1 identity) for "
            + "robot 'pendulum'"), cli.out());
        final PolicyModel policy = PolicyReader.read(file);
        assertEquals("pendulum", policy.metadata().get("robot"));
        assertEquals("0.05", policy.metadata().get("control_period_s"));
        assertEquals("sparring policy import", policy.metadata().get("created_by"));
        assertTrue(policy.metadata().get("producer").startsWith("pytorch 1.13"), policy.metadata().toString());
        assertEquals("[-2.0]", Arrays.toString(policy.actionLow()), "the pendulum's effort limit");
    }

    @Test
    void shouldRefuseAnUnsupportedOperatorWithoutAStackTrace() {
        cli.assertRefused("sparring policy import: " + model("softmax_head.onnx") + ": node #3 '/3/Softmax' (Softmax) "
            + "is not in the supported subset", "policy", "import", model("softmax_head.onnx"), "--robot",
            robot("pendulum.yaml"), "--out", dir.resolve("x.policy").toString());
        assertFalse(Files.exists(dir.resolve("x.policy")));
    }

    @Test
    void shouldRefuseATruncatedFileWithoutAStackTrace() throws Exception {
        final byte[] whole = Files.readAllBytes(MODELS.resolve("sb3_relu.onnx"));
        final Path truncated = dir.resolve("cut.onnx");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));

        cli.assertRefused(truncated + ": not a valid ONNX model: ", "policy", "import", truncated.toString(),
            "--robot", robot("hopper.yaml"), "--out", dir.resolve("x.policy").toString());
        assertTrue(cli.err().contains("the file may be truncated or corrupt"), cli.err());
    }

    @Test
    void shouldRefuseNormalisationGivenTwice() {
        cli.assertRefused("the graph clips the observation (Clip ±10.0) and --obs-clip was given too", "policy",
            "import", model("normalised_tanh.onnx"), "--robot", robot("hopper.yaml"), "--obs-clip", "5", "--out",
            dir.resolve("x.policy").toString());
    }

    @Test
    void shouldRefuseAModelForAnotherRobot() {
        cli.assertRefused("the model takes 11 observation values, but robot 'pendulum' gives 3", "policy", "import",
            model("sb3_relu.onnx"), "--robot", robot("pendulum.yaml"), "--out", dir.resolve("x.policy").toString());
    }

    @Test
    void shouldBeListedInPolicyHelp() {
        assertEquals(0, cli.run("policy", "--help"));
        assertTrue(cli.out().contains("import"), cli.out());
    }
}
