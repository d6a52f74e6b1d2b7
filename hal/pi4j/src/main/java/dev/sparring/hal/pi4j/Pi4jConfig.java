package dev.sparring.hal.pi4j;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code pi4j} section of a robot description, validated once at load with errors that name the field:
 * <pre>
 * pi4j:
 *   pca9685:                    # needed when a servo or motor uses its channels
 *     bus: 1                    # the I2C bus, /dev/i2c-1 (default 1)
 *     address: 64               # the board's 7-bit address, 0x40 = 64 unless its A0..A5 pads are bridged (default 64)
 *     pwm_frequency_hz: 50      # the servos' frame rate, 24..1526 (default 50)
 *   servos:                     # a servo or a motor per actuated joint; a servo joint takes position commands (rad)
 *     pan:
 *       channel: 0              # PCA9685 output 0..15
 *       pulse_us: [500, 2500]   # the pulse widths at the two calibration angles
 *       angle_rad: [-1.5708, 1.5708]  # the servo angles at those pulse widths
 *       direction: 1            # +1 or -1: joint position to servo angle
 *       offset_rad: 0.0         # the servo angle at joint position 0
 *       safe_rad: 0.0           # the safe state: hold this joint position; absent: the output goes full off (limp)
 *   motors:                     # a DC motor through an H-bridge with an LS7366R-counted encoder ({@link MotorConfig})
 *     wheel: {pwm: {pin: 18}, direction_pin: 23, encoder: {spi_bus: 0, chip_select: 0, counts_per_rev: 2048}}
 *   limit_switches:             # optional, per joint: a switch at either end (or both)
 *     tilt: {min_pin: 5, max_pin: 6, active: low}
 *   estop: {pin: 17, active: low}   # the emergency-stop input (required); low: a normally-closed switch to 3.3 V
 *   imu: {type: mpu6050, channels: {gyro_z: imu_wz}}  # optional: an MPU-6050 or BNO055 ({@link ImuConfig})
 * </pre>
 * Pins are BCM numbers 0..27, each used once (an SPI bus's clock and data pins by all its encoders); PCA9685 channels
 * too. Every servo joint needs finite position limits that the calibration covers, and a safe position within them.
 *
 * @param bus            the I2C bus number.
 * @param address        the PCA9685's 7-bit address.
 * @param pwmFrequencyHz the PWM frequency asked for.
 * @param servos         one per servo joint.
 * @param motors         one per motor joint.
 * @param limitSwitches  the limit switches.
 * @param estop          the emergency-stop input.
 * @param imu            the IMU, when there is one.
 */
public record Pi4jConfig(int bus, int address, double pwmFrequencyHz, List<ServoChannel> servos,
                         List<MotorConfig> motors, List<LimitSwitch> limitSwitches, InputPin estop,
                         Optional<ImuConfig> imu) {

    /** The section's name, the backend's name. */
    public static final String SECTION = "pi4j";

    /** Copies the lists. */
    public Pi4jConfig {
        servos = List.copyOf(servos);
        motors = List.copyOf(motors);
        limitSwitches = List.copyOf(limitSwitches);
    }

    /**
     * Reads and validates the {@code pi4j} section against the description's joints.
     *
     * @param description the robot description.
     * @return the configuration.
     * @throws ConfigException naming the field that is wrong.
     */
    public static Pi4jConfig from(final RobotDescription description) {
        final ConfigNode section = description.section(SECTION)
            .requireOnlyKeys("pca9685", "servos", "motors", "limit_switches", "estop", "imu");
        final RobotSpec spec = description.spec();
        final ConfigNode board = section.childOrEmpty("pca9685").requireOnlyKeys("bus", "address", "pwm_frequency_hz");
        final int bus = (int) board.integer("bus", 1, 0, 255);
        final int address = (int) board.integer("address", Pca9685.DEFAULT_ADDRESS, 0x03, 0x77);
        final double frequencyHz = board.positiveNumber("pwm_frequency_hz", 50.0);
        if (frequencyHz < Pca9685.MIN_FREQUENCY_HZ || frequencyHz > Pca9685.MAX_FREQUENCY_HZ) {
            throw board.error("pwm_frequency_hz", "must be in [" + Pca9685.MIN_FREQUENCY_HZ + ", "
                + Pca9685.MAX_FREQUENCY_HZ + "] (the PCA9685's prescaler range), was " + frequencyHz);
        }
        final double periodUs = 1e6 / frequencyHz;
        final ConfigNode servoNodes = section.childOrEmpty("servos");
        final ConfigNode motorNodes = section.childOrEmpty("motors");
        requireJoints(servoNodes, spec);
        requireJoints(motorNodes, spec);
        final Claims claims = new Claims();
        final List<ServoChannel> servos = new ArrayList<>();
        final List<MotorConfig> motors = new ArrayList<>();
        for (int j = 0; j < spec.jointCount(); j++) {
            final JointSpec joint = spec.joints().get(j);
            final String name = joint.name();
            if (!joint.isActuated()) {
                if (servoNodes.has(name) || motorNodes.has(name)) {
                    throw (servoNodes.has(name) ? servoNodes : motorNodes).error(name, "is a passive joint; a "
                        + (servoNodes.has(name) ? "servo" : "motor") + " drives an actuated joint");
                }
                continue;
            }
            if (servoNodes.has(name) == motorNodes.has(name)) {
                throw section.invalid("actuated joint '" + name + "' needs exactly one driver: a servo (pi4j.servos."
                    + name + ") or a motor (pi4j.motors." + name + "), " + (servoNodes.has(name) ? "has both"
                    : "has neither"));
            }
            if (motorNodes.has(name)) {
                motors.add(MotorConfig.from(motorNodes.child(name), j, joint, claims));
                continue;
            }
            final ServoChannel servo = servo(servoNodes.child(name), j, joint, periodUs);
            claims.pca9685Channel(servoNodes.child(name), "channel", servo.channel(), "joint '" + name + "'");
            servos.add(servo);
        }
        if (claims.anyPca9685Channel() != section.has("pca9685")) {
            throw section.error("pca9685", section.has("pca9685") ? "is given but no servo or motor uses a PCA9685 "
                + "channel: remove it" : "is missing: servos or motors use PCA9685 channels, so say where the board "
                + "is: pca9685: {bus: 1, address: 64, pwm_frequency_hz: 50}");
        }
        final ConfigNode estopNode = section.child("estop").requireOnlyKeys("pin", "active");
        final InputPin estop = pin(estopNode, "pin", claims, "estop");
        final ConfigNode switchNodes = section.childOrEmpty("limit_switches");
        requireJoints(switchNodes, spec);
        final List<LimitSwitch> switches = new ArrayList<>();
        for (int j = 0; j < spec.jointCount(); j++) {
            final String name = spec.joints().get(j).name();
            if (!switchNodes.has(name)) {
                continue;
            }
            final ConfigNode node = switchNodes.child(name).requireOnlyKeys("min_pin", "max_pin", "active");
            if (!node.has("min_pin") && !node.has("max_pin")) {
                throw node.invalid("needs min_pin, max_pin or both");
            }
            if (node.has("min_pin")) {
                switches.add(new LimitSwitch(j, false, pin(node, "min_pin", claims, name + " min")));
            }
            if (node.has("max_pin")) {
                switches.add(new LimitSwitch(j, true, pin(node, "max_pin", claims, name + " max")));
            }
        }
        final Optional<ImuConfig> imu = section.has("imu")
            ? Optional.of(ImuConfig.from(section.child("imu"), spec)) : Optional.empty();
        if (imu.isPresent() && claims.anyPca9685Channel() && imu.get().bus() == bus
            && imu.get().address() == address) {
            throw section.child("imu").error("address", "is " + address + ", the PCA9685's address on bus " + bus);
        }
        return new Pi4jConfig(bus, address, frequencyHz, servos, motors, switches, estop, imu);
    }

    /**
     * @return whether a servo or a motor uses the PCA9685 (else the description has none).
     */
    public boolean usesPca9685() {
        if (!servos.isEmpty()) {
            return true;
        }
        for (final MotorConfig motor : motors) {
            if (motor.pwm().onPca9685() || motor.in2().isPresent() && motor.in2().get().onPca9685()) {
                return true;
            }
        }
        return false;
    }

    private static ServoChannel servo(final ConfigNode node, final int jointIndex, final JointSpec joint,
        final double periodUs) {
        node.requireOnlyKeys("channel", "pulse_us", "angle_rad", "direction", "offset_rad", "safe_rad");
        if (!joint.commandModes().equals(Set.of(CommandMode.POSITION))) {
            throw node.invalid("joint '" + joint.name() + "' accepts " + joint.commandModes() + " commands; a hobby "
                + "servo takes position commands only: set its command_modes to [position]");
        }
        if (Double.isInfinite(joint.positionMin()) || Double.isInfinite(joint.positionMax())) {
            throw node.invalid("joint '" + joint.name() + "' needs finite position_limits: a servo has a bounded range");
        }
        final int channel = (int) node.integer("channel", -1, 0, Pca9685.CHANNELS - 1);
        if (channel < 0) {
            throw node.error("channel", "is missing: the PCA9685 output 0.." + (Pca9685.CHANNELS - 1));
        }
        final double[] pulse = pair(node, "pulse_us");
        for (int i = 0; i < 2; i++) {
            if (!(pulse[i] > 0) || pulse[i] >= periodUs) {
                throw node.error("pulse_us", "must be > 0 and below the PWM period " + periodUs + " µs, was "
                    + pulse[i]);
            }
        }
        final double[] angle = pair(node, "angle_rad");
        final double direction = node.number("direction", 1.0);
        if (direction != 1.0 && direction != -1.0) {
            throw node.error("direction", "must be 1 or -1, was " + direction);
        }
        final double offsetRad = node.number("offset_rad", 0.0);
        final double safeRad = node.has("safe_rad") ? node.number("safe_rad") : Double.NaN;
        final ServoChannel servo = new ServoChannel(jointIndex, channel, pulse[0], pulse[1], angle[0], angle[1],
            (int) direction, offsetRad, safeRad);
        final double lowRad = Math.min(angle[0], angle[1]);
        final double highRad = Math.max(angle[0], angle[1]);
        final double[] limits = {joint.positionMin(), joint.positionMax()};
        for (final double limit : limits) {
            final double servoRad = direction * limit + offsetRad;
            if (servoRad < lowRad - 1e-9 || servoRad > highRad + 1e-9) {
                throw node.error("angle_rad", "covers servo angles [" + lowRad + ", " + highRad + "] but joint '"
                    + joint.name() + "' position limit " + limit + " is servo angle " + servoRad
                    + " (direction, offset_rad): widen the calibration or narrow position_limits");
            }
        }
        if (!servo.safeOff() && (safeRad < joint.positionMin() || safeRad > joint.positionMax())) {
            throw node.error("safe_rad", "must be within joint '" + joint.name() + "' position_limits ["
                + joint.positionMin() + ", " + joint.positionMax() + "], was " + safeRad);
        }
        return servo;
    }

    private static double[] pair(final ConfigNode node, final String key) {
        final double[] values = node.numbers(key);
        if (values.length != 2 || values[0] == values[1]) {
            throw node.error(key, "must be two different numbers [at min, at max], was " + Arrays.toString(values));
        }
        return values;
    }

    private static InputPin pin(final ConfigNode node, final String key, final Claims claims, final String use) {
        final int pin = (int) node.integer(key, -1, 0, Claims.MAX_PIN);
        if (pin < 0) {
            throw node.error(key, "is missing: a BCM GPIO number 0.." + Claims.MAX_PIN);
        }
        claims.pin(node, key, pin, use);
        final String active = node.string("active", "low");
        if (!active.equals("low") && !active.equals("high")) {
            throw node.error("active", "must be low or high, was '" + active + "'");
        }
        return new InputPin(pin, active.equals("high"));
    }

    private static void requireJoints(final ConfigNode node, final RobotSpec spec) {
        for (final String key : node.keys()) {
            if (spec.jointIndex(key) < 0) {
                throw node.error(key, "is not a joint of robot '" + spec.name() + "'; joints are " + spec.jointNames());
            }
        }
    }
}
