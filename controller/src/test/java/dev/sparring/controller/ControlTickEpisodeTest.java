package dev.sparring.controller;

import dev.sparring.controller.log.ExperienceLoggerAgent;
import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.controller.log.ExperienceRecorder;
import dev.sparring.controller.log.RecordType;
import dev.sparring.controller.loop.FixedRateLoopAgent;
import dev.sparring.controller.mapping.ActionMapping;
import dev.sparring.controller.mapping.ActionTarget;
import dev.sparring.controller.mapping.ObservationMapping;
import dev.sparring.controller.safety.FaultCause;
import dev.sparring.controller.safety.SafeCommandPolicy;
import dev.sparring.controller.safety.SafetyConfig;
import dev.sparring.controller.safety.SafetySupervisor;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.mock.MockRobotSystem;
import dev.sparring.hal.mock.StateChannel;
import dev.sparring.hal.task.HealthyRanges;
import dev.sparring.hal.task.LocomotionReward;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static dev.sparring.controller.log.ExperienceRecordFlyweight.FLAG_ACTION_CLAMPED;
import static dev.sparring.controller.log.ExperienceRecordFlyweight.FLAG_ACTION_RATE_LIMITED;
import static dev.sparring.controller.log.ExperienceRecordFlyweight.FLAG_SAFETY_FAULT;
import static dev.sparring.controller.log.ExperienceRecordFlyweight.FLAG_TERMINAL;
import static dev.sparring.controller.log.ExperienceRecordFlyweight.FLAG_TRUNCATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the tick records and does over episodes, policy steps and faults, on the mock backend with a fake clock: the
 * executed action and why it differs from the policy's, terminal and truncated episode ends and what follows them,
 * the policy's own period, and a watchdog that does not count the first tick.
 */
class ControlTickEpisodeTest {
    private static final long PERIOD_NS = 1_000_000;
    private static final long T0_NS = 1_000_000_000L;
    private final RobotSpec spec = TestRobots.cartWithPole();
    private final OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH)));
    private final ExperienceRecorder recorder = new ExperienceRecorder(ring, 1L, 2L, 1, 2, 1, 0);
    private final List<Recorded> records = new ArrayList<>();
    private MockRobotSystem robot;
    private CommandMode mode = CommandMode.EFFORT;
    private double maxRatePerS = Double.MAX_VALUE;
    private SafeCommandPolicy safeCommand = SafeCommandPolicy.ZERO_EFFORT;
    private String rewardChannel;
    private double rewardMaxAbs = 1.0;
    private int policyPeriodTicks = 1;
    private EpisodeEnd onEpisodeEnd = EpisodeEnd.STOP;
    private long timeLimitNs = ControlConfig.NO_TIME_LIMIT;
    private double policyOutput = 0.2;
    private boolean countingPolicy;
    private int evaluations;
    private long now = T0_NS;
    private long tickIndex;

    /** One record as read back from the ring. */
    private record Recorded(RecordType type, int flags, long episode, long step, long timestampNs, float reward,
        float logProbability, float observation, float action) {
    }

    @BeforeEach
    void setUp() {
        robot = new MockRobotSystem(spec, new double[] {0.0, 0.0});
        assertEquals(ReturnCode.OK, robot.configure());
        assertEquals(ReturnCode.OK, robot.activate());
    }

    private ControlTick tick() {
        final ActionMapping action = new ActionMapping(spec, List.of(new ActionTarget("cart", mode, maxRatePerS)));
        final ObservationMapping observation = new ObservationMapping(spec, List.of("cart.position", "cart.velocity"),
            new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, 1, false);
        final EpisodeReward reward = rewardChannel == null ? null : new EpisodeReward("alive", null,
            new LocomotionReward(0.0, 1.0, 0.0), new dev.sparring.controller.mapping.StateChannel[] {
                dev.sparring.controller.mapping.StateChannel.parse(spec, rewardChannel)},
            new HealthyRanges(new double[] {-Math.nextUp(rewardMaxAbs)}, new double[] {Math.nextUp(rewardMaxAbs)}),
            new int[0], new double[0], PERIOD_NS * 1e-9, policyPeriodTicks);
        final ControlTick tick = new ControlTick(robot, observation, (obs, act) -> {
            evaluations++;
            act[0] = countingPolicy ? 0.1 * evaluations : policyOutput;
        }, action, new SafetySupervisor(spec, new SafetyConfig(5, 0.0, 0.2, 20 * PERIOD_NS, safeCommand)), reward,
            PERIOD_NS, policyPeriodTicks, onEpisodeEnd, timeLimitNs);
        tick.recordTo(recorder, 100L);
        tick.start(now);
        return tick;
    }

    private void run(final ControlTick tick, final int ticks) {
        for (int i = 0; i < ticks; i++) {
            now += PERIOD_NS;
            tick.onTick(now, tickIndex++);
        }
    }

    private List<Recorded> drain() {
        final ExperienceRecordFlyweight record = new ExperienceRecordFlyweight();
        for (int pass = 0; pass < 2; pass++) {
            ring.read((type, buffer, index, length) -> {
                assertEquals(ExperienceLoggerAgent.RECORD_MSG_TYPE_ID, type);
                record.wrap(buffer, index);
                final boolean step = record.type() == RecordType.STEP;
                records.add(new Recorded(record.type(), record.flags(), record.episodeId(), record.stepIndex(),
                    record.timestampNs(), record.reward(), record.logProbability(),
                    step ? record.observation(0) : Float.NaN, step ? record.action(0) : Float.NaN));
            });
        }
        return records;
    }

    private List<Recorded> steps() {
        return drain().stream().filter(r -> r.type() == RecordType.STEP).toList();
    }

    private static String shape(final List<Recorded> records) {
        final StringBuilder text = new StringBuilder();
        for (final Recorded r : records) {
            text.append(r.type()).append(' ').append(r.episode()).append('/').append(r.step()).append(' ')
                .append(r.flags()).append('\n');
        }
        return text.toString();
    }

    @Test
    void shouldRecordTheExecutedCommandAndFlagClampAndRateLimit() {
        mode = CommandMode.POSITION;
        maxRatePerS = 10.0;
        safeCommand = SafeCommandPolicy.HOLD;
        policyOutput = 3.0;
        final ControlTick tick = tick();
        run(tick, 3);
        policyOutput = 0.025;
        run(tick, 1);
        tick.finishEpisode(now);
        final List<Recorded> steps = steps();
        assertEquals(4, steps.size());
        assertEquals(0.01f, steps.get(0).action(), 1e-7f, "3 m clamped to 2 m, then 10 m/s × 1 ms from 0");
        assertEquals(FLAG_ACTION_CLAMPED | FLAG_ACTION_RATE_LIMITED, steps.get(0).flags());
        assertEquals(0.03f, steps.get(2).action(), 1e-7f);
        assertEquals(0.025f, steps.get(3).action(), "reachable within the rate limit: the proposal itself");
        assertEquals(FLAG_TRUNCATED, steps.get(3).flags(), "unchanged, and the last step of the run");
        for (final Recorded step : steps) {
            assertTrue(Float.isNaN(step.logProbability()), "unknown, never a silent 0");
            assertTrue(Float.isNaN(step.reward()), "no on-board reward configured");
        }
    }

    @Test
    void shouldRecordTheSafeCommandOnceAFaultLatched() {
        final ControlTick tick = tick();
        run(tick, 2);
        policyOutput = Double.NaN;
        run(tick, 1);
        policyOutput = 0.3;
        run(tick, 2);
        tick.finishEpisode(now);
        final List<Recorded> steps = steps();
        assertEquals(5, steps.size());
        assertEquals(0.2f, steps.get(1).action());
        assertEquals(0, steps.get(1).flags());
        for (int i = 2; i < 5; i++) {
            assertEquals(0.0f, steps.get(i).action(), "the zero effort the robot got, step " + i);
            assertEquals(FLAG_SAFETY_FAULT, steps.get(i).flags() & ~FLAG_TRUNCATED, "step " + i);
        }
    }

    @Test
    void shouldEndTheEpisodeInTheTickItsStateIsTerminalAndThenStop() {
        mode = CommandMode.POSITION;
        safeCommand = SafeCommandPolicy.HOLD;
        rewardChannel = "cart.position";
        policyOutput = 0.5;
        final ControlTick tick = tick();
        run(tick, 3);
        policyOutput = 1.5;
        run(tick, 50);
        tick.finishEpisode(now);
        assertEquals("""
            EPISODE_START 100/0 0
            STEP 100/0 0
            STEP 100/1 0
            STEP 100/2 0
            STEP 100/3 1
            EPISODE_END 100/4 1
            """, shape(drain()), "the terminal step ends the episode at once; nothing after it");
        assertEquals(1.0f, records.get(1).reward(), "the state after the step was within bounds");
        assertEquals(1.0f, records.get(4).reward(), "the step that led to the terminal state earns its reward too, as "
            + "Gymnasium v4 pays the healthy reward on the terminating step");
        assertEquals(FLAG_TERMINAL, records.get(5).flags());
        assertEquals(4, evaluations, "stop: the policy no longer runs");
        assertEquals(1.5, tick.command().values()[0], "stop: the safe command, holding where the episode ended");
        assertFalse(tick.supervisor().isFaulted(), "a terminal state is not a fault");
    }

    @Test
    void shouldKeepRunningThePolicyOutsideAnEpisodeWhenHolding() {
        mode = CommandMode.POSITION;
        rewardChannel = "cart.position";
        onEpisodeEnd = EpisodeEnd.HOLD;
        policyOutput = 1.5;
        final ControlTick tick = tick();
        run(tick, 2);
        policyOutput = 0.7;
        run(tick, 10);
        tick.finishEpisode(now);
        assertEquals("""
            EPISODE_START 100/0 0
            STEP 100/0 1
            EPISODE_END 100/1 1
            """, shape(drain()));
        assertEquals(12, evaluations, "hold: the policy runs on every tick, the terminal one and those after it");
        assertEquals(0.7, tick.command().values()[0]);
        assertFalse(tick.inEpisode());
    }

    @Test
    void shouldStartANewEpisodeOnceTheStateIsBackInsideItsBounds() {
        rewardChannel = "imu_x";
        onEpisodeEnd = EpisodeEnd.RESTART;
        final ControlTick tick = tick();
        run(tick, 3);
        robot.injectNaN(StateChannel.SENSOR, 0, true);
        run(tick, 5);
        assertEquals(0.0, tick.command().values()[0], "restart: the safe command while out of bounds");
        assertEquals(3, evaluations);
        robot.injectNaN(StateChannel.SENSOR, 0, false);
        run(tick, 2);
        tick.finishEpisode(now);
        assertEquals("""
            EPISODE_START 100/0 0
            STEP 100/0 0
            STEP 100/1 0
            STEP 100/2 1
            EPISODE_END 100/3 1
            EPISODE_START 101/0 0
            STEP 101/0 0
            STEP 101/1 2
            EPISODE_END 101/2 2
            """, shape(drain()));
        assertEquals(2, tick.episodes());
        assertEquals(0.2, tick.command().values()[0]);
    }

    @Test
    void shouldTruncateAtTheTimeLimitAndRestartInTheSameTick() {
        onEpisodeEnd = EpisodeEnd.RESTART;
        timeLimitNs = 3 * PERIOD_NS;
        final ControlTick tick = tick();
        run(tick, 4);
        assertEquals("""
            EPISODE_START 100/0 0
            STEP 100/0 0
            STEP 100/1 2
            EPISODE_END 100/2 2
            EPISODE_START 101/0 0
            STEP 101/0 0
            """, shape(drain()), "the episode began at t0; its third millisecond ends it");
        assertEquals(now - PERIOD_NS, records.get(3).timestampNs());
        assertEquals(records.get(3).timestampNs(), records.get(4).timestampNs());
    }

    @Test
    void shouldEvaluateThePolicyAtItsPeriodAndCheckSafetyOnEveryTick() {
        policyPeriodTicks = 4;
        rewardChannel = "imu_x";
        countingPolicy = true;
        final ControlTick tick = tick();
        run(tick, 4);
        assertEquals(1, evaluations);
        assertEquals(0.1, tick.command().values()[0], "the action held between evaluations");
        run(tick, 5);
        assertEquals(3, evaluations, "ticks 0, 4 and 8");
        robot.injectNaN(StateChannel.VELOCITY, 0, true);
        run(tick, 1);
        assertEquals(FaultCause.NON_FINITE_OBSERVATION, tick.supervisor().latchedCause(),
            "checked between evaluations");
        assertEquals(0.0, tick.command().values()[0], "safe command in the tick the fault appeared");
        run(tick, 3);
        tick.finishEpisode(now);
        final List<Recorded> steps = steps();
        assertEquals(5, steps.size(), shape(records));
        assertEquals(T0_NS + PERIOD_NS, steps.get(0).timestampNs(), "a step is stamped with its first tick");
        assertEquals(0.1f, steps.get(0).action());
        assertEquals(1.0f, steps.get(0).reward(), "the four ticks the action was held earn a quarter of the step's "
            + "reward each: +1 per policy step, as the task pays it");
        assertEquals(0.2f, steps.get(1).action());
        assertEquals(T0_NS + 5 * PERIOD_NS, steps.get(1).timestampNs());
        assertEquals(0.3f, steps.get(2).action(), "cut short by the fault after one tick");
        assertEquals(0, steps.get(2).flags());
        assertEquals(0.25f, steps.get(2).reward(), "one tick of the step: a quarter of its reward");
        assertEquals(0.0f, steps.get(3).action());
        assertEquals(FLAG_SAFETY_FAULT, steps.get(3).flags(), "ticks 9 to 11, the safe command");
        assertEquals(FLAG_SAFETY_FAULT | FLAG_TRUNCATED, steps.get(4).flags());
    }

    @Test
    void shouldKeepThePolicyPeriodInTimeWhenTheLoopSkipsTicks() {
        policyPeriodTicks = 4;
        countingPolicy = true;
        final ControlTick tick = tick();
        run(tick, 2);
        now += 4 * PERIOD_NS;
        tickIndex += 3;
        tick.onTick(now, tickIndex++);
        assertEquals(2, evaluations, "periods 2 to 4 were skipped: the tick of period 5 is past the policy's period");
        run(tick, 3);
        assertEquals(2, evaluations);
        run(tick, 1);
        assertEquals(3, evaluations, "four periods after the last evaluation");
    }

    @Test
    void shouldNotCountTheFirstTickAgainstTheWatchdog() {
        final ControlTick tick = tick();
        final CachedNanoClock clock = new CachedNanoClock();
        clock.update(5_000_000_000L);
        final FixedRateLoopAgent loop = new FixedRateLoopAgent(clock, PERIOD_NS, tick);
        loop.onStart();
        assertEquals(1, loop.doWork());
        clock.advance(54 * PERIOD_NS);
        assertEquals(1, loop.doWork(), "the tick after a first tick that took 54 ms, past the 20 ms watchdog");
        for (int k = 0; k < 100; k++) {
            clock.advance(PERIOD_NS);
            assertEquals(1, loop.doWork());
        }
        assertNull(tick.supervisor().latchedCause(), "warm-up is not a stalled loop");
        clock.advance(21 * PERIOD_NS);
        loop.doWork();
        assertEquals(FaultCause.WATCHDOG, tick.supervisor().latchedCause(), "a stall later still latches");
    }
}
