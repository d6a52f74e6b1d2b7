package dev.sparring.controller;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.controller.safety.SafeCommandPolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(0.3, config.reward().maxAbs());
        assertEquals(EpisodeEnd.RESTART, config.onEpisodeEnd());
        assertEquals(40_000_000_000L, config.episodeTimeLimitNs());
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
        assertRejected(ROBOT.replace("type: alive", "type: distance"), "control.reward.type must be alive");
        assertRejected(ROBOT.replace("rate_hz: 500", "rate_hz: 500\n  rate: 3"), "control.rate is not a known field");
        assertRejected(ROBOT.replace("control:", "other:"), "other is not a known field");
        assertRejected(ROBOT.replace("on_episode_end: restart", "on_episode_end: reset"),
            "control.on_episode_end must be stop, hold or restart, was 'reset'");
        assertRejected(ROBOT.replace("episode_time_limit_s: 40", "episode_time_limit_s: -1"),
            "control.episode_time_limit_s");
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
