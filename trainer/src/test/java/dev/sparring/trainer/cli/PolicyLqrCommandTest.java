package dev.sparring.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.cli.SparringCli;
import dev.sparring.controller.policy.PolicyReader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy lqr}: a file named after the robot, and no existing file replaced without {@code --force}. */
class PolicyLqrCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(final String... args) {
        return TrainerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static String robot(final String name) {
        return CartPoleRig.ROOT.resolve("robots").resolve(name).toString();
    }

    @Test
    void shouldNameTheDefaultFileAfterTheRobot() {
        assertEquals(Path.of("policies", "inverted_pendulum-lqr.policy"),
            PolicyLqrCommand.defaultFile("inverted_pendulum"));
        assertEquals(Path.of("policies", "cartpole-lqr.policy"), PolicyLqrCommand.defaultFile("cartpole"));
    }

    @Test
    void shouldRefuseToReplaceAnExistingFileWithoutForce() throws Exception {
        final Path file = dir.resolve("cartpole-lqr.policy");
        Files.write(file, Files.readAllBytes(CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy")));
        final byte[] before = Files.readAllBytes(file);
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("policy", "lqr", "--robot", robot("cartpole.yaml"), "--q",
            "1,1,1,1", "--out", file.toString()));
        assertTrue(err.toString().contains(file + " exists; pass --force to replace it"), err.toString());
        assertArrayEquals(before, Files.readAllBytes(file), "the existing file is untouched");

        assertEquals(0, run("policy", "lqr", "--robot", robot("cartpole.yaml"), "--q", "1,1,1,1", "--out",
            file.toString(), "--force"));
        assertTrue(out.toString().startsWith("replaced " + file), out.toString());
        assertEquals("[1.0, 1.0, 1.0, 1.0]", PolicyReader.read(file).metadata().get("lqr.q"));
    }

    @Test
    void shouldWriteANewFile() throws Exception {
        final Path file = dir.resolve("new.policy");
        assertEquals(0, run("policy", "lqr", "--robot", robot("cartpole.yaml"), "--out", file.toString()));
        assertTrue(out.toString().startsWith("wrote " + file), out.toString());
        assertEquals("cartpole-lqr", PolicyReader.read(file).metadata().get("name"));
    }
}
