package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparring bridge sim}: the host firmware on a fresh pseudo-terminal, for a bridge robot only. */
class BridgeSimCommandTest {
    private static final Path ROOT = Files.isDirectory(Path.of("robots")) ? Path.of(".") : Path.of("..");

    @Test
    void shouldRunTheFirmwareOnAPseudoTerminalLinkedWhereTheRunWillLook(@TempDir final Path dir) {
        Assumptions.assumeTrue(Files.isExecutable(ROOT.resolve(BridgeSimCommand.FIRMWARE)), "no host firmware");
        final Path link = dir.resolve("cartpole-pty");
        final TrainerCliRun cli = new TrainerCliRun();
        assertEquals(0, cli.run("bridge", "sim", "--robot", ROOT.resolve("robots/cartpole-bridge.yaml").toString(),
            "--port", link.toString(), "--firmware", ROOT.resolve(BridgeSimCommand.FIRMWARE).toString(), "--duration",
            "0.3"), cli.err());
        assertTrue(cli.out().contains("(linked from " + link + "), plant cartpole"), cli.out());
        assertTrue(cli.out().contains("drive it:  ./sparring run --robot"), cli.out());
        assertTrue(cli.out().contains("--port " + link), cli.out());
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the firmware removes its link");
    }

    @Test
    void shouldRefuseARobotThatIsNotBehindABridge() {
        new TrainerCliRun().assertRefused("has backend sim; bridge sim runs firmware for a bridge robot", "bridge",
            "sim", "--robot", ROOT.resolve("robots/cartpole.yaml").toString());
    }
}
