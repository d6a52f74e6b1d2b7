package dev.sparring.controller;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.controller.safety.SafeCommandPolicy;
import dev.sparring.hal.task.LocomotionReward;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlConfigTest {
    private static final Path ROBOTS = Path.of("..", "robots");
    private static final String ROBOT = """
        name: cart
        backend: mock
        joints:
          - {name: cart, type: prismatic, position_limits: [-2, 2], max_velocity: 5, max_effort: 10,
             command_modes: [effort, position]}
          - {name: pole, max_velocity: 20, passive: true}
        control:
          rate_hz: 500
          policy: ../policies/p.policy
          observation: [cart.position, sin(pole.position), pole.velocity]
          action:
            - {joint: cart, mode: position, max_rate_per_s: 3}
          safety: {stale_ticks: 4, safe_command: hold, watchdog_ms: 20}
          reward: {type: alive, channel: pole.position, max_abs: 0.3}
          on_episode_end: restart
          episode_time_limit_s: 40
        """;

    private static final String LOCOMOTION = ROBOT.replace("mode: position, max_rate_per_s: 3", "mode: effort")
        .replace("  reward: {type: alive, channel: pole.position, max_abs: 0.3}\n", """
              reward:
                type: locomotion
                forward: {channel: cart.position, weight: 2.0}
                healthy_reward: 1.0
                control_cost_weight: 1.0e-3
                healthy:
                  pole.position: {min: -0.2, max: 0.2}
                  pole.velocity: {max: 100}
              observation_clip: {pole.velocity: 10}
            """).replace("on_episode_end: restart", "on_episode_end: reset");

    private static ControlConfig parse(final String yaml) {
        return ControlConfig.from(RobotDescription.parse("cart.yaml", Path.of("/robots"), yaml));
    }

    private static void assertRejected(final String yaml, final String expected) {
        final ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void shouldReadEveryField() {
        final ControlConfig config = parse(ROBOT);
        assertEquals(500.0, config.rateHz());
        assertEquals(2_000_000L, config.periodNs());
        assertEquals(Path.of("/policies/p.policy"), config.policy());
        assertEquals(3, config.observationChannels().size());
        assertEquals(CommandMode.POSITION, config.actionTargets().get(0).mode());
        assertEquals(3.0, config.actionTargets().get(0).maxRatePerS());
        assertEquals(4, config.safety().staleTicks());
        assertEquals(20_000_000L, config.safety().watchdogNs());
        assertEquals(SafeCommandPolicy.HOLD, config.safety().safeCommand());
        assertEquals(List.of("pole.position"), config.reward().healthyChannels());
        assertEquals(-0.3, Math.nextUp(config.reward().healthy().low(0)), "alive: |pole| <= 0.3, the open range just"
            + " beyond");
        assertEquals(0.3, Math.nextDown(config.reward().healthy().high(0)));
        assertEquals(new LocomotionReward(0.0, 1.0, 0.0), config.reward().terms());
        assertNull(config.reward().forwardChannel());
        assertEquals(EpisodeEnd.RESTART, config.onEpisodeEnd());
        assertEquals(40_000_000_000L, config.episodeTimeLimitNs());
    }

    @Test
    void shouldResolveTheTrustFileRelativeToTheDescriptionAndCheckNoSignatureWithoutOne() {
        assertNull(parse(ROBOT).trust());
        assertEquals(Path.of("/keys/trusted.keys"), parse(ROBOT.replace("  rate_hz: 500\n",
            "  rate_hz: 500\n  trust: ../keys/trusted.keys\n")).trust());
    }

    @Test
    void shouldStopAfterAnEpisodeWithoutATimeLimitByDefault() {
        final ControlConfig config = parse(ROBOT.replace("  on_episode_end: restart\n", "")
            .replace("  episode_time_limit_s: 40\n", ""));
        assertEquals(EpisodeEnd.STOP, config.onEpisodeEnd());
        assertEquals(ControlConfig.NO_TIME_LIMIT, config.episodeTimeLimitNs());
    }

    @Test
    void shouldNameTheFieldOfEachMistake() {
        assertRejected(ROBOT.replace("rate_hz: 500", "rate_hz: 20000"), "control.rate_hz must be in [10.0, 10000.0]");
        assertRejected(ROBOT.replace("sin(pole.position)", "sin(pole.angle)"), "control.observation[1]");
        assertRejected(ROBOT.replace("mode: position", "mode: torque"), "control.action[0].mode");
        assertRejected(ROBOT.replace("safe_command: hold", "safe_command: brake"), "control.safety.safe_command");
        assertRejected(ROBOT.replace("stale_ticks: 4", "stale_ticks: 0"), "control.safety.stale_ticks must be in");
        assertRejected(ROBOT.replace("type: alive", "type: distance"),
            "control.reward.type must be alive or locomotion, was 'distance'");
        assertRejected(ROBOT.replace("rate_hz: 500", "rate_hz: 500\n  rate: 3"), "control.rate is not a known field");
        assertRejected(ROBOT.replace("control:", "other:"), "other is not a known field");
        assertRejected(ROBOT.replace("on_episode_end: restart", "on_episode_end: teleport"),
            "control.on_episode_end must be stop, hold, restart or reset, was 'teleport'");
        assertRejected(ROBOT.replace("episode_time_limit_s: 40", "episode_time_limit_s: -1"),
            "control.episode_time_limit_s");
    }

    @Test
    void shouldBeDeterministicByDefaultAndReadAnExplorationModeAndSeed() {
        assertEquals(Exploration.DETERMINISTIC, parse(ROBOT).exploration());
        final String exploring = ROBOT.replace("episode_time_limit_s: 40", "episode_time_limit_s: 40\n"
            + "  exploration: {mode: sample, seed: -12}");
        assertEquals(Exploration.sampling(-12), parse(exploring).exploration());
        assertEquals(Exploration.sampling(0), parse(exploring.replace(", seed: -12", "")).exploration());
        assertEquals(Exploration.DETERMINISTIC, parse(exploring.replace("mode: sample, seed: -12",
            "mode: deterministic")).exploration());
        assertRejected(exploring.replace("mode: sample", "mode: random"),
            "control.exploration.mode must be deterministic or sample, was 'random'");
        assertRejected(exploring.replace("mode: sample", "mode: deterministic"),
            "control.exploration.seed is used only with mode: sample");
        assertRejected(exploring.replace("seed: -12", "seed: 1.5"), "control.exploration.seed must be a whole number");
        assertRejected(exploring.replace("seed: -12", "sigma: 2"), "control.exploration.sigma is not a known field");
    }

    @Test
    void shouldReadALocomotionRewardAndTheObservationClip() {
        final ControlConfig config = parse(LOCOMOTION);
        final ControlConfig.EpisodeRewardSpec reward = config.reward();
        assertEquals("locomotion", reward.type());
        assertEquals("cart.position", reward.forwardChannel());
        assertEquals(new LocomotionReward(2.0, 1.0, 1e-3), reward.terms());
        assertEquals(List.of("pole.position", "pole.velocity"), reward.healthyChannels());
        assertEquals(-0.2, reward.healthy().low(0));
        assertEquals(0.2, reward.healthy().high(0));
        assertEquals(Double.NEGATIVE_INFINITY, reward.healthy().low(1), "no min: unbounded below");
        assertEquals(100.0, reward.healthy().high(1));
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 10.0},
            config.observationClip());
        assertEquals(EpisodeEnd.RESET, config.onEpisodeEnd());
    }

    @Test
    void shouldNameTheFieldOfEachLocomotionMistake() {
        assertRejected(LOCOMOTION.replace("channel: cart.position", "channel: cart.velocity"),
            "control.reward.forward.channel must be a position");
        assertRejected(LOCOMOTION.replace("{min: -0.2, max: 0.2}", "{min: 0.2, max: -0.2}"),
            "control.reward.healthy.pole.position must have min < max, was (0.2, -0.2)");
        assertRejected(LOCOMOTION.replace("{min: -0.2, max: 0.2}", "{}"),
            "control.reward.healthy.pole.position needs min, max or both");
        assertRejected(LOCOMOTION.replace("pole.velocity: {max: 100}", "pole.speed: {max: 100}"),
            "control.reward.healthy.pole.speed");
        assertRejected(LOCOMOTION.replace("control_cost_weight: 1.0e-3", "control_cost_weight: -1"),
            "control.reward.control_cost_weight must be >= 0");
        assertRejected(LOCOMOTION.replace("mode: effort", "mode: position"),
            "control.reward.control_cost_weight needs every action in effort mode");
        assertRejected(LOCOMOTION.replace("{pole.velocity: 10}", "{cart.velocity: 10}"),
            "control.observation_clip.cart.velocity must be one of the observation's channels");
        assertRejected(LOCOMOTION.replace("{pole.velocity: 10}", "{pole.velocity: 0}"),
            "control.observation_clip.pole.velocity must be");
        assertRejected(LOCOMOTION.replace("    forward: {channel: cart.position, weight: 2.0}\n", "")
            .replace("    healthy_reward: 1.0\n", "").replace("    control_cost_weight: 1.0e-3\n", ""),
            "control.reward: pays nothing");
    }

    @Test
    void shouldRequireAControlSection() {
        final String withoutControl = ROBOT.substring(0, ROBOT.indexOf("control:"));
        assertRejected(withoutControl, "no control section");
    }

    @Test
    void shouldAcceptEveryShippedDescription() {
        for (final String robot : new String[] {"pendulum", "cartpole", "two_link_arm", "inverted_pendulum"}) {
            final ControlConfig config = ControlConfig.from(RobotDescription.load(ROBOTS.resolve(robot + ".yaml")));
            assertEquals(1000.0, config.rateHz(), robot);
        }
    }
}
