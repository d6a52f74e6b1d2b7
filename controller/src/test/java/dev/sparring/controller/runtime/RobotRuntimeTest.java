package dev.sparring.controller.runtime;

import dev.sparring.controller.CartPoleRig;
import dev.sparring.controller.Exploration;
import dev.sparring.controller.PreparedPolicy;
import dev.sparring.controller.log.ExperienceLog;
import dev.sparring.controller.log.ExperienceLogConfig;
import dev.sparring.controller.log.ExperienceLogReader;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.RecordType;
import dev.sparring.controller.loop.ControlLoop;
import dev.sparring.controller.loop.LoopSummary;
import dev.sparring.controller.loop.RealtimeSetup;
import dev.sparring.controller.policy.MlpExecutor;
import dev.sparring.controller.policy.PolicyFormatException;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.controller.policy.PolicyWriter;
import dev.sparring.controller.policy.RandomPolicies;
import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.trust.Ed25519;
import dev.sparring.controller.trust.PolicyRefusedException;
import dev.sparring.controller.trust.TestKeys;
import dev.sparring.hal.AllocationProbe;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime on the simulated cart-pole stepped on simulated time, as a fleet drives it: episodes of 50 ms reset
 * the plant, policies are replaced between episodes, and the log is read back to check what each record says.
 */
class RobotRuntimeTest {
    private static final long T0_NS = 5_000_000_000L;
    private static final Path LQR = CartPoleRig.ROOT.resolve("policies/cartpole-lqr.policy");
    private static final int UNEXECUTED = ExperienceRecordFlyweight.FLAG_SAFETY_FAULT
        | ExperienceRecordFlyweight.FLAG_ACTION_CLAMPED | ExperienceRecordFlyweight.FLAG_ACTION_RATE_LIMITED;

    /** One record as read back from the log. */
    private record Logged(RecordType type, int flags, long episode, long policyId, int policyVersion,
        double[] observation, double action, double logProbability) {
    }

    private static RobotDescription episodicCartPole(final String extraControl) throws Exception {
        final String yaml = Files.readString(CartPoleRig.ROOT.resolve("robots/cartpole.yaml"))
            .replace("on_episode_end: stop", "on_episode_end: reset\n  episode_time_limit_s: 0.05" + extraControl);
        return RobotDescription.parse("cartpole.yaml", CartPoleRig.ROOT.resolve("robots"), yaml);
    }

    private static RobotRuntime.Context context(final RobotDescription description, final Path log) {
        return new RobotRuntime.Context().description(description).log(ExperienceLogConfig.defaults(log)).robotId(42)
            .firstEpisodeId(100);
    }

    /** The LQR policy with its gains scaled: another policy of the same shape, period and robot. */
    private static PolicyModel scaled(final PolicyModel model, final float factor, final float[] logStd) {
        final float[] scale = model.actionScale();
        for (int i = 0; i < scale.length; i++) {
            scale[i] *= factor;
        }
        final int layers = model.layerCount();
        final int[] sizes = new int[layers];
        final Activation[] activations = new Activation[layers];
        final float[][] weights = new float[layers][];
        final float[][] biases = new float[layers][];
        for (int l = 0; l < layers; l++) {
            sizes[l] = model.layerSize(l);
            activations[l] = model.activation(l);
            weights[l] = model.weights(l);
            biases[l] = model.biases(l);
        }
        return new PolicyModel(model.observationSize(), sizes, activations, weights, biases, model.observationMean(),
            model.observationStd(), model.observationClip(), scale, model.actionOffset(), model.actionLow(),
            model.actionHigh(), logStd, Map.of("name", "cartpole-lqr-x" + factor, "rate_hz", "1000"));
    }

    private static List<Logged> read(final Path log) {
        final List<Logged> records = new ArrayList<>();
        try (ExperienceLogReader reader = ExperienceLogReader.open(log, error -> { })) {
            while (reader.poll(r -> {
                final double[] observation = new double[r.observationCount()];
                for (int i = 0; i < observation.length; i++) {
                    observation[i] = r.observation(i);
                }
                records.add(new Logged(r.type(), r.flags(), r.episodeId(), r.policyId(), r.policyVersion(),
                    observation, r.actionCount() == 0 ? Double.NaN : r.action(0), r.logProbability()));
            }, 256) > 0) {
                continue;
            }
        }
        return records;
    }

    private static double act(final MlpExecutor executor, final double[] observation) {
        final double[] action = new double[1];
        executor.act(observation, action);
        return action[0];
    }

    @Test
    void shouldRunANewPolicyFromTheEpisodeAfterTheRequestAndLogItsIdFromThatEpisodesFirstRecord(
        @TempDir final Path dir) throws Exception {
        final PolicyModel lqr = PolicyReader.read(LQR);
        final PolicyModel gentle = scaled(lqr, 0.5f, null);
        final Path next = dir.resolve("next.policy");
        PolicyWriter.write(gentle, next);
        final Path log = dir.resolve("log");
        final long lqrId = PolicyWriter.id(lqr);
        final long gentleId = PolicyWriter.id(gentle);
        try (RobotRuntime runtime = RobotRuntime.create(context(episodicCartPole(""), log))) {
            runtime.startSimulatedTime(T0_NS);
            assertEquals(lqrId, runtime.policyId());
            assertTrue(runtime.runEpisodes(2, 10_000) < 200, "two 50 ms episodes");
            runtime.step(10);
            final PreparedPolicy prepared = runtime.requestPolicy(next);
            assertEquals(gentleId, prepared.id());
            assertTrue(runtime.policyPending());
            assertEquals(lqrId, runtime.policyId(), "never within an episode");
            runtime.runEpisodes(1, 10_000);
            assertEquals(3, runtime.controller().tick().completedEpisodes());
            assertEquals(lqrId, runtime.policyId(), "the episode that ran when it was requested ended with the old");
            runtime.step(1);
            assertFalse(runtime.policyPending());
            assertEquals(gentleId, runtime.policyId(), "taken up as the next episode began");
            runtime.runEpisodes(1, 10_000);
        }
        final List<Logged> records = read(log);
        final MlpExecutor lqrExecutor = new MlpExecutor(lqr);
        final MlpExecutor gentleExecutor = new MlpExecutor(gentle);
        int compared = 0;
        int firstGentle = -1;
        for (int i = 0; i < records.size(); i++) {
            final Logged r = records.get(i);
            final boolean newPolicy = r.episode() >= 103;
            assertEquals(newPolicy ? gentleId : lqrId, r.policyId(), "record " + i + " " + r);
            assertEquals(newPolicy ? 2 : 1, r.policyVersion(), "record " + i);
            if (newPolicy && firstGentle < 0) {
                firstGentle = i;
            }
            if (r.type() == RecordType.STEP && (r.flags() & UNEXECUTED) == 0) {
                final double expected = act(newPolicy ? gentleExecutor : lqrExecutor, r.observation());
                final double other = act(newPolicy ? lqrExecutor : gentleExecutor, r.observation());
                assertEquals(expected, r.action(), 1e-4, "record " + i + " acts as its episode's policy");
                if (Math.abs(expected - other) > 1e-3) {
                    compared++;
                }
            }
        }
        assertTrue(compared > 100, "records where the two policies differ, were " + compared);
        assertEquals(RecordType.EPISODE_END, records.get(firstGentle - 1).type());
        assertEquals(102, records.get(firstGentle - 1).episode());
        assertEquals(RecordType.EPISODE_START, records.get(firstGentle).type());
        assertEquals(103, records.get(firstGentle).episode());
        assertEquals(RecordType.EPISODE_END, records.get(records.size() - 1).type());
        assertEquals(103, records.get(records.size() - 1).episode());
    }

    @Test
    void shouldHandAPolicyToTheLoopThreadOnRealTimeAndStopWhenTheEpisodesAreDone(@TempDir final Path dir)
        throws Exception {
        final PolicyModel gentle = scaled(PolicyReader.read(LQR), 0.5f, null);
        final Path next = dir.resolve("next.policy");
        PolicyWriter.write(gentle, next);
        final Path log = dir.resolve("log");
        try (RobotRuntime runtime = RobotRuntime.create(context(episodicCartPole(""), log))) {
            runtime.requestPolicy(next);
            final LoopSummary summary = runtime.runRealTime(ControlLoop.RUN_UNTIL_STOPPED, 2, RealtimeSetup.none(),
                warning -> { }, () -> { });
            assertEquals(ReturnCode.OK, runtime.stop());
            assertTrue(summary.ticks() > 0);
            assertEquals(2, runtime.controller().tick().completedEpisodes(), "the loop stops in the tick the second "
                + "episode ends");
            assertEquals(PolicyWriter.id(gentle), runtime.policyId(), "taken up as the first episode began");
        }
        for (final Logged r : read(log)) {
            assertEquals(PolicyWriter.id(gentle), r.policyId(), "every record, from the first: " + r);
        }
    }

    @Test
    void shouldLetAFleetReadAnEpisodeFromTheLogWhileTheRobotRuns(@TempDir final Path dir) throws Exception {
        final Path log = dir.resolve("log");
        try (RobotRuntime runtime = RobotRuntime.create(context(episodicCartPole(""), log))) {
            runtime.startSimulatedTime(T0_NS);
            runtime.runEpisodes(1, 10_000);
            assertTrue(runtime.log().awaitDrained(30_000_000_000L));
            final List<Logged> records = read(log);
            assertEquals(RecordType.EPISODE_START, records.get(0).type());
            assertEquals(RecordType.EPISODE_END, records.get(records.size() - 1).type());
            assertEquals(100, records.get(records.size() - 1).episode());
            assertEquals(52, records.size(), "start, 50 steps of 1 ms, end");
            runtime.runEpisodes(1, 10_000);
        }
        assertEquals(104, read(log).size(), "two episodes once closed");
    }

    private static long loggerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().equals(ExperienceLog.THREAD_NAME)).count();
    }

    @Test
    void shouldStepAFleetOfRobotsAndTheirLoggersFromOneThread(@TempDir final Path dir) throws Exception {
        final RobotDescription description = episodicCartPole("");
        final RobotRuntime[] fleet = new RobotRuntime[2];
        final long loggerThreadsBefore = loggerThreads();
        try {
            for (int i = 0; i < fleet.length; i++) {
                fleet[i] = RobotRuntime.create(new RobotRuntime.Context().description(description)
                    .log(ExperienceLogConfig.defaults(dir.resolve("robot-" + i))).loggerOnOwnThread(false)
                    .robotId(7 + i).firstEpisodeId(10 * i));
                fleet[i].startSimulatedTime(T0_NS);
            }
            for (int tick = 0; tick < 120; tick++) {
                for (final RobotRuntime robot : fleet) {
                    robot.step(1);
                }
            }
            for (int i = 0; i < fleet.length; i++) {
                assertTrue(fleet[i].log().awaitDrained(30_000_000_000L));
                final List<Logged> records = read(dir.resolve("robot-" + i));
                assertEquals(10 * i + 2, records.get(records.size() - 1).episode(), "a third episode has begun");
                assertEquals(2, fleet[i].controller().tick().completedEpisodes());
            }
            assertEquals(loggerThreadsBefore, loggerThreads(), "no logger thread of their own");
        } finally {
            for (final RobotRuntime robot : fleet) {
                if (robot != null) {
                    robot.close();
                }
            }
        }
        for (int i = 0; i < fleet.length; i++) {
            final List<Logged> records = read(dir.resolve("robot-" + i));
            assertEquals(RecordType.EPISODE_END, records.get(records.size() - 1).type(), "closed: the third ended");
            assertEquals(10 * i + 2, records.get(records.size() - 1).episode());
        }
    }

    @Test
    void shouldRunOnlyPoliciesSignedByATrustedKeyAndKeepTheOldOneRunningWhenOneIsRefused(@TempDir final Path dir)
        throws Exception {
        final KeyPair trainer = TestKeys.pair(1);
        final Path trust = TestKeys.trustFile(dir.resolve("trusted.keys"), "trainer-1", trainer);
        final Path first = TestKeys.sign(Files.copy(LQR, dir.resolve("first.policy")), trainer);
        final PolicyModel gentle = scaled(PolicyReader.read(LQR), 0.5f, null);
        final Path tampered = dir.resolve("tampered.policy");
        PolicyWriter.write(gentle, tampered);
        TestKeys.sign(tampered, trainer);
        final byte[] bytes = Files.readAllBytes(tampered);
        bytes[40] ^= 1;
        Files.write(tampered, bytes);
        final Path foreign = dir.resolve("foreign.policy");
        PolicyWriter.write(gentle, foreign);
        TestKeys.sign(foreign, TestKeys.pair(2));
        final Path signed = dir.resolve("signed.policy");
        PolicyWriter.write(gentle, signed);
        TestKeys.sign(signed, trainer);
        final List<String> refusals = new ArrayList<>();
        try (RobotRuntime runtime = RobotRuntime.create(new RobotRuntime.Context()
            .description(episodicCartPole("\n  trust: " + trust)).policy(first).policyRefusals(refusals::add))) {
            assertEquals("trainer-1", runtime.controller().firstPolicy().signer().name());
            runtime.startSimulatedTime(T0_NS);
            final long running = runtime.policyId();
            runtime.step(5);
            final PolicyRefusedException tamper = assertThrows(PolicyRefusedException.class,
                () -> runtime.requestPolicy(tampered));
            assertTrue(tamper.getMessage().contains("tampered.policy is tampered: signature does not match"),
                tamper.getMessage());
            final PolicyRefusedException unknown = assertThrows(PolicyRefusedException.class,
                () -> runtime.requestPolicy(foreign));
            assertTrue(unknown.getMessage().contains("signed by unknown key "
                + Ed25519.keyId(TestKeys.pair(2).getPublic())), unknown.getMessage());
            assertEquals(2, refusals.size());
            assertTrue(refusals.get(0).startsWith("policy " + tampered + " refused, still running policy "
                + HexFormat.of().toHexDigits(running) + ": "), refusals.get(0));
            assertFalse(runtime.policyPending());
            runtime.runEpisodes(2, 10_000);
            assertEquals(running, runtime.policyId(), "the refused policies never ran");
            assertEquals("trainer-1", runtime.requestPolicy(signed).signer().name());
            runtime.runEpisodes(1, 10_000);
            runtime.step(1);
            assertEquals(PolicyWriter.id(gentle), runtime.policyId(), "a trusted policy is taken up");
        }
    }

    @Test
    void shouldRefuseToStartATrustedRobotWithAnUnsignedPolicy(@TempDir final Path dir) throws Exception {
        final Path trust = TestKeys.trustFile(dir.resolve("trusted.keys"), "trainer-1", TestKeys.pair(1));
        final PolicyRefusedException refused = assertThrows(PolicyRefusedException.class,
            () -> RobotRuntime.create(new RobotRuntime.Context().description(episodicCartPole("\n  trust: " + trust))));
        assertTrue(refused.getMessage().contains("cartpole-lqr.policy is unsigned"), refused.getMessage());
    }

    @Test
    void shouldRefuseAnIncompatibleOrDamagedPolicyAndKeepTheOldOneRunning(@TempDir final Path dir) throws Exception {
        final Path wrongShape = dir.resolve("walker.policy");
        PolicyWriter.write(RandomPolicies.create(1, 5, new int[] {8}, 1, Activation.TANH), wrongShape);
        final Path slower = dir.resolve("slow.policy");
        PolicyWriter.write(RandomPolicies.withMetadata(PolicyReader.read(LQR), Map.of("rate_hz", "25")), slower);
        final Path damaged = dir.resolve("damaged.policy");
        final byte[] bytes = PolicyWriter.toBytes(scaled(PolicyReader.read(LQR), 0.5f, null));
        bytes[40] ^= 1;
        Files.write(damaged, bytes);
        try (RobotRuntime runtime = RobotRuntime.create(new RobotRuntime.Context()
            .description(episodicCartPole("")))) {
            runtime.startSimulatedTime(T0_NS);
            final long running = runtime.policyId();
            runtime.step(5);
            final ConfigException shape = assertThrows(ConfigException.class, () -> runtime.requestPolicy(wrongShape));
            assertTrue(shape.getMessage().contains("takes 5 observations and gives 1 actions, but robot 'cartpole' "
                + "maps 4 observations"), shape.getMessage());
            final ConfigException period = assertThrows(ConfigException.class, () -> runtime.requestPolicy(slower));
            assertTrue(period.getMessage().contains("acts every 40 loop ticks, but the running policy every 1"),
                period.getMessage());
            final PolicyFormatException checksum = assertThrows(PolicyFormatException.class,
                () -> runtime.requestPolicy(damaged));
            assertTrue(checksum.getMessage().contains("fails its checksum"), checksum.getMessage());
            assertFalse(runtime.policyPending());
            runtime.runEpisodes(2, 10_000);
            assertEquals(running, runtime.policyId());
            assertEquals(0, runtime.controller().tick().supervisor().totalFaults());
        }
    }

    @Test
    void shouldLogTheSampledActionAndItsLogProbabilityWhenExploringAndNaNWhenNot(@TempDir final Path dir)
        throws Exception {
        final float logStd = (float) Math.log(0.5);
        final PolicyModel gaussian = scaled(PolicyReader.read(LQR), 1f, new float[] {logStd});
        final Path policy = dir.resolve("gaussian.policy");
        PolicyWriter.write(gaussian, policy);
        final Path exploring = dir.resolve("exploring");
        try (RobotRuntime runtime = RobotRuntime.create(context(episodicCartPole(""), exploring).policy(policy)
            .exploration(Exploration.sampling(9)))) {
            runtime.startSimulatedTime(T0_NS);
            runtime.runEpisodes(3, 10_000);
        }
        final MlpExecutor mean = new MlpExecutor(gaussian);
        final float scale = gaussian.actionScale()[0];
        final float offset = gaussian.actionOffset()[0];
        final double low = gaussian.actionLow()[0];
        final double high = gaussian.actionHigh()[0];
        int steps = 0;
        for (final Logged r : read(exploring)) {
            if (r.type() != RecordType.STEP) {
                assertTrue(Double.isNaN(r.logProbability()), "markers have no density");
                continue;
            }
            steps++;
            assertEquals(0, r.flags() & ExperienceRecordFlyweight.FLAG_SAFETY_FAULT);
            final double y = (act(mean, r.observation()) - offset) / scale;
            final double epsilon = ((r.action() - offset) / scale - y) / 0.5;
            final double expected = -0.5 * epsilon * epsilon - logStd - 0.5 * Math.log(2 * Math.PI);
            assertEquals(expected, r.logProbability(), 2e-3, "the density of the recorded sample: " + r);
            assertEquals(r.action() < low || r.action() > high,
                (r.flags() & ExperienceRecordFlyweight.FLAG_ACTION_CLAMPED) != 0, "flagged when clamped: " + r);
        }
        assertEquals(150, steps, "three episodes of 50 policy steps");

        final Path deterministic = dir.resolve("deterministic");
        try (RobotRuntime runtime = RobotRuntime.create(context(episodicCartPole(""), deterministic).policy(policy))) {
            runtime.startSimulatedTime(T0_NS);
            runtime.runEpisodes(1, 10_000);
        }
        for (final Logged r : read(deterministic)) {
            assertTrue(Double.isNaN(r.logProbability()), "deterministic: no density");
        }
    }

    @Test
    void shouldRefuseToExploreAPolicyWithoutStdNamingWhereExplorationWasAsked() throws Exception {
        final ConfigException flag = assertThrows(ConfigException.class, () -> RobotRuntime.create(
            new RobotRuntime.Context().description(episodicCartPole("")).exploration(Exploration.sampling(1))));
        assertTrue(flag.getMessage().contains("exploring (--explore) samples the policy's Gaussian, but policy "
            + LQR + " carries no standard deviation"), flag.getMessage());
        final ConfigException field = assertThrows(ConfigException.class, () -> RobotRuntime.create(
            new RobotRuntime.Context().description(episodicCartPole("\n  exploration: {mode: sample, seed: 3}"))));
        assertTrue(field.getMessage().contains("control.exploration.mode sample samples the policy's Gaussian"),
            field.getMessage());
    }

    /**
     * A first 200 s of simulated time before the probe: the ends and resets of episodes are rarer paths, which C2
     * compiles later than the tick's. A branch first taken late (a rare clamp) can still deoptimise a compiled method
     * once, whose transition allocates about 150 bytes in the round it falls in; the probe takes the least of its
     * measured rounds, in which an allocation per tick would still show.
     */
    @Test
    void shouldStepEveryTickWithoutAllocatingDeterministicOrExploring(@TempDir final Path dir) throws Exception {
        final Path policy = dir.resolve("gaussian.policy");
        PolicyWriter.write(scaled(PolicyReader.read(LQR), 1f, new float[] {(float) Math.log(0.3)}), policy);
        for (final Exploration exploration : new Exploration[] {Exploration.DETERMINISTIC, Exploration.sampling(4)}) {
            try (RobotRuntime runtime = RobotRuntime.create(context(episodicCartPole(""),
                dir.resolve("log-" + exploration.sample())).policy(policy).exploration(exploration))) {
                runtime.startSimulatedTime(T0_NS);
                runtime.step(200_000);
                assertEquals(0, AllocationProbe.bytesAllocatedWhenSteady(50_000, i -> runtime.step(1)),
                    exploration.describe() + ": bytes allocated by 50 000 logged ticks with episodes ending and "
                    + "plants resetting");
                assertNotEquals(0, runtime.controller().tick().completedEpisodes());
            }
        }
    }
}
