package dev.sparring.trainer.lqr;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LQR design on a simulated robot's plant, reached through the hal's plant contract. */
class LqrPolicyDesignerTest {

    @Test
    void shouldMatchTheBundledPolicyWhenRedesigned() throws Exception {
        final PolicyModel bundled = PolicyReader.read(CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy"));
        final PolicyModel redesigned = LqrPolicyDesigner.design(
            RobotDescription.load(CartPoleRig.ROOT.resolve("robots/cartpole.yaml")), new double[] {10, 100, 1, 1},
            new double[] {0.1});
        assertArrayEquals(redesigned.weights(0), bundled.weights(0), 1e-4f,
            "policies/cartpole-lqr.policy is stale: run ./sparring policy lqr --force");
        assertEquals(redesigned.metadata(), bundled.metadata());
    }

    @Test
    void shouldRefuseARobotWithoutAPlant() throws Exception {
        final String simulated = Files.readString(CartPoleRig.ROOT.resolve("robots/cartpole.yaml"));
        final String yaml = simulated.substring(0, simulated.indexOf("\nsim:")).replace("backend: sim", "backend: mock")
            + simulated.substring(simulated.indexOf("\ncontrol:"));
        final RobotDescription mock = RobotDescription.parse("cart-pole on the mock backend",
            CartPoleRig.ROOT.resolve("robots"), yaml);
        final ConfigException e = assertThrows(ConfigException.class,
            () -> LqrPolicyDesigner.design(mock, new double[] {1, 1, 1, 1}, new double[] {1}));
        assertTrue(e.getMessage().contains("needs a simulated robot") && e.getMessage().contains("backend mock"),
            e.getMessage());
    }
}
