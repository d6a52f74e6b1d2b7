package dev.sparring.trainer.colearn.fleet;

import dev.sparring.controller.trust.PolicySignature;
import dev.sparring.fleet.AllowList;
import dev.sparring.fleet.FleetReceiver;
import dev.sparring.fleet.FleetReceiverConfig;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.trainer.algo.ParallelRunner;
import dev.sparring.trainer.colearn.LoggedWindow;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

/**
 * One supervisor of a fleet run as its own process (its own host): a {@link FleetReceiver} takes its robots' logs
 * over Aeron into {@code OUT/received/<robot>/}; each time the robots host says a window is delivered
 * ({@link WindowSignal}), it reads its robots' windows from the copies, decides who shares with whom and has each
 * robot's learner update ({@link Supervisor}, as in a one-process run), then signs each new policy with its key and
 * publishes it to its robot over Aeron. Its robots' rows of {@code metrics.csv}, {@code windows.csv},
 * {@code fidelity.csv} and {@code events.txt} go to {@code OUT/}, the same rows a one-process run writes for them.
 */
public final class SupervisorHost implements AutoCloseable {
    private final FleetConfig config;
    private final FleetDescription fleet;
    private final int index;
    private final Path out;
    private final KeyPair signing;
    private final Consumer<String> notices;
    private final FleetReceiver receiver;
    private final Subscription signals;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onSignal);
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
    private String runSettings;
    private long deliveredWindow = -1;
    private String problem;

    /**
     * Starts listening.
     *
     * @param config    the run's settings (the robots host must run the same).
     * @param fleet     the robots.
     * @param index     this supervisor's index; its robots are {@link FleetConfig#firstRobot} of it to the next's.
     * @param aeron     a connected Aeron client.
     * @param channel   the channel to listen on, e.g. {@code aeron:udp?endpoint=0.0.0.0:40200}.
     * @param allow     the robots accepted and their keys, or null for all.
     * @param signing   the key pair whose private key signs the policies (the robots trust its public key).
     * @param out       where the copies, the policies and the rows go.
     * @param notices   receives the receiver's notices and each window's line.
     */
    public SupervisorHost(final FleetConfig config, final FleetDescription fleet, final int index, final Aeron aeron,
        final String channel, final AllowList allow, final KeyPair signing, final Path out,
        final Consumer<String> notices) {
        if (index < 0 || index >= config.supervisors()) {
            throw new IllegalArgumentException("supervisor index must be in [0, " + config.supervisors() + "), was "
                + index);
        }
        this.config = config;
        this.fleet = fleet;
        this.index = index;
        this.out = out;
        this.signing = signing;
        this.notices = notices;
        this.receiver = new FleetReceiver(FleetReceiverConfig.of(out.resolve("received"), channel, allow)
            .withSyncIntervalNs(TimeUnit.MILLISECONDS.toNanos(1)), aeron, SystemNanoClock.INSTANCE, new SecureRandom(),
            notices);
        try {
            this.signals = aeron.addSubscription(channel, WindowSignal.STREAM_ID);
        } catch (final RuntimeException e) {
            receiver.close();
            throw e;
        }
    }

    /**
     * @return where the receiver listens, HOST:PORT.
     */
    public String endpoint() {
        return receiver.endpoint();
    }

    /**
     * Serves the run: every window the robots host delivers, until it says the run is over (its robots hold their last
     * policies) or {@code running} turns false.
     *
     * @param running false to stop early.
     * @return the windows supervised.
     * @throws IOException when a file cannot be written.
     * @throws IllegalStateException when the robots host runs other settings, or signals out of order.
     */
    public long run(final BooleanSupplier running) throws IOException {
        Files.createDirectories(out.resolve("policies"));
        final Env task = Tasks.create(fleet.task(), 0.0);
        final long periodNs = Math.round(task.stepDurationS() * 1e9);
        final int from = config.firstRobot(index);
        final int to = config.firstRobot(index + 1);
        final int[] types = fleet.assignTypes(config.robots(), SplitMix64.derive(config.seed(), 3_000_000L));
        final RobotLearning[] learners = new RobotLearning[config.robots()];
        long supervised = 0;
        try (ParallelRunner runner = new ParallelRunner(Math.min(2, Runtime.getRuntime().availableProcessors()),
            "fleet-learner");
            PrintWriter metrics = writer("metrics.csv");
            PrintWriter fidelity = writer("fidelity.csv");
            PrintWriter events = writer("events.txt");
            PrintWriter digests = writer("windows.csv")) {
            metrics.println(FleetTraining.METRICS_HEADER);
            digests.println("window,robot,steps,digest");
            fidelity.println("window,supervisor,robots_with_features,pearson,spearman");
            for (int i = from; i < to; i++) {
                learners[i] = RobotLearning.create(config, task, i, types[i], runner);
                learners[i].readFrom(out.resolve("received").resolve(learners[i].name()));
            }
            final Supervisor supervisor = Supervisor.create(config, fleet, task, index,
                new SplitMix64(SplitMix64.derive(config.seed(), 2_000_000L)));
            final String expected = WindowSignal.settingsOf(config, fleet);
            notices.accept(String.format(Locale.ROOT, "supervisor %d of %d: robots %d..%d, listening on %s",
                index, config.supervisors(), from, to - 1, endpoint()));
            // the robots host signals window W (= the run's windows) when its robots hold the last policies
            while (running.getAsBoolean() && deliveredWindow < config.windows()) {
                idle.idle(receiver.doWork() + signals.poll(assembler, 16));
                if (problem != null) {
                    throw new IllegalStateException(problem);
                }
                if (runSettings != null && !runSettings.equals(expected)) {
                    throw new IllegalStateException("the robots host runs other settings than this supervisor:\n"
                        + "robots host:\n" + runSettings + "this supervisor:\n" + expected);
                }
                if (deliveredWindow < supervised || supervised == config.windows()) {
                    continue;
                }
                final int w = (int) supervised;
                final long endNs = (w + 1L) * config.windowSteps() * periodNs - periodNs;
                for (int i = from; i < to; i++) {
                    final LoggedWindow window = learners[i].read(endNs);
                    digests.printf(Locale.ROOT, "%d,%d,%d,%016x%n", w, i, window.steps(), window.digest());
                }
                supervisor.supervise(w, learners, metrics, fidelity, events);
                for (int i = from; i < to; i++) {
                    publish(learners[i]);
                }
                supervised++;
                notices.accept(String.format(Locale.ROOT, "window %d of %d: %d policies published", supervised,
                    config.windows(), to - from));
            }
        } finally {
            CloseHelper.closeAll(learners);
        }
        return supervised;
    }

    private void publish(final RobotLearning learner) throws IOException {
        final Path file = out.resolve("policies").resolve(learner.name() + ".policy");
        learner.exportPolicy(file);
        final byte[] policy = Files.readAllBytes(file);
        final PolicySignature signature;
        try {
            signature = PolicySignature.sign(signing, policy);
        } catch (final InvalidKeyException e) {
            throw new IllegalStateException("the signing key cannot sign: " + e.getMessage(), e);
        }
        signature.write(PolicySignature.fileOf(file));
        receiver.publishPolicy(learner.name(), policy, signature.format().getBytes(StandardCharsets.UTF_8));
    }

    private void onSignal(final DirectBuffer buffer, final int offset, final int length, final Header header) {
        switch (WindowSignal.kind(buffer, offset, length)) {
            case WindowSignal.RUN -> runSettings = WindowSignal.settings(buffer, offset);
            case WindowSignal.WINDOW -> {
                final long window = WindowSignal.window(buffer, offset);
                if (runSettings == null || window != deliveredWindow + 1) {
                    problem = "the robots host signalled window " + window + (runSettings == null
                        ? " before its settings" : " after window " + deliveredWindow) + ": restart both ends";
                } else {
                    deliveredWindow = window;
                }
            }
            default -> notices.accept("dropped a malformed signal of " + length + " bytes from "
                + header.sessionId());
        }
    }

    private PrintWriter writer(final String name) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(out.resolve(name), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        CloseHelper.closeAll(signals, receiver);
    }
}
