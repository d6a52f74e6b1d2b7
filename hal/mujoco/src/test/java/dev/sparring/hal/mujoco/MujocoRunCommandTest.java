package dev.sparring.hal.mujoco;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.cli.SparringCli;
import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.controller.policy.RandomPolicies;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sparring run} on {@code robots/hopper.yaml}: the controller finds the mujoco backend on its class path. */
@ExtendWith(RequiresMujoco.class)
class MujocoRunCommandTest {
    private static final String HOPPER = CartPoleRig.ROOT.resolve("robots/hopper.yaml").toString();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return SparringCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path tinyHopperPolicy(final Path dir) throws Exception {
        final Path file = dir.resolve("hopper-random.policy");
        PolicyWriter.write(RandomPolicies.withMetadata(RandomPolicies.create(3, 11, new int[] {8}, 3,
            Activation.TANH), Map.of("robot", "hopper", "control_period_s", "0.008")), file);
        return file;
    }

    @Test
    void shouldRunAPolicyOnTheMujocoHopperAt125HzAndEndInOrder(@TempDir final Path dir) throws Exception {
        assertEquals(0, run("run", "--robot", HOPPER, "--policy", tinyHopperPolicy(dir).toString(), "--duration",
            "0.4"), err.toString());

        final String text = out.toString();
        assertTrue(text.contains("running hopper (backend mujoco) with policy 'random-3' (11 → 8 tanh → 3 identity) at 125 Hz "
            + "for 0.4 s"), text);
        final long ticks = Long.parseLong(text.replaceAll("(?s).*ticks\\s+(\\d+).*", "$1"));
        assertTrue(ticks >= 45 && ticks <= 50, "0.4 s at 125 Hz is 50 ticks, fewer when some overran:\n" + text);
        assertTrue(text.contains("final command    safe command written, robot deactivated: thigh_joint effort "),
            text);
        assertEquals("", err.toString());
    }

    @Test
    void shouldRefuseALoopRateWhosePeriodIsNotAWholeNumberOfTimesteps(@TempDir final Path dir) throws Exception {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", HOPPER, "--policy",
            tinyHopperPolicy(dir).toString(), "--rate", "1000"));

        assertTrue(err.toString().contains("the loop rate 1000.0 Hz (given instead of control.rate_hz) does not fit "
            + "backend mujoco: the loop period 1.0 ms is not a whole number of the physics timestep of 'hopper', "
            + "2.0 ms"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace:\n" + err);
    }
}
