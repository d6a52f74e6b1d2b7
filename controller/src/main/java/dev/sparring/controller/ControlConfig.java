package dev.sparring.controller;

import dev.sparring.controller.loop.FixedRateLoopAgent;
import dev.sparring.controller.mapping.ActionTarget;
import dev.sparring.controller.mapping.StateChannel;
import dev.sparring.controller.safety.SafeCommandPolicy;
import dev.sparring.controller.safety.SafetyConfig;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.task.HealthyRanges;
import dev.sparring.hal.task.LocomotionReward;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code control} section of a robot description, validated at load with errors that name the field:
 * <pre>
 * control:
 *   rate_hz: 1000
 *   policy: ../policies/cartpole-lqr.policy    # relative to the description file
 *   trust: ../keys/trusted.keys                # optional: run only policies signed by these keys
 *   observation: [slider.position, hinge.position, slider.velocity, hinge.velocity]
 *   observation_clip: {slider.velocity: 10}     # optional: |value| clipped, as the task clipped it in training
 *   previous_action_in_observation: false
 *   action:
 *     - {joint: slider, mode: effort, max_rate_per_s: 5000}
 *   safety: {stale_ticks: 5, position_margin: 0.0, velocity_margin_ratio: 0.2, watchdog_ms: 50,
 *            safe_command: zero_effort}
 *   reward: {type: alive, channel: hinge.position, max_abs: 0.2}   # or type: locomotion (docs/robots.md)
 *   on_episode_end: stop                        # stop | hold | restart | reset
 *   episode_time_limit_s: 40                    # optional
 *   exploration: {mode: sample, seed: 7}        # optional; default mode: deterministic
 * </pre>
 *
 * @param rateHz                   loop rate (Hz).
 * @param policy                   the policy file, or null when none is named.
 * @param observationChannels      state channels in observation order.
 * @param observationClip          per observation channel, the bound of |value| (+∞: not clipped).
 * @param previousActionInObservation whether the previous action follows the state channels.
 * @param actionTargets            one target per action element.
 * @param safety                   supervisor settings.
 * @param reward                   on-board reward, or null when none is configured.
 * @param onEpisodeEnd             what the controller does once an episode has ended.
 * @param episodeTimeLimitNs       episodes end (truncated) after this long, or {@link #NO_TIME_LIMIT}.
 * @param exploration              deterministic actions, or samples of the policy's Gaussian from a seed.
 * @param trust                    the trust file whose keys must have signed every policy run, or null: policies are
 *                                 not checked for a signature.
 */
public record ControlConfig(double rateHz, Path policy, List<String> observationChannels, double[] observationClip,
    boolean previousActionInObservation, List<ActionTarget> actionTargets, SafetyConfig safety,
    EpisodeRewardSpec reward, EpisodeEnd onEpisodeEnd, long episodeTimeLimitNs, Exploration exploration,
    Path trust) {
    /** {@link #episodeTimeLimitNs()} when episodes have no time limit. */
    public static final long NO_TIME_LIMIT = Long.MAX_VALUE;
    private static final double MAX_EPISODE_TIME_LIMIT_S = 365.0 * 24 * 3600;

    /**
     * The {@code reward} field: the terms of one policy step's reward and the healthy ranges whose exit is a terminal
     * state ({@link EpisodeReward}).
     *
     * @param type            {@code alive} or {@code locomotion}, as written.
     * @param forwardChannel  the position channel whose rate of change is the forward velocity, or null (weight 0).
     * @param terms           the reward's weights.
     * @param healthyChannels the channels the healthy ranges apply to, in range order.
     * @param healthy         their open healthy ranges.
     */
    public record EpisodeRewardSpec(String type, String forwardChannel, LocomotionReward terms,
        List<String> healthyChannels, HealthyRanges healthy) {
    }

    /**
     * Reads and validates the control section.
     *
     * @param description the robot description.
     * @return the settings.
     */
    public static ControlConfig from(final RobotDescription description) {
        final ConfigNode control = description.section("control");
        if (control.keys().isEmpty()) {
            throw control.invalid("the robot description has no control section; add one (see docs/robots.md)");
        }
        control.requireOnlyKeys("rate_hz", "policy", "observation", "observation_clip",
            "previous_action_in_observation", "action", "safety", "reward", "on_episode_end", "episode_time_limit_s",
            "exploration", "trust");
        final double rateHz = control.positiveNumber("rate_hz", 1000);
        if (rateHz < FixedRateLoopAgent.MIN_RATE_HZ || rateHz > FixedRateLoopAgent.MAX_RATE_HZ) {
            throw control.error("rate_hz", "must be in [" + FixedRateLoopAgent.MIN_RATE_HZ + ", "
                + FixedRateLoopAgent.MAX_RATE_HZ + "], was " + rateHz);
        }
        final Path policy = control.has("policy") ? description.resolve(control.string("policy")) : null;
        final List<String> observation = control.strings("observation");
        for (int i = 0; i < observation.size(); i++) {
            checkChannel(description, control, "observation[" + i + "]", observation.get(i));
        }
        final List<ActionTarget> targets = new ArrayList<>();
        for (final ConfigNode action : control.children("action")) {
            action.requireOnlyKeys("joint", "mode", "max_rate_per_s");
            final CommandMode mode;
            try {
                mode = CommandMode.parse(action.string("mode", "effort"));
            } catch (final IllegalArgumentException e) {
                throw action.error("mode", e.getMessage());
            }
            targets.add(new ActionTarget(action.string("joint"), mode,
                action.positiveNumber("max_rate_per_s", Double.MAX_VALUE)));
        }
        if (targets.isEmpty()) {
            throw control.error("action", "must list at least one joint to drive");
        }
        final EpisodeRewardSpec reward = reward(description, control);
        if (reward != null && reward.terms().ctrlCostWeight() > 0) {
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).mode() != CommandMode.EFFORT) {
                    throw control.child("reward").error("control_cost_weight", "needs every action in effort mode "
                        + "(the cost is Σ (effort / max_effort)² over the action's joints), but action[" + i
                        + "] drives joint '" + targets.get(i).joint() + "' in " + targets.get(i).mode() + " mode");
                }
            }
        }
        return new ControlConfig(rateHz, policy, observation, observationClip(control, observation),
            control.bool("previous_action_in_observation", false), targets,
            safety(control.childOrEmpty("safety"), rateHz), reward, onEpisodeEnd(control),
            episodeTimeLimitNs(control), exploration(control),
            control.has("trust") ? description.resolve(control.string("trust")) : null);
    }

    private static Exploration exploration(final ConfigNode control) {
        if (!control.has("exploration")) {
            return Exploration.DETERMINISTIC;
        }
        final ConfigNode exploration = control.child("exploration").requireOnlyKeys("mode", "seed");
        return switch (exploration.string("mode", "deterministic")) {
            case "deterministic" -> {
                if (exploration.has("seed")) {
                    throw exploration.error("seed", "is used only with mode: sample");
                }
                yield Exploration.DETERMINISTIC;
            }
            case "sample" -> Exploration.sampling(exploration.integer("seed", 0L, Long.MIN_VALUE, Long.MAX_VALUE));
            default -> throw exploration.error("mode", "must be deterministic or sample, was '"
                + exploration.string("mode") + "'");
        };
    }

    private static double[] observationClip(final ConfigNode control, final List<String> observation) {
        final double[] clip = new double[observation.size()];
        Arrays.fill(clip, Double.POSITIVE_INFINITY);
        final ConfigNode section = control.childOrEmpty("observation_clip");
        for (final String channel : section.keys()) {
            final int index = observation.indexOf(channel);
            if (index < 0) {
                throw section.error(channel, "must be one of the observation's channels " + observation);
            }
            clip[index] = section.positiveNumber(channel);
        }
        return clip;
    }

    private static EpisodeEnd onEpisodeEnd(final ConfigNode control) {
        final String value = control.string("on_episode_end", "stop");
        try {
            return EpisodeEnd.parse(value);
        } catch (final IllegalArgumentException e) {
            throw control.error("on_episode_end", e.getMessage());
        }
    }

    private static long episodeTimeLimitNs(final ConfigNode control) {
        if (!control.has("episode_time_limit_s")) {
            return NO_TIME_LIMIT;
        }
        final double limitS = control.positiveNumber("episode_time_limit_s");
        if (!(limitS <= MAX_EPISODE_TIME_LIMIT_S)) {
            throw control.error("episode_time_limit_s", "must be at most " + MAX_EPISODE_TIME_LIMIT_S
                + " s (a year), was " + limitS);
        }
        return Math.round(limitS * 1e9);
    }

    private static SafetyConfig safety(final ConfigNode safety, final double rateHz) {
        safety.requireOnlyKeys("stale_ticks", "position_margin", "velocity_margin_ratio", "watchdog_ms",
            "safe_command");
        final SafeCommandPolicy safeCommand = switch (safety.string("safe_command", "zero_effort")) {
            case "zero_effort" -> SafeCommandPolicy.ZERO_EFFORT;
            case "hold" -> SafeCommandPolicy.HOLD;
            default -> throw safety.error("safe_command", "must be zero_effort or hold, was '"
                + safety.string("safe_command") + "'");
        };
        final double defaultWatchdogMs = Math.max(50.0, 10_000.0 / rateHz);
        return new SafetyConfig(
            (int) safety.integer("stale_ticks", 5, 1, 1_000_000),
            safety.nonNegativeNumber("position_margin", 0.0),
            safety.nonNegativeNumber("velocity_margin_ratio", 0.2),
            (long) (safety.positiveNumber("watchdog_ms", defaultWatchdogMs) * 1e6),
            safeCommand);
    }

    private static EpisodeRewardSpec reward(final RobotDescription description, final ConfigNode control) {
        if (!control.has("reward")) {
            return null;
        }
        final ConfigNode reward = control.child("reward");
        final String type = reward.string("type");
        return switch (type) {
            case "alive" -> alive(description, reward.requireOnlyKeys("type", "channel", "max_abs"));
            case "locomotion" -> locomotion(description, reward.requireOnlyKeys("type", "forward", "healthy_reward",
                "control_cost_weight", "healthy"));
            default -> throw reward.error("type", "must be alive or locomotion, was '" + type + "'");
        };
    }

    /** {@code alive}: +1 per policy step while |channel| &lt;= max_abs, i.e. in the open range just beyond. */
    private static EpisodeRewardSpec alive(final RobotDescription description, final ConfigNode reward) {
        final String channel = reward.string("channel");
        checkChannel(description, reward, "channel", channel);
        final double maxAbs = reward.positiveNumber("max_abs");
        return new EpisodeRewardSpec("alive", null, new LocomotionReward(0.0, 1.0, 0.0), List.of(channel),
            new HealthyRanges(new double[] {-Math.nextUp(maxAbs)}, new double[] {Math.nextUp(maxAbs)}));
    }

    private static EpisodeRewardSpec locomotion(final RobotDescription description, final ConfigNode reward) {
        String forwardChannel = null;
        double forwardWeight = 0.0;
        if (reward.has("forward")) {
            final ConfigNode forward = reward.child("forward").requireOnlyKeys("channel", "weight");
            forwardChannel = forward.string("channel");
            checkChannel(description, forward, "channel", forwardChannel);
            if (!forwardChannel.strip().endsWith(".position") && description.spec().sensorIndex(forwardChannel) < 0) {
                throw forward.error("channel", "must be a position (<joint>.position or a sensor channel): the forward "
                    + "velocity is its change between reads over the tick period, was '" + forwardChannel + "'");
            }
            forwardWeight = forward.number("weight", 1.0);
        }
        final double healthyReward = reward.number("healthy_reward", 0.0);
        final double ctrlCostWeight = reward.nonNegativeNumber("control_cost_weight", 0.0);
        final ConfigNode healthy = reward.childOrEmpty("healthy");
        final List<String> channels = new ArrayList<>(healthy.keys());
        final double[] low = new double[channels.size()];
        final double[] high = new double[channels.size()];
        for (int i = 0; i < low.length; i++) {
            final String channel = channels.get(i);
            checkChannel(description, healthy, channel, channel);
            final ConfigNode range = healthy.child(channel).requireOnlyKeys("min", "max");
            if (!range.has("min") && !range.has("max")) {
                throw healthy.error(channel, "needs min, max or both (an open range min < value < max)");
            }
            low[i] = range.number("min", Double.NEGATIVE_INFINITY);
            high[i] = range.number("max", Double.POSITIVE_INFINITY);
            if (!(low[i] < high[i])) {
                throw healthy.error(channel, "must have min < max, was (" + low[i] + ", " + high[i] + ")");
            }
        }
        if (forwardChannel == null && healthyReward == 0.0 && ctrlCostWeight == 0.0) {
            throw reward.invalid("pays nothing: give forward, healthy_reward or control_cost_weight");
        }
        return new EpisodeRewardSpec("locomotion", forwardChannel,
            new LocomotionReward(forwardWeight, healthyReward, ctrlCostWeight), List.copyOf(channels),
            new HealthyRanges(low, high));
    }

    private static void checkChannel(final RobotDescription description, final ConfigNode node, final String field,
        final String channel) {
        try {
            StateChannel.parse(description.spec(), channel);
        } catch (final IllegalArgumentException e) {
            throw node.error(field, e.getMessage());
        }
    }

    /**
     * @return the loop period (ns).
     */
    public long periodNs() {
        return FixedRateLoopAgent.periodNsOfRateHz(rateHz);
    }
}
