package dev.sparring.controller.cli;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.trust.PolicySignature;
import dev.sparring.controller.trust.TestKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The controller's bad-input corpus through the real command line: robot descriptions under
 * {@code src/test/resources/badinput/robots} (each names the message it must get in its first line,
 * {@code # expect: ...}), the large and deep ones generated here, damaged policy files and option values out of
 * range. Every one must be refused with a message that names the file or option and the problem, without a stack
 * trace; the endless inputs must be refused after bounded work, measured in bytes.
 */
@Timeout(60)
class BadInputTest {
    private static final Path ROBOT = CartPoleRig.ROOT.resolve("robots").resolve("cartpole.yaml");
    private static final Path POLICY = CartPoleRig.ROOT.resolve("policies").resolve("cartpole-lqr.policy");
    private static final String EXPECT = "# expect: ";
    /** What a pipe may hold beyond what its reader took (Linux's largest pipe buffer) plus one write. */
    private static final long PIPE_SLACK_BYTES = (1 << 20) + 8192;

    @TempDir
    Path dir;

    static Stream<BadInput> cases() throws IOException, URISyntaxException {
        final List<BadInput> cases = new ArrayList<>(robotCorpus());
        cases.addAll(List.of(
            robot("YAML nested 3000 deep in flow style", "name: " + "[".repeat(3000), "nested more than 64 levels"),
            robot("YAML nested 100 deep in block style", blockNesting(100), "line 66: mappings and lists are nested "
                + "more than 64 levels"),
            new BadInput("robot file with one 50 MB scalar", d -> runArgs(write(d.resolve("huge.yaml"),
                "name: " + "x".repeat(50 << 20))), "huge.yaml", "holds more than 256 KiB"),
            new BadInput("robot description is a directory", d -> runArgs(directory(d)), "a-directory: is a "
                + "directory; give a robot description"),
            new BadInput("robot description missing", d -> runArgs(d.resolve("none.yaml")), "none.yaml",
                "does not exist"),
            option("--fifo-priority", "200", "must be 1–99 (or 0: off), was 200"),
            option("--timer-slack-ns", "-5", "must be >= 1 (or -1: off), was -5"),
            option("--cpu", "5000", "must be 0–1023 (or -1: off), was 5000"),
            option("--rate", "NaN", "must be a number in [10.0, 10000.0], was NaN"),
            option("--rate", "0", "must be a number in [10.0, 10000.0], was 0.0"),
            option("--rate", "20000", "must be a number in [10.0, 10000.0], was 20000.0"),
            option("--duration", "Infinity", "must be a number of seconds in (0, 1.0E9], was Infinity"),
            option("--duration", "1e300", "must be a number of seconds in (0, 1.0E9], was 1.0E300"),
            option("--duration", "NaN", "must be a number of seconds in (0, 1.0E9], was NaN"),
            option("--duration", "-1", "must be a number of seconds in (0, 1.0E9], was -1.0"),
            new BadInput("demo --duration 0", d -> new String[] {"demo", "--duration", "0"}, "--duration", "was 0.0"),
            policy("policy with a flipped bit in its layer count", bytes -> flip(bytes, 16), "fails its checksum"),
            policy("policy with a flipped bit in its metadata", bytes -> flip(bytes, bytes.length - 12),
                "fails its checksum"),
            policy("truncated policy", bytes -> Arrays.copyOf(bytes, bytes.length / 2), "fails its checksum"),
            policy("policy with bytes appended", bytes -> Arrays.copyOf(bytes, bytes.length + 7),
                "fails its checksum"),
            policy("empty policy", bytes -> new byte[0], "is truncated: it has 0 bytes"),
            policy("text file as a policy", bytes -> "{\"weights\": []}".getBytes(StandardCharsets.UTF_8),
                "does not start with the policy magic"),
            new BadInput("hw probe a missing robot file", d -> new String[] {"hw", "probe", "--robot",
                d.resolve("none.yaml").toString()}, "none.yaml", "does not exist"),
            new BadInput("hw probe a directory", d -> new String[] {"hw", "probe", "--robot", directory(d).toString()},
                "a-directory: is a directory; give a robot description"),
            new BadInput("policy inspect a directory", d -> new String[] {"policy", "inspect",
                directory(d).toString()}, "a-directory: is a directory; give a policy file"),
            new BadInput("policy inspect a missing file", d -> new String[] {"policy", "inspect",
                d.resolve("none.policy").toString()}, "none.policy does not exist"),
            new BadInput("policy hold with a target outside the joint's limits", d -> new String[] {"policy", "hold",
                "--robot", ROBOT.toString(), "--target", "slider=50", "--out", d.resolve("h.policy").toString()},
                "target 50.0 for joint 'slider' (effort mode) is outside its limits [-10.0, 10.0]"),
            new BadInput("policy hold with a joint the action does not drive", d -> new String[] {"policy", "hold",
                "--robot", ROBOT.toString(), "--target", "hinge=0", "--out", d.resolve("h.policy").toString()},
                "joint 'hinge' is not driven by control.action", "[slider]"),
            new BadInput("policy hold with a target that is not a number", d -> new String[] {"policy", "hold",
                "--robot", ROBOT.toString(), "--target", "slider=left", "--out", d.resolve("h.policy").toString()},
                "--target slider=left: the value must be a number"),
            new BadInput("policy hold over an existing file", d -> new String[] {"policy", "hold", "--robot",
                ROBOT.toString(), "--out", POLICY.toString()}, "cartpole-lqr.policy exists; pass --force"),
            signature("signature file truncated", text -> text.substring(0, text.length() / 2),
                "is truncated"),
            signature("signature not base64", text -> text.replaceFirst("(?m)^signature .*", "signature %%%"),
                "signature is not base64"),
            signature("signature by another algorithm", text -> text.replace("algorithm Ed25519", "algorithm RSA"),
                "algorithm must be Ed25519, was 'RSA'"),
            signature("signature file of 1 MiB", text -> text + "#".repeat(1 << 20),
                "holds more than 4 KiB, the most a signature file may take"),
            signature("signature file not UTF-8", text -> text + "\u00ff", "is not valid UTF-8"),
            new BadInput("policy verify with a missing trust file", d -> new String[] {"policy", "verify", "--trust",
                d.resolve("none.keys").toString(), POLICY.toString()}, "trust file", "none.keys does not exist"),
            new BadInput("policy sign with a missing key", d -> new String[] {"policy", "sign", "--key",
                d.resolve("none.key").toString(), writePolicy(d, policyBytes()).toString()}, "key file",
                "none.key.pub does not exist"),
            new BadInput("keys generate over an existing key", d -> new String[] {"keys", "generate", "--out",
                write(d.resolve("trainer.key"), "secret").toString()}, "trainer.key exists; pass --force"),
            new BadInput("run with a damaged policy", d -> new String[] {"run", "--robot", ROBOT.toString(),
                "--policy", writePolicy(d, flip(policyBytes(), 30)).toString(), "--duration", "0.1"},
                "p.policy", "fails its checksum")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRefuseWithAMessageNamingTheFileOrOptionAndTheProblem(final BadInput input) {
        input.assertRefusedBy(SparringCli::execute, dir);
    }

    @Test
    void shouldRefuseDevZeroAsAPolicyAfterItsFirstBytes() {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")));
        new BadInput("policy inspect /dev/zero", d -> new String[] {"policy", "inspect", "/dev/zero"},
            "/dev/zero", "does not start with the policy magic").assertRefusedBy(SparringCli::execute, dir);
    }

    @Test
    void shouldStopReadingAnEndlessPolicyAtItsMagic() throws Exception {
        final EndlessFifo fifo = EndlessFifo.create(dir.resolve("zeros.policy"), new byte[0], (byte) 0);
        new BadInput("policy inspect an endless stream of zeros", d -> new String[] {"policy", "inspect",
            fifo.path().toString()}, "zeros.policy", "does not start with the policy magic")
            .assertRefusedBy(SparringCli::execute, dir);
        final long written = fifo.finish();
        assertTrue(written <= PIPE_SLACK_BYTES, () -> written + " bytes offered");
    }

    @Test
    void shouldStopReadingAnEndlessPolicyWithAValidMagicAtTheSizeLimit() throws Exception {
        final EndlessFifo fifo = EndlessFifo.create(dir.resolve("endless.policy"),
            "SPRPOLCY".getBytes(StandardCharsets.US_ASCII), (byte) 0);
        new BadInput("policy inspect an endless policy", d -> new String[] {"policy", "inspect",
            fifo.path().toString()}, "endless.policy", "holds more than 64 MiB, the most a policy file may take")
            .assertRefusedBy(SparringCli::execute, dir);
        final long written = fifo.finish();
        assertTrue(written <= (64 << 20) + PIPE_SLACK_BYTES, () -> written + " bytes offered");
    }

    @Test
    void shouldStopReadingAnEndlessRobotDescriptionAtTheSizeLimit() throws Exception {
        final EndlessFifo fifo = EndlessFifo.create(dir.resolve("endless.yaml"),
            "name: ".getBytes(StandardCharsets.US_ASCII), (byte) 'x');
        new BadInput("robot description that never ends", d -> runArgs(fifo.path()), "endless.yaml",
            "holds more than 256 KiB, the most a robot description may take").assertRefusedBy(SparringCli::execute,
            dir);
        final long written = fifo.finish();
        assertTrue(written <= (256 << 10) + PIPE_SLACK_BYTES, () -> written + " bytes offered");
    }

    private static List<BadInput> robotCorpus() throws IOException, URISyntaxException {
        final Path corpus = Path.of(BadInputTest.class.getResource("/badinput/robots").toURI());
        final List<BadInput> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (final Path file : files.sorted().toList()) {
                final String first = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).lines()
                    .findFirst().orElseThrow();
                assertTrue(first.startsWith(EXPECT), file + " must start with '" + EXPECT + "<message>'");
                cases.add(new BadInput(file.getFileName().toString(), d -> runArgs(file),
                    file.getFileName().toString(), first.substring(EXPECT.length())));
            }
        }
        assertTrue(cases.size() >= 9, "the corpus is on the class path");
        return cases;
    }

    private static BadInput robot(final String name, final String yaml, final String expected) {
        return new BadInput(name, d -> runArgs(write(d.resolve("robot.yaml"), yaml)), "robot.yaml", expected);
    }

    private static BadInput option(final String option, final String value, final String expected) {
        return new BadInput("run " + option + " " + value, d -> new String[] {"run", "--robot", ROBOT.toString(),
            option, value}, option + " " + expected);
    }

    private static BadInput policy(final String name, final UnaryOperator<byte[]> damage,
        final String expected) {
        return new BadInput(name, d -> new String[] {"policy", "inspect",
            writePolicy(d, damage.apply(policyBytes())).toString()}, "policy file", "p.policy", expected);
    }

    /**
     * {@code policy verify} of a signed copy of the LQR policy whose signature file {@code damage} rewrites (as
     * ISO-8859-1, so a character above 0x7f is a byte that is not UTF-8).
     */
    private static BadInput signature(final String name, final UnaryOperator<String> damage, final String expected) {
        return new BadInput(name, d -> {
            try {
                final KeyPair trainer = TestKeys.pair(1);
                final Path policy = TestKeys.sign(writePolicy(d, policyBytes()), trainer);
                final Path sig = PolicySignature.fileOf(policy);
                Files.writeString(sig, damage.apply(Files.readString(sig)), StandardCharsets.ISO_8859_1);
                return new String[] {"policy", "verify", "--trust", TestKeys.trustFile(d.resolve("trusted.keys"),
                    "trainer", trainer).toString(), policy.toString()};
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
        }, "refused: signature file", "p.policy.sig is malformed", expected);
    }

    private static Path directory(final Path scratch) {
        try {
            return Files.createDirectories(scratch.resolve("a-directory"));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blockNesting(final int levels) {
        final StringBuilder yaml = new StringBuilder("name: x\nsim:\n");
        for (int level = 1; level < levels; level++) {
            yaml.append("  ".repeat(level)).append("k").append(level).append(":\n");
        }
        return yaml.append("  ".repeat(levels)).append("leaf: 1\n").toString();
    }

    private static String[] runArgs(final Path robot) {
        return new String[] {"run", "--robot", robot.toString(), "--duration", "0.1"};
    }

    private static Path write(final Path file, final String text) {
        try {
            return Files.writeString(file, text);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] policyBytes() {
        try {
            return Files.readAllBytes(POLICY);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writePolicy(final Path directory, final byte[] bytes) {
        try {
            return Files.write(directory.resolve("p.policy"), bytes);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] flip(final byte[] bytes, final int offset) {
        bytes[offset] ^= 0x04;
        return bytes;
    }
}
