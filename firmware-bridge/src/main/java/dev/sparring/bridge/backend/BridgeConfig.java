package dev.sparring.bridge.backend;

import dev.sparring.bridge.protocol.BridgeProtocol;
import dev.sparring.hal.CommandMode;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;

/**
 * The {@code bridge} section of a robot description, validated once at load with errors that name the field:
 * <pre>
 * bridge:
 *   port: /dev/ttyACM0          # the serial device of the joint firmware (required)
 *   baud: 1000000               # any rate; non-standard ones through termios2 (default 1 000 000)
 *   control_mode: effort        # effort | pd: what the firmware's control law is (pd: position and velocity
 *                               #   commands, tracked by the firmware's PD loop with the gains below)
 *   gains:                      # pd only: per joint commanded in position or velocity mode
 *     hip: {kp: 20.0, kd: 0.5}
 *   safe_mode: damping          # zero_torque | damping: what the firmware holds when the watchdog trips or on a fault
 *   safe_kd: 1.0                # damping's gain (N·m·s/rad or N·s/m), > 0 for damping
 *   watchdog_ms: 50             # the firmware's watchdog: no command for this long and it goes safe (1..60000)
 *   stale_ms: 10                # the host reports ERROR when no state has arrived for this long
 *   link_errors_per_s: 0        # damaged or missing frames tolerated per second (a token bucket; 0: none, the
 *                               #   first one is an ERROR and the robot goes safe)
 *   handshake_timeout_ms: 2000  # how long configure waits for each answer of the firmware
 * </pre>
 * The firmware's limits are the joints' (position limits, max velocity, max effort; a passive joint gets max effort 0,
 * so the firmware never drives it).
 *
 * @param port               the serial device path.
 * @param baud               the baud rate.
 * @param pd                 whether the firmware runs its PD law (else effort only).
 * @param kp                 per joint, the position gain of position commands (0 where unused).
 * @param kd                 per joint, the velocity gain of position and velocity commands (0 where unused).
 * @param damping            whether the safe state is damping (else zero torque).
 * @param safeKd             damping's gain.
 * @param watchdogMs         the firmware's watchdog timeout.
 * @param staleNs            no state for longer than this is an error.
 * @param linkErrorsPerS     damaged or missing frames tolerated per second (and at once).
 * @param handshakeTimeoutNs how long a lifecycle transition waits for each answer.
 */
public record BridgeConfig(String port, int baud, boolean pd, double[] kp, double[] kd, boolean damping, double safeKd,
                           int watchdogMs, long staleNs, double linkErrorsPerS, long handshakeTimeoutNs) {

    /** The section's name, the backend's name. */
    public static final String SECTION = "bridge";

    /** Copies the gain arrays. */
    public BridgeConfig {
        kp = kp.clone();
        kd = kd.clone();
    }

    /**
     * Reads and validates the {@code bridge} section against the description's joints.
     *
     * @param description the robot description.
     * @return the configuration.
     * @throws ConfigException naming the field that is wrong.
     */
    public static BridgeConfig from(final RobotDescription description) {
        final ConfigNode section = description.section(SECTION).requireOnlyKeys("port", "baud", "control_mode",
            "gains", "safe_mode", "safe_kd", "watchdog_ms", "stale_ms", "link_errors_per_s", "handshake_timeout_ms");
        final RobotSpec spec = description.spec();
        if (spec.jointCount() > BridgeProtocol.MAX_JOINTS) {
            throw section.invalid("drives at most " + BridgeProtocol.MAX_JOINTS + " joints per firmware link, the robot "
                + "has " + spec.jointCount());
        }
        final String port = section.string("port");
        if (port.isBlank()) {
            throw section.error("port", "must name a serial device, e.g. /dev/ttyACM0");
        }
        final int baud = (int) section.integer("baud", 1_000_000, 50, 16_000_000);
        final boolean pd = choice(section, "control_mode", "effort", "pd");
        final boolean damping = choice(section, "safe_mode", "zero_torque", "damping");
        final double safeKd = section.nonNegativeNumber("safe_kd", damping ? 1.0 : 0.0);
        if (damping && !(safeKd > 0)) {
            throw section.error("safe_kd", "must be > 0 for safe_mode damping, was " + safeKd);
        }
        final int watchdogMs = (int) section.integer("watchdog_ms", 50, 1, 60_000);
        final long staleMs = section.integer("stale_ms", 10, 1, 60_000);
        final double linkErrorsPerS = section.nonNegativeNumber("link_errors_per_s", 0.0);
        final long handshakeMs = section.integer("handshake_timeout_ms", 2_000, 10, 600_000);
        final double[] kp = new double[spec.jointCount()];
        final double[] kd = new double[spec.jointCount()];
        final ConfigNode gains = section.childOrEmpty("gains");
        for (final String joint : gains.keys()) {
            if (spec.jointIndex(joint) < 0) {
                throw gains.error(joint, "is not a joint of robot '" + spec.name() + "'; joints are "
                    + spec.jointNames());
            }
        }
        for (int j = 0; j < spec.jointCount(); j++) {
            final JointSpec joint = spec.joints().get(j);
            final boolean tracked = joint.commandModes().contains(CommandMode.POSITION)
                || joint.commandModes().contains(CommandMode.VELOCITY);
            if (tracked && !pd) {
                throw section.error("control_mode", "is effort, but joint '" + joint.name() + "' accepts "
                    + joint.commandModes() + " commands: position and velocity need control_mode pd");
            }
            if (gains.has(joint.name())) {
                final ConfigNode gain = gains.child(joint.name()).requireOnlyKeys("kp", "kd");
                kp[j] = gain.nonNegativeNumber("kp", 0.0);
                kd[j] = gain.nonNegativeNumber("kd", 0.0);
            } else if (tracked) {
                throw gains.error(joint.name(), "is missing: joint '" + joint.name() + "' is commanded in "
                    + joint.commandModes() + " and the firmware's PD law needs its kp and kd");
            }
        }
        return new BridgeConfig(port, baud, pd, kp, kd, damping, safeKd, watchdogMs, staleMs * 1_000_000L,
            linkErrorsPerS, handshakeMs * 1_000_000L);
    }

    @Override
    public double[] kp() {
        return kp.clone();
    }

    @Override
    public double[] kd() {
        return kd.clone();
    }

    /** Reads a two-way choice; returns whether it is the second spelling. */
    private static boolean choice(final ConfigNode section, final String key, final String first,
        final String second) {
        final String value = section.string(key, first);
        if (value.equals(first)) {
            return false;
        }
        if (value.equals(second)) {
            return true;
        }
        throw section.error(key, "must be " + first + " or " + second + ", was '" + value + "'");
    }
}
