package dev.sparring.trainer.colearn.fleet;

import dev.sparring.controller.trust.TrustList;
import dev.sparring.fleet.LogShipper;
import dev.sparring.fleet.LogShipperConfig;
import dev.sparring.fleet.PolicyDirectory;
import dev.sparring.fleet.PolicyInbox;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.algo.ParallelRunner;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The robots of a distributed fleet run, in one process (the simulated fleet's host): each robot runs window after
 * window on simulated time ({@link FleetRobot}) and its {@link LogShipper} ships its log to its supervisor's process
 * ({@link SupervisorHost}, at the address given for it). After each window, once every record is acknowledged, the
 * host tells each supervisor the window is delivered ({@link WindowSignal}) and waits for every robot's next policy:
 * signed by a key on the trust list, verified, written to {@code OUT/policies/<robot>.policy}
 * ({@link PolicyDirectory}) and taken up at the robot's next episode. The robots start with the run's initial
 * policies, made from the seed exactly as the supervisors make them.
 */
public final class RobotsHost implements AutoCloseable {
    private static final long WAIT_NS = TimeUnit.MINUTES.toNanos(5);

    private final FleetConfig config;
    private final FleetDescription fleet;
    private final List<String> supervisors;
    private final String replyHost;
    private final Aeron aeron;
    private final TrustList trust;
    private final PrivateKey robotKey;
    private final Path out;
    private final Consumer<String> notices;
    private final ShipperSet shippers = new ShipperSet();
    private final ExclusivePublication[] signals;
    private final UnsafeBuffer signal = new UnsafeBuffer(new byte[WindowSignal.MAX_TEXT_BYTES + 64]);
    private FleetRobot[] robots = new FleetRobot[0];

    /**
     * @param config      the run's settings (each supervisor must run the same).
     * @param fleet       the robots.
     * @param supervisors each supervisor's endpoint, HOST:PORT, in supervisor order.
     * @param replyHost   the address of this host the supervisors reach it at (ACKs and policies come back there).
     * @param aeron       a connected Aeron client.
     * @param trust       the keys the robots trust to sign their policies.
     * @param robotKey    the key the robots prove themselves with to an allow-list, or null.
     * @param out         where the robots' logs and policies go.
     * @param notices     receives the shippers' and the policy inbox's notices and each window's line.
     */
    public RobotsHost(final FleetConfig config, final FleetDescription fleet, final List<String> supervisors,
        final String replyHost, final Aeron aeron, final TrustList trust, final PrivateKey robotKey, final Path out,
        final Consumer<String> notices) {
        if (supervisors.size() != config.supervisors()) {
            throw new IllegalArgumentException(supervisors.size() + " supervisor addresses given for "
                + config.supervisors() + " supervisors: give one per supervisor, in order");
        }
        this.config = config;
        this.fleet = fleet;
        this.supervisors = List.copyOf(supervisors);
        this.replyHost = replyHost;
        this.aeron = aeron;
        this.trust = trust;
        this.robotKey = robotKey;
        this.out = out;
        this.notices = notices;
        this.signals = new ExclusivePublication[supervisors.size()];
        try {
            for (int s = 0; s < signals.length; s++) {
                signals[s] = aeron.addExclusivePublication("aeron:udp?endpoint=" + supervisors.get(s),
                    WindowSignal.STREAM_ID);
            }
        } catch (final RuntimeException e) {
            CloseHelper.quietCloseAll(signals);
            throw e;
        }
    }

    /**
     * Runs the whole budget, or until {@code running} turns false.
     *
     * @param running false to stop early.
     * @return the windows run.
     * @throws IOException when a file cannot be written or a policy read.
     * @throws IllegalStateException when a supervisor does not answer in time (what was awaited is named).
     */
    public long run(final BooleanSupplier running) throws IOException {
        final Env task = Tasks.create(fleet.task(), 0.0);
        final int n = config.robots();
        final int[] types = fleet.assignTypes(n, SplitMix64.derive(config.seed(), 3_000_000L));
        final Path initial = out.resolve("initial-policies");
        final Path policies = out.resolve("policies");
        Files.createDirectories(initial);
        Files.createDirectories(policies);
        final PolicyArrivals arrivals = new PolicyArrivals(new PolicyDirectory(policies, trust, notices), n);
        robots = new FleetRobot[n];
        try (ParallelRunner runner = new ParallelRunner(1, "fleet-initial-policy")) {
            for (int i = 0; i < n; i++) {
                final Path policy = initial.resolve(RobotLearning.nameOf(i) + ".policy");
                try (RobotLearning learning = RobotLearning.create(config, task, i, types[i], runner)) {
                    learning.exportPolicy(policy);
                }
                robots[i] = new FleetRobot(i, fleet.robot(types[i], SplitMix64.derive(config.seed(), 3L * i + 1)),
                    policy, out.resolve("logs").resolve(RobotLearning.nameOf(i)),
                    SplitMix64.derive(config.seed(), 3L * i + 2));
                final FleetRobot robot = robots[i];
                shippers.add(robot.name(), new LogShipper(LogShipperConfig.of(robot.name(), robot.logDirectory(),
                    "aeron:udp?endpoint=" + supervisors.get(config.supervisorOf(i)) + "|term-length=1m",
                    "aeron:udp?endpoint=" + replyHost + ":0"), aeron, SystemNanoClock.INSTANCE,
                    notice -> notices.accept(robot.name() + ": " + notice), robotKey, arrivals),
                    robot::recordsWritten);
            }
        }
        final String settings = WindowSignal.settingsOf(config, fleet);
        for (int s = 0; s < signals.length; s++) {
            send(s, WindowSignal.encodeRun(signal, settings), "supervisor " + s + " to take the run's settings");
        }
        final long windows = config.windows();
        long w = 0;
        for (; w < windows && running.getAsBoolean(); w++) {
            for (final FleetRobot robot : robots) {
                robot.run(config.windowSteps());
            }
            final long window = w;
            shippers.pumpUntil(shippers::allAcknowledged, WAIT_NS, () -> "window " + window + "'s records to reach "
                + "the supervisors");
            for (int s = 0; s < signals.length; s++) {
                send(s, WindowSignal.encodeWindow(signal, w), "supervisor " + s + " to take window " + w);
            }
            final long policy = w + 1;
            shippers.pumpUntil(() -> arrivals.allAtLeast(policy), WAIT_NS, () -> "every robot's policy after "
                + "window " + window + " (" + arrivals.missing(policy) + ")");
            for (final FleetRobot robot : robots) {
                robot.takePolicy(arrivals.file(robot.name()));
            }
            notices.accept(String.format(Locale.ROOT, "window %d of %d: run, delivered, %d policies taken up", w + 1,
                windows, n));
        }
        if (w == windows) {
            for (int s = 0; s < signals.length; s++) {
                send(s, WindowSignal.encodeWindow(signal, windows), "supervisor " + s + " to take the run's end");
            }
        }
        return w;
    }

    private void send(final int supervisor, final int length, final String what) {
        shippers.pumpUntil(() -> signals[supervisor].offer(signal, 0, length) > 0, WAIT_NS, () -> what + " (is it "
            + "running at " + supervisors.get(supervisor) + "?)");
    }

    @Override
    public void close() {
        shippers.close();
        CloseHelper.closeAll(robots);
        CloseHelper.closeAll(signals);
    }

    /** The policies that arrive, verified and written, counted per robot. */
    private static final class PolicyArrivals implements PolicyInbox {
        private final PolicyDirectory directory;
        private final long[] sequences;
        private final Map<String, Integer> indexOf = new HashMap<>();

        PolicyArrivals(final PolicyDirectory directory, final int robots) {
            this.directory = directory;
            this.sequences = new long[robots];
            for (int i = 0; i < robots; i++) {
                indexOf.put(RobotLearning.nameOf(i), i);
            }
        }

        @Override
        public void onPolicy(final String robot, final long sequence, final byte[] policy, final byte[] signature) {
            final long before = directory.written();
            directory.onPolicy(robot, sequence, policy, signature);
            final Integer index = indexOf.get(robot);
            if (directory.written() > before && index != null) {
                sequences[index] = Math.max(sequences[index], sequence);
            }
        }

        boolean allAtLeast(final long sequence) {
            return Arrays.stream(sequences).allMatch(s -> s >= sequence);
        }

        String missing(final long sequence) {
            final StringBuilder text = new StringBuilder();
            for (int i = 0; i < sequences.length; i++) {
                if (sequences[i] < sequence) {
                    text.append(text.isEmpty() ? "still waiting for " : ", ").append(RobotLearning.nameOf(i));
                }
            }
            return text.isEmpty() ? "all arrived" : text.toString() + (directory.refused() == 0 ? ""
                : "; " + directory.refused() + " refused, see the notices");
        }

        Path file(final String robot) {
            return directory.policyFile(robot);
        }
    }
}
