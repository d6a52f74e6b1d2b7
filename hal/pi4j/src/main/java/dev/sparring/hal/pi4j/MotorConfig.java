package dev.sparring.hal.pi4j;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.JointType;
import dev.sparring.hal.config.ConfigNode;

import java.util.Optional;
import java.util.Set;

/**
 * One {@code pi4j.motors} entry: a DC motor on an effort-commanded joint through an H-bridge, and its encoder.
 * <pre>
 * wheel:
 *   pwm: {pin: 18}          # PWM + direction wiring: the duty cycle on a hardware PWM pin or {pca9685_channel: N},
 *   direction_pin: 23       #   the direction on a GPIO output (high: negative effort)
 *   # in1: {pin: 18}        # or two-input wiring (DRV8833, TB6612 with PWMx high): positive effort PWMs IN1,
 *   # in2: {pin: 19}        #   negative IN2, the other input low
 *   frequency_hz: 20000     # hardware PWM frequency (default 20000); PCA9685 outputs use pi4j.pca9685's
 *   max_duty: 1.0           # duty = effort / max_effort, clamped to [-max_duty, max_duty] (default 1)
 *   safe: coast             # coast (every input low, default) or brake (two-input wiring only: both inputs high)
 *   encoder: {spi_bus: 0, chip_select: 0, counts_per_rev: 2048, direction: 1}   # required
 * </pre>
 *
 * @param jointIndex   the joint's index in the robot.
 * @param maxEffort  the joint's max_effort, the effort of duty 1.
 * @param pwm          the duty output (PWM + direction) or IN1 (two inputs).
 * @param in2          IN2, with two-input wiring.
 * @param directionPin the direction GPIO with PWM + direction wiring, else -1.
 * @param frequencyHz  the hardware PWM frequency.
 * @param maxDuty      the largest duty magnitude, (0, 1].
 * @param brake        whether the safe state brakes (both inputs high) rather than coasts.
 * @param encoder      the encoder.
 */
record MotorConfig(int jointIndex, double maxEffort, DutyOutputConfig pwm, Optional<DutyOutputConfig> in2,
                   int directionPin, int frequencyHz, double maxDuty, boolean brake, EncoderConfig encoder) {

    /**
     * Reads and validates a motor entry, claiming its pins and channels.
     *
     * @param node       the entry.
     * @param jointIndex the joint's index.
     * @param joint      the joint.
     * @param claims     what is taken so far.
     * @return the motor.
     * @throws dev.sparring.hal.config.ConfigException naming the field that is wrong.
     */
    static MotorConfig from(final ConfigNode node, final int jointIndex, final JointSpec joint, final Claims claims) {
        node.requireOnlyKeys("pwm", "direction_pin", "in1", "in2", "frequency_hz", "max_duty", "safe", "encoder");
        final String use = "motor '" + joint.name() + "'";
        if (!joint.commandModes().equals(Set.of(CommandMode.EFFORT))) {
            throw node.invalid("joint '" + joint.name() + "' accepts " + joint.commandModes() + " commands; a motor "
                + "through an H-bridge takes effort commands (duty = effort / max_effort): set its command_modes to "
                + "[effort]");
        }
        if (joint.type() != JointType.REVOLUTE) {
            throw node.invalid("joint '" + joint.name() + "' is " + joint.type() + "; a motor's encoder gives "
                + "counts_per_rev, so motor joints are revolute (a cart's belt drive: model the pulley as the joint)");
        }
        final boolean twoInputs = node.has("in1") || node.has("in2");
        if (twoInputs == node.has("pwm") || twoInputs && !(node.has("in1") && node.has("in2"))
            || twoInputs == node.has("direction_pin")) {
            throw node.invalid("needs one wiring: pwm and direction_pin (PWM + direction), or in1 and in2 (two PWM "
                + "inputs)");
        }
        final DutyOutputConfig pwm;
        final Optional<DutyOutputConfig> in2;
        int directionPin = -1;
        if (twoInputs) {
            pwm = DutyOutputConfig.from(node, "in1", claims, use + " in1");
            in2 = Optional.of(DutyOutputConfig.from(node, "in2", claims, use + " in2"));
        } else {
            pwm = DutyOutputConfig.from(node, "pwm", claims, use + " pwm");
            in2 = Optional.empty();
            directionPin = (int) node.integer("direction_pin", -1, 0, Claims.MAX_PIN);
            claims.pin(node, "direction_pin", directionPin, use + " direction_pin");
        }
        final boolean anyHardwarePwm = !pwm.onPca9685() || in2.isPresent() && !in2.get().onPca9685();
        if (node.has("frequency_hz") && !anyHardwarePwm) {
            throw node.error("frequency_hz", "applies to hardware PWM pins only; PCA9685 channels run at "
                + "pi4j.pca9685.pwm_frequency_hz");
        }
        final int frequencyHz = (int) node.integer("frequency_hz", 20_000, 1, 100_000);
        final double maxDuty = node.positiveNumber("max_duty", 1.0);
        if (maxDuty > 1.0) {
            throw node.error("max_duty", "must be in (0, 1], was " + maxDuty);
        }
        final String safe = node.string("safe", "coast");
        if (!safe.equals("coast") && !safe.equals("brake")) {
            throw node.error("safe", "must be coast or brake, was '" + safe + "'");
        }
        if (safe.equals("brake") && !twoInputs) {
            throw node.error("safe", "is brake, but with pwm + direction_pin the bridge's brake is not reachable "
                + "from its two signals on most boards: use safe: coast, or wire in1/in2 (both high brakes)");
        }
        if (!node.has("encoder")) {
            throw node.error("encoder", "is missing: motor joint '" + joint.name() + "' needs feedback, an LS7366R "
                + "counter: encoder: {spi_bus: 0, chip_select: 0, counts_per_rev: N}");
        }
        final EncoderConfig encoder = EncoderConfig.from(node.child("encoder"), claims, use + " encoder");
        return new MotorConfig(jointIndex, joint.effortMax(), pwm, in2, directionPin, frequencyHz, maxDuty,
            safe.equals("brake"), encoder);
    }

    /**
     * @param effort an effort command.
     * @return its signed duty, {@code effort / max_effort} clamped to [-maxDuty, maxDuty]; NaN stays NaN.
     */
    double duty(final double effort) {
        final double duty = effort / maxEffort;
        return duty > maxDuty ? maxDuty : duty < -maxDuty ? -maxDuty : duty;
    }
}
