package dev.sparring.controller.cli;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.log.DamagedQueues;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.controller.policy.RandomPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line end to end: a short real run, and bad input turned into one clear line and exit code 2. */
class SparringCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        return SparringCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static String robot(final String name) {
        return CartPoleRig.ROOT.resolve("robots").resolve(name).toString();
    }

    @Test
    void shouldRunTheCartPoleAndPrintTheSummary() {
        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--rate", "2000", "--duration", "0.2"));
        final String text = out.toString();
        assertTrue(text.contains("with policy 'cartpole-lqr' (4 → 1 identity) at 2000 Hz (the policy every 2 ticks, "
            + "at 1000 Hz)"), text);
        assertTrue(text.matches("(?s).*ticks\\s+\\d+.*overruns\\s+\\d+.*jitter\\s+p50 .* p99 .* p99\\.9 .* max .*"),
            text);
        assertTrue(text.contains("faults           0"), text);
        assertTrue(text.contains("never terminated"), text);
        assertTrue(text.contains("SCHED_FIFO not requested"), text);
    }

    @Test
    void shouldLogEveryTickOfARunAndInspectTheLog(@TempDir final Path dir) {
        final Path log = dir.resolve("cartpole-log");
        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--duration", "0.2", "--log",
            log.toString(), "--log-sync", "PER_EPISODE"));
        final String text = out.toString();
        final long ticks = Long.parseLong(text.replaceAll("(?s).*ticks\\s+(\\d+).*", "$1"));
        assertTrue(text.contains("experience log   " + (ticks + 2) + " records written to " + log + ", 0 dropped"),
            "one step per tick plus the episode start and end markers:\n" + text);
        assertEquals(0, run("log", "inspect", log.toString()));
        assertTrue(out.toString().contains("STEP: " + ticks), out.toString());
    }

    @Test
    void shouldRefuseALogThatIsAFileBeforeTheLoopStarts(@TempDir final Path dir) throws Exception {
        final Path file = Files.writeString(dir.resolve("notes.txt"), "not a log");
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--duration", "0.2",
            "--log", file.toString()));
        assertTrue(err.toString().contains("experience log " + file + " is a file, not a directory"), err.toString());
        assertFalse(out.toString().contains("running"), "refused before the loop: " + out);
    }

    @Test
    void shouldRefuseADamagedLogUnlessToldToContinueAndReportOnlyReadableRecordsAsWritten(@TempDir final Path dir) {
        final Path log = dir.resolve("log");
        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--duration", "0.2", "--log",
            log.toString()));
        final long written = recordsWritten(out.toString());
        assertEquals(written, readable(log), "every record reported written is read back");
        final Path file = DamagedQueues.cycleFile(log);
        DamagedQueues.truncate(file, DamagedQueues.excerptPositions(file).get(40) + 8);
        final long readableBefore = readable(log);

        out.getBuffer().setLength(0);
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--duration", "0.2",
            "--log", log.toString()));
        assertTrue(err.toString().contains("is damaged") && err.toString().contains("--log-continue-after-damage"),
            err.toString());
        assertFalse(out.toString().contains("running"), "refused before the loop: " + out);

        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--duration", "0.2", "--log",
            log.toString(), "--log-continue-after-damage"));
        final long appended = recordsWritten(out.toString());
        assertEquals(readableBefore + appended, readable(log), "the appended records are all readable");
    }

    private static long recordsWritten(final String summary) {
        return Long.parseLong(summary.replaceAll("(?s).*experience log\\s+(\\d+) records written.*", "$1"));
    }

    private static long readable(final Path log) {
        long total = 0;
        try (ExperienceLogReader reader = ExperienceLogReader.open(log, error -> { })) {
            int n;
            while ((n = reader.poll(record -> { }, 1000)) > 0) {
                total += n;
            }
        }
        return total;
    }

    @Test
    void shouldRejectBadLogOptions(@TempDir final Path dir) {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--log",
            dir.toString(), "--log-max-gib", "-1"));
        assertTrue(err.toString().contains("retentionMaxGiB must be finite and >= 0"), err.toString());
    }

    @Test
    void shouldRejectAMissingRobotFileWithExitCodeTwo() {
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", "no/such.yaml"));
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--port", "/dev/ttyACM0"));
        assertTrue(err.toString().contains("--port applies to a bridge robot (backend: bridge)"), err.toString());
        assertTrue(err.toString().contains("robot description no/such.yaml: does not exist"), err.toString());
    }

    @Test
    void shouldRejectAPolicyOfTheWrongShapeNamingBothSizes(@TempDir final Path dir) throws Exception {
        final Path policy = dir.resolve("walker.policy");
        PolicyWriter.write(RandomPolicies.create(1, 17, new int[] {8}, 6, Activation.TANH), policy);
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--policy",
            policy.toString()));
        assertTrue(err.toString().contains("takes 17 observations and gives 6 actions, but robot 'cartpole' maps 4"),
            err.toString());
    }

    @Test
    void shouldRejectACorruptPolicyAndAnOutOfRangeRate(@TempDir final Path dir) throws Exception {
        final Path policy = dir.resolve("broken.policy");
        Files.writeString(policy, "definitely not a policy");
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--policy",
            policy.toString()));
        assertTrue(err.toString().contains("does not start with the policy magic"), err.toString());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--rate", "20000"));
        assertTrue(err.toString().contains("--rate must be a number in [10.0, 10000.0], was 20000.0"), err.toString());
    }

    @Test
    void shouldInspectThePolicyFile() {
        assertEquals(0, run("policy", "inspect", CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy").toString()));
        assertTrue(out.toString().contains("valid, 'cartpole-lqr' (4 → 1 identity)"), out.toString());
    }

    private static Path lqrVariant(final Path dir, final String name, final Map<String, String> metadata)
        throws Exception {
        final Path policy = dir.resolve(name);
        PolicyWriter.write(RandomPolicies.withMetadata(PolicyReader.read(CartPoleRig.ROOT.resolve(
            "policies/cartpole-lqr.policy")), metadata), policy);
        return policy;
    }

    @Test
    void shouldListTheIdOfEveryPolicyThatAppendedToALog(@TempDir final Path dir) throws Exception {
        final Path log = dir.resolve("log");
        final Path variant = lqrVariant(dir, "variant.policy", Map.of("name", "cartpole-lqr-variant"));
        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--duration", "0.05", "--log", log.toString()));
        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--policy", variant.toString(), "--duration",
            "0.05", "--log", log.toString()));
        final String bundledId = HexFormat.of().toHexDigits(PolicyWriter.id(PolicyReader.read(
            CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy"))));
        final String variantId = HexFormat.of().toHexDigits(PolicyWriter.id(PolicyReader.read(variant)));
        assertNotEquals(bundledId, variantId);
        assertEquals(0, run("log", "inspect", log.toString()));
        assertTrue(out.toString().contains("policies (id/version): " + List.of(bundledId + "/1", variantId + "/1")
            .stream().sorted().toList()), out.toString());
        assertEquals(0, run("policy", "inspect", variant.toString()));
        assertTrue(out.toString().contains("id in experience logs: " + variantId), out.toString());
    }

    @Test
    void shouldRefuseAPolicyTrainedForAnotherRobotUnlessAllowed(@TempDir final Path dir) throws Exception {
        final Path policy = lqrVariant(dir, "other.policy", Map.of("robot", "robots/inverted_pendulum.yaml"));
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--policy",
            policy.toString(), "--duration", "0.05"));
        assertTrue(err.toString().contains("was trained for robot 'inverted_pendulum' (its metadata: robot = "
            + "robots/inverted_pendulum.yaml), but this is robot 'cartpole'"), err.toString());
        assertTrue(err.toString().contains("--allow-robot-mismatch"), err.toString());
        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--policy", policy.toString(), "--duration",
            "0.05", "--allow-robot-mismatch"));
        assertTrue(out.toString().contains("warning: policy " + policy + " was trained for robot 'inverted_pendulum'"),
            out.toString());
    }

    @Test
    void shouldRunThePolicyAtItsTrainedPeriodAndRefuseALoopRateThatIsNoMultipleOfIt(@TempDir final Path dir)
        throws Exception {
        final Path policy = lqrVariant(dir, "slow.policy", Map.of("control_period_s", "0.04"));
        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--policy", policy.toString(), "--duration",
            "0.05"));
        assertTrue(out.toString().contains("at 1000 Hz (the policy every 40 ticks, at 25 Hz)"), out.toString());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--policy",
            policy.toString(), "--rate", "330"));
        assertTrue(err.toString().contains("was trained at 25 Hz (metadata control_period_s = 0.04), but the loop runs "
            + "at 330 Hz, which is not a whole multiple of it"), err.toString());
    }

    @Test
    void shouldWarnWhenThePolicyDoesNotSayItsPeriod(@TempDir final Path dir) throws Exception {
        final Path policy = dir.resolve("random.policy");
        PolicyWriter.write(RandomPolicies.create(1, 4, new int[] {8}, 1, Activation.TANH), policy);
        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--policy", policy.toString(), "--duration",
            "0.05"));
        assertTrue(out.toString().contains("warning: policy " + policy + " does not say the period it was trained at "
            + "(no control_period_s in its metadata): it is evaluated on every tick, at 1000 Hz"), out.toString());
    }

    @Test
    void shouldExploreAPolicyWithItsStdOnlyWhenAskedAndRefuseOneWithout(@TempDir final Path dir) throws Exception {
        final Path policy = dir.resolve("gaussian.policy");
        PolicyWriter.write(PolicyReader.read(CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy"))
            .withActionLogStd(new float[] {-2f}), policy);
        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--policy", policy.toString(), "--duration",
            "0.05", "--simulated-time", "--explore", "--explore-seed", "3"));
        assertTrue(out.toString().contains("at 1000 Hz for 0.1 s, exploring: sample (seed 3), on simulated time"),
            out.toString());
        assertEquals(0, run("policy", "inspect", policy.toString()));
        assertTrue(out.toString().contains("exploration std (network-output units, run --explore): [0.1353]"),
            out.toString());
        assertEquals(0, run("run", "--robot", robot("cartpole.yaml"), "--policy", policy.toString(), "--duration",
            "0.05", "--simulated-time"));
        assertFalse(out.toString().substring(out.toString().lastIndexOf("running")).contains("exploring"),
            "deterministic unless asked: " + out);
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--duration", "0.05",
            "--explore"));
        assertTrue(err.toString().contains("exploring (--explore) samples the policy's Gaussian, but policy "),
            err.toString());
        assertEquals(SparringCli.EXIT_BAD_INPUT, run("run", "--robot", robot("cartpole.yaml"), "--explore-seed", "4"));
        assertTrue(err.toString().contains("--explore-seed needs --explore"), err.toString());
    }

    @Test
    void shouldLeaveOutTheRunningLineButKeepTheSummaryUnderQuiet() {
        assertEquals(0, run("--quiet", "run", "--robot", robot("cartpole.yaml"), "--duration", "0.05",
            "--simulated-time"));
        assertFalse(out.toString().contains("running"), out.toString());
        assertTrue(out.toString().contains("ticks"), out.toString());
    }
}
