package dev.sparring.controller.policy;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.Controller;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HoldPolicy}: fixed targets whatever the observation, shaped and checked against a description. */
class HoldPolicyTest {
    private static final RobotDescription PAN_TILT =
        RobotDescription.load(CartPoleRig.ROOT.resolve("robots").resolve("pan_tilt.yaml"));

    @TempDir
    Path directory;

    @Test
    void shouldCommandItsTargetsWhateverItObservesAfterAWriteAndReadBack() throws Exception {
        final Path file = directory.resolve("hold.policy");
        PolicyWriter.write(HoldPolicy.design(PAN_TILT, Map.of("pan", 0.5, "tilt", -0.25)), file);
        final MlpExecutor executor = new MlpExecutor(PolicyReader.read(file));
        final double[] action = new double[2];
        for (final double[] observation : new double[][] {{0, 0}, {1.3, -0.7}, {-1e3, 1e3}}) {
            executor.act(observation, action);
            assertArrayEquals(new double[] {0.5, -0.25}, action, 0.0);
        }
    }

    @Test
    void shouldHoldAJointNotNamedAtZeroAndSayWhatItHoldsInItsMetadata() {
        final PolicyModel model = HoldPolicy.design(PAN_TILT, Map.of("tilt", 0.75));
        assertArrayEquals(new float[] {0.0f, 0.75f}, model.biases(0));
        assertEquals("pan_tilt", model.metadata().get(Controller.ROBOT_KEY));
        assertEquals("100.0", model.metadata().get(Controller.RATE_KEY));
        assertEquals("constant targets {pan position 0.0, tilt position 0.75}, the observation ignored",
            model.metadata().get("kind"));
    }

    @Test
    void shouldRefuseATargetOutsideTheJointsPositionLimitsNamingThem() {
        final ConfigException refused = assertThrows(ConfigException.class,
            () -> HoldPolicy.design(PAN_TILT, Map.of("tilt", 1.5)));
        assertTrue(refused.getMessage().contains("target 1.5 for joint 'tilt' (position mode) is outside its limits "
            + "[-0.8, 1.2]"), refused.getMessage());
    }
}
