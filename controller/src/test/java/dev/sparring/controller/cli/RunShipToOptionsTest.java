package dev.sparring.controller.cli;

import dev.sparring.controller.CartPoleRig;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run --ship-to} on the controller's own class path, which has no shipping provider (the fleet module has it):
 * refused before the robot is built, with what to do.
 */
class RunShipToOptionsTest {
    @TempDir
    Path dir;

    private String refused(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = SparringCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(2, exitCode, () -> "accepted:\n" + out + err);
        assertFalse(err.toString().contains("Exception"), err::toString);
        return err.toString();
    }

    @Test
    void shouldRefuseShipToWithoutTheFleetModuleBeforeTheRobotStarts() {
        final Path log = dir.resolve("robot-a");
        final String err = refused("run", "--robot", CartPoleRig.ROOT.resolve("robots/cartpole.yaml").toString(),
            "--duration", "0.1", "--log", log.toString(), "--ship-to", "127.0.0.1:40123");
        assertTrue(err.contains("--ship-to needs the fleet module (the robot distribution and ./sparring have it)"),
            err);
        assertFalse(Files.exists(log), "the log was opened: the run started before refusing --ship-to");
    }

    @Test
    void shouldRefuseShipToWithoutALog() {
        final String err = refused("run", "--robot", CartPoleRig.ROOT.resolve("robots/cartpole.yaml").toString(),
            "--duration", "0.1", "--ship-to", "127.0.0.1:40123");
        assertTrue(err.contains("--ship-to ships the experience log: give --log DIR too"), err);
    }

    @Test
    void shouldRefuseShippingOptionsWithoutShipTo() {
        final String err = refused("run", "--robot", CartPoleRig.ROOT.resolve("robots/cartpole.yaml").toString(),
            "--duration", "0.1", "--robot-name", "arm-07");
        assertTrue(err.contains("--ship-reply, --robot-name and --aeron-dir apply to --ship-to HOST:PORT"), err);
    }
}
