package dev.sparring.tests.fleet;

import dev.sparring.controller.ChildJvm;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.ShippedAckFile;
import dev.sparring.fleet.cli.RobotCli;
import dev.sparring.trainer.cli.TrainerCli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.aeron.CommonContext;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13's fault tests across hosts: a robot's experience log, written while it is shipped, goes from {@code fleet
 * ship} in a robot network namespace to {@code fleet receive} in a trainer namespace, each a process of its own
 * (the built class path, {@link ChildJvm}), through a link namespace between them ({@link ThreeHostNetwork}); each
 * scenario breaks something on the way and then checks that the trainer's copy, read with
 * {@link ExperienceLogReader}, equals the robot's log record for record (same count, no duplicate, same order).
 *
 * <p>Loss and delay come from {@link UdpRelay}, a user-space relay in the link namespace with a seeded random
 * generator, because this machine's kernel has no {@code tc netem} ("qdisc kind unknown"). Both directions of both
 * channels go through it: RECORDs and HELLOs one way and Aeron's status messages and NAKs back; ACKs and REWINDs on
 * the reply channel the other way. The link going down is {@code ip link set ... down} in the link namespace.
 *
 * <p>Needs root and iproute2 ({@code .ci/run} installs it); skipped with the reason otherwise. The namespaces and
 * their hosts files are created here and removed after the class, also when a scenario fails; each scenario's
 * processes are killed after it. Waiting is polling with a deadline; the only fixed waits are the faults' durations.
 */
@Tag("slow")
class FleetFaultTest {
    private static final String ROBOT = "robot-1";
    private static final int RECEIVER_PORT = 40_123;
    private static final int REPLY_PORT = 40_200;
    private static final int RECORDS_PER_S = 200;
    private static final long DEADLINE_S = 60;

    @TempDir
    static Path root;
    private static ThreeHostNetwork network;

    private final List<Child> children = new ArrayList<>();

    @BeforeAll
    static void createNetwork() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
            || Files.isExecutable(Path.of("/usr/bin/ip")), "iproute2's ip is not installed (apt-get install iproute2)");
        assumeTrue("0".equals(ThreeHostNetwork.run("id", "-u").strip()),
            "network namespaces need root; this test runs as uid " + ThreeHostNetwork.run("id", "-u").strip());
        final String prefix = "sp" + ProcessHandle.current().pid();
        try {
            network = ThreeHostNetwork.create(prefix);
        } catch (final IOException e) {
            assumeTrue(false, "cannot create network namespaces here (" + e.getMessage() + ")");
        }
    }

    @AfterAll
    static void removeNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @AfterEach
    void killChildren() throws InterruptedException {
        for (final Child child : children) {
            child.kill();
        }
    }

    @Test
    void shouldCopyEveryRecordOnceInOrderThrough5PercentLossAnd50MsDelay() throws Exception {
        final Scenario s = new Scenario("loss", 2_000, 0.05, 50, 0.0);
        s.startAll();
        s.go();
        s.finish();
    }

    @Test
    void shouldCopyEveryRecordOnceInOrderWhenTheLinkIsDownFor10SecondsMidRun() throws Exception {
        final Scenario s = new Scenario("link-down", 2_400, 0, 0, 0);
        s.startAll();
        s.go();
        s.awaitLogHolds(600);
        network.trainerLink(false);
        try {
            TimeUnit.SECONDS.sleep(10); // the fault's duration
        } finally {
            network.trainerLink(true);
        }
        s.finish();
    }

    @Test
    void shouldCopyEveryRecordOnceInOrderWhenTheReceiverIsKilledAndRestarted() throws Exception {
        final Scenario s = new Scenario("receiver-kill", 2_000, 0, 0, 0);
        s.startAll();
        s.go();
        s.awaitLogHolds(500);
        s.receiver.kill();
        TimeUnit.SECONDS.sleep(2); // the trainer host is down for a while; the robot keeps logging
        s.receiver = s.startReceiver();
        s.finish();
    }

    @Test
    void shouldCopyEveryRecordOnceInOrderWhenTheRobotsShipperAndLoggerAreKilledAndRestarted() throws Exception {
        final Scenario s = new Scenario("robot-kill", 2_000, 0, 0, 0);
        s.startAll();
        s.go();
        s.awaitLogHolds(500);
        s.shipper.kill();
        s.writer.kill();
        s.writer = s.startWriter();
        s.shipper = s.startShipper();
        s.go();
        s.finish();
    }

    @Test
    void shouldCopyEveryRecordOnceInOrderWhenTheReceiverFallsBehind() throws Exception {
        final Scenario s = new Scenario("receiver-stalls", 2_000, 0, 0, 0);
        s.startAll();
        s.go();
        s.awaitLogHolds(400);
        ThreeHostNetwork.run("kill", "-STOP", Long.toString(s.receiver.process.pid()));
        try {
            TimeUnit.SECONDS.sleep(5); // the receiver does nothing for 5 s while the robot logs 1 000 records
        } finally {
            ThreeHostNetwork.run("kill", "-CONT", Long.toString(s.receiver.process.pid()));
        }
        s.finish();
    }

    /** One robot, one shipper, one relay, one receiver; what a test breaks in between is its own. */
    private final class Scenario {
        final String name;
        final int total;
        final Path directory;
        final Path log;
        final Path out;
        final long startNs = System.nanoTime();
        Child relay;
        Child writer;
        Child shipper;
        Child receiver;
        String faultAt = "no fault point";

        Scenario(final String name, final int total, final double loss, final long delayMs, final double reorder)
            throws IOException {
            this.name = name;
            this.total = total;
            directory = Files.createDirectories(root.resolve(name));
            log = directory.resolve("robot").resolve(ROBOT);
            out = directory.resolve("trainer");
            relay = start("relay", network.link, UdpRelay.class, "13", Double.toString(loss),
                Long.toString(delayMs), Double.toString(reorder),
                ThreeHostNetwork.LINK_ROBOT_SIDE + ":" + RECEIVER_PORT + "="
                    + ThreeHostNetwork.TRAINER_ADDRESS + ":" + RECEIVER_PORT,
                ThreeHostNetwork.LINK_TRAINER_SIDE + ":" + REPLY_PORT + "="
                    + ThreeHostNetwork.ROBOT_ADDRESS + ":" + REPLY_PORT);
        }

        void startAll() throws IOException {
            relay.awaitSaid("relay: ready");
            receiver = startReceiver();
            writer = startWriter();
            shipper = startShipper();
            receiver.awaitSaid("fleet receive: listening");
        }

        /** Once the receiver has told the shipper where to resume, the writer paces the rest of its records. */
        void go() throws IOException {
            shipper.awaitSaid("fleet ship: shipping ");
            writer.go();
        }

        Child startWriter() throws IOException {
            final Child started = start("writer", network.robot, PacedLogWriter.class, log.toString(),
                Integer.toString(total), Integer.toString(RECORDS_PER_S));
            started.awaitSaid("writer: waiting for go");
            return started;
        }

        /** Starts fleet ship on the writer's log (which must exist) and waits until it has started. */
        Child startShipper() throws IOException {
            final Child started = start("shipper", network.robot, RobotCli.class, "fleet", "ship", "--log", log.toString(),
                "--robot", ROBOT, "--to", ThreeHostNetwork.LINK_ROBOT_SIDE + ":" + RECEIVER_PORT,
                "--reply", ThreeHostNetwork.ROBOT_REPLY_HOST + ":" + REPLY_PORT);
            started.awaitSaid("fleet ship: '" + ROBOT + "' from");
            return started;
        }

        Child startReceiver() throws IOException {
            return start("receiver", network.trainer, TrainerCli.class, "fleet", "receive", "--listen",
                ThreeHostNetwork.TRAINER_ADDRESS + ":" + RECEIVER_PORT, "--out", out.toString());
        }

        private Child start(final String role, final String ns, final Class<?> main, final String... args)
            throws IOException {
            final Path output = directory.resolve(role + "-" + children.size() + ".out");
            final Process process = new ProcessBuilder(ThreeHostNetwork.in(ns, ChildJvm.command(main, args)))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            final Child child = new Child(this, role, process, output);
            children.add(child);
            return child;
        }

        /**
         * Waits until the robot's log holds at least {@code records} (the writer paces them, so a fault that follows
         * lands while the robot is still logging); notes where the log and the copy were.
         */
        void awaitLogHolds(final int records) {
            final int[] logged = {0};
            await(() -> (logged[0] = records(log, true).size()) >= records, "the robot's log to hold " + records
                + " records");
            faultAt = "fault at " + records(copy(), true).size() + " records copied of " + logged[0] + " logged";
        }

        /**
         * Waits for the writer to end and the copy to equal the log, stops the shipper, receiver and relay (their
         * summaries), checks the copy again and prints the scenario's counters.
         */
        void finish() throws Exception {
            await(() -> !writer.process.isAlive(), "the writer to write " + total + " records");
            assertEquals(0, writer.process.exitValue(), "the writer failed: " + writer.tail());
            final List<String> expected = records(log, false);
            assertEquals(total, expected.size(), "records in the robot's log");
            assertEquals(total, new HashSet<>(expected).size(), "the robot's log holds a record twice");
            final long lastIndex = lastIndex(log);
            await(() -> records(copy(), true).size() >= expected.size() && ShippedAckFile.read(log) == lastIndex,
                "the copy to hold the robot's log and shipped.ack to name its last index 0x"
                    + Long.toHexString(lastIndex));
            final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs);
            final String shipped = shipper.stop("fleet ship: '" + ROBOT + "' shipped");
            final String received = receiver.stop("  " + ROBOT);
            final String relayed = relay.stop("relay: forwarded");
            final List<String> copied = records(copy(), false);
            assertEquals(expected.size(), copied.size(), "records in the copy");
            assertEquals(expected, copied, "the copy differs from the robot's log (a duplicate, a gap or the order)");
            System.out.printf("FleetFaultTest %s: %d records in %d s, %s%n  %s%n  %s%n  %s%n", name, total, seconds,
                faultAt, shipped, received, relayed);
        }

        private Path copy() {
            return out.resolve(ROBOT);
        }

        void await(final BooleanSupplier condition, final String what) {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() - deadlineNs > 0) {
                    fail("scenario " + name + ": waited " + DEADLINE_S + " s for " + what + "; robot log "
                        + records(log, true).size() + " records, copy " + records(copy(), true).size() + "\n"
                        + tails());
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(200); // a poll interval, not a wait for something
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }

        private String tails() {
            final StringBuilder text = new StringBuilder();
            for (final Child child : children) {
                text.append("--- ").append(child.role).append(" (").append(child.output.getFileName()).append("):\n")
                    .append(child.tail());
            }
            return text.toString();
        }
    }

    /**
     * Each record as "type episode step timestamp length checksum": equal strings, equal bytes (CRC-32C).
     *
     * @param live true while a process writes the log: a cycle file it is creating reads as damaged for a moment
     *             (its header not complete yet), and the records read so far are what it holds; false once the
     *             writers have stopped, when damage fails the test.
     */
    private static List<String> records(final Path directory, final boolean live) {
        final List<String> records = new ArrayList<>();
        if (!hasCycleFiles(directory)) {
            return records;
        }
        try (ExperienceLogReader reader = ExperienceLogReader.open(directory, e -> {
            if (!live) {
                fail("the log at " + directory + " reads as damaged: " + e);
            }
        }).fromStart()) {
            int read;
            do {
                read = reader.poll(r -> records.add(describe(r)), 1024);
            } while (read > 0);
        }
        return records;
    }

    private static boolean hasCycleFiles(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        } catch (final IOException e) {
            throw new IllegalStateException("cannot list " + directory, e);
        }
    }

    private static String describe(final ExperienceRecordFlyweight r) {
        return r.type() + " " + r.episodeId() + " " + r.stepIndex() + " " + r.timestampNs() + " " + r.length() + " "
            + Integer.toHexString(r.checksum());
    }

    private static long lastIndex(final Path log) {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(log.toFile()).readOnly(true)
            .rollCycle(ExperienceLogConfig.DEFAULT_ROLL_CYCLE).build()) {
            return queue.lastIndex();
        }
    }

    /** A child process in a namespace of a scenario, its output in a file. */
    private record Child(Scenario scenario, String role, Process process, Path output) {
        /** Waits until the process has printed a line starting with {@code prefix}. */
        void awaitSaid(final String prefix) {
            scenario.await(() -> {
                assertTrue(process.isAlive() || said(prefix), role + " ended before saying '" + prefix + "': "
                    + tail());
                return said(prefix);
            }, role + " to say '" + prefix + "'");
        }

        private boolean said(final String prefix) {
            try {
                return Files.readAllLines(output, StandardCharsets.UTF_8).stream().anyMatch(l -> l.startsWith(prefix));
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot read " + output, e);
            }
        }

        /** Sends a line to the process's standard input. */
        void go() throws IOException {
            process.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
        }

        /** SIGTERM, then its output's line starting with {@code prefix} (its summary). */
        String stop(final String summaryPrefix) throws Exception {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), role + " did not stop on SIGTERM: " + tail());
            final List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(summaryPrefix)) {
                    return lines.get(i).strip();
                }
            }
            return role + ": no summary line; " + tail();
        }

        /** {@code kill -9}, and removes the embedded media driver's directory the process leaves behind. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            for (final String command : List.of("ship", "receive")) {
                final Path driver = Path.of(CommonContext.getAeronDirectoryName() + "-sparring-" + command + "-"
                    + process.pid());
                try {
                    IoUtil.delete(driver.toFile(), true);
                } catch (final RuntimeException e) {
                    System.err.println("FleetFaultTest: cannot remove " + driver + ": " + e.getMessage());
                }
            }
        }

        String tail() {
            try {
                final List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())) + "\n";
            } catch (final IOException e) {
                return "(no output: " + e.getMessage() + ")\n";
            }
        }
    }
}
