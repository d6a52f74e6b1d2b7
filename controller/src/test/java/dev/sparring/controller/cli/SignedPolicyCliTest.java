package dev.sparring.controller.cli;

import dev.sparring.controller.CartPoleRig;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signing workflow as a user runs it: {@code keys generate}, the trust line into a robot's trust file,
 * {@code policy sign}, {@code policy verify}, and {@code run} on a robot whose description sets {@code control.trust}.
 */
class SignedPolicyCliTest {
    @TempDir
    Path dir;
    private StringWriter out;
    private StringWriter err;

    private int sparring(final String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return SparringCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldGenerateSignVerifyAndRunATrustedPolicyAndRefuseItOnceTampered() throws Exception {
        final Path key = dir.resolve("keys/trainer.key");
        assertEquals(0, sparring("keys", "generate", "--out", key.toString()), err::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        final String trustLine = out.toString().lines().filter(line -> line.startsWith("trainer ")).findFirst()
            .orElseThrow();
        final Path trust = Files.writeString(dir.resolve("trusted.keys"), trustLine + "\n");
        final Path policy = Files.copy(CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy"),
            dir.resolve("balance.policy"));

        assertEquals(0, sparring("policy", "sign", "--key", key.toString(), policy.toString()), err::toString);
        assertTrue(Files.exists(dir.resolve("balance.policy.sig")));
        assertEquals(0, sparring("policy", "verify", "--trust", trust.toString(), policy.toString()), err::toString);
        assertTrue(out.toString().contains("balance.policy: verified, signed by trainer (key id "), out::toString);

        final Path robot = Files.writeString(dir.resolve("cartpole.yaml"), Files.readString(
            CartPoleRig.ROOT.resolve("robots/cartpole.yaml")).replaceFirst("(?m)^  policy: .*$",
            "  policy: balance.policy\n  trust: trusted.keys"));
        assertEquals(0, sparring("run", "--robot", robot.toString(), "--duration", "0.05", "--simulated-time"),
            err::toString);
        assertTrue(out.toString().contains("balance.policy verified: signed by trainer (key id "), out::toString);
        assertTrue(out.toString().contains("ticks            50"), out::toString);

        final byte[] bytes = Files.readAllBytes(policy);
        bytes[bytes.length - 5] ^= 0x10;
        Files.write(policy, bytes);
        assertEquals(PolicyVerifyCommand.EXIT_REFUSED, sparring("policy", "verify", "--trust", trust.toString(),
            policy.toString()));
        assertTrue(err.toString().contains("refused: policy " + policy + " is tampered: signature does not match"),
            err::toString);
        assertEquals(SparringCli.EXIT_BAD_INPUT, sparring("run", "--robot", robot.toString(), "--duration", "0.05",
            "--simulated-time"));
        assertTrue(err.toString().startsWith("sparring run: policy " + policy + " is tampered"), err::toString);
        assertFalse(err.toString().contains("Exception") || err.toString().contains("\tat "), err::toString);
    }
}
