package dev.sparring.controller.cli;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.hal.ProbeReport;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code sparring hw probe}: a backend's report printed, and the exit code saying whether everything answered. */
class HwCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aSimulatedRobotHasNothingToProbe() {
        final String robot = CartPoleRig.ROOT.resolve("robots").resolve("cartpole.yaml").toString();
        assertEquals(0, SparringCli.execute(new String[] {"hw", "probe", "--robot", robot}, new PrintWriter(out, true),
            new PrintWriter(err, true)));
        assertEquals("robot 'cartpole' (" + robot + "), backend sim\n"
            + "  backend 'sim' (simulated) has nothing to probe\n"
            + "everything expected answered\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void somethingExpectedThatDidNotAnswerIsNamedAndExitsOne() {
        final ProbeReport report = new ProbeReport(List.of("PCA9685 at I2C bus 1 address 0x40: no answer (NACK)",
            "e-stop on GPIO 17 (active low): level HIGH, released"), List.of("PCA9685 at I2C bus 1 address 0x40"));
        assertEquals(HwCommand.EXIT_MISSING, HwCommand.print(report, new PrintWriter(out, true)));
        assertEquals("  PCA9685 at I2C bus 1 address 0x40: no answer (NACK)\n"
            + "  e-stop on GPIO 17 (active low): level HIGH, released\n"
            + "did not answer: PCA9685 at I2C bus 1 address 0x40\n", out.toString());
    }
}
