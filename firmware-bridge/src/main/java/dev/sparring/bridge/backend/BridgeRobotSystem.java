package dev.sparring.bridge.backend;

import dev.sparring.bridge.link.BridgeLink;
import dev.sparring.bridge.link.LinkCounters;
import dev.sparring.bridge.link.LinkState;
import dev.sparring.bridge.protocol.BridgeProtocol;
import dev.sparring.bridge.protocol.CommandFlyweight;
import dev.sparring.bridge.protocol.ConfigureFlyweight;
import dev.sparring.bridge.serial.SerialPort;
import dev.sparring.bridge.serial.SerialPortException;
import dev.sparring.hal.AbstractRobotSystem;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.LifecycleState;
import dev.sparring.hal.ReturnCode;
import dev.sparring.hal.RobotCommand;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.RobotState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.NanoClock;

/**
 * Joints driven by microcontroller firmware over the bridge protocol (docs/bridge-protocol.md): the {@code bridge}
 * backend's robot system. Configure opens the port, says HELLO (refusing a firmware of another protocol version, naming
 * both) and sends CONFIGURE (the joints' limits, the control and safe modes, the watchdog); activate sends CLEAR and
 * waits for READY; each tick {@link #read} takes the firmware's latest STATE and {@link #write} sends one COMMAND.
 * <p>
 * A read answers ERROR — and hal's error path puts the robot in its safe state in the same tick — when the state is
 * stale (a command or heartbeat unanswered for {@code stale_ms}), when the firmware has left ACTIVE or sent a FAULT, when it restarted, when frames
 * arrive damaged or missing (CRC, COBS, length, sequence gaps; {@code link_errors_per_s} may tolerate a few), or when
 * the port is gone. The safe state on the host's side is CLEAR: the firmware stops applying commands and holds its
 * outputs safe. A restart or a lost port leave the system UNCONFIGURED ({@link #onError()}), so the next
 * configure says HELLO again; otherwise it is INACTIVE and activate re-seeds from the measured state.
 * <p>
 * Serial I/O happens on the control thread, non-blocking: a read drains what the port holds, a write queues one frame
 * of at most 170 bytes. Nothing is allocated per tick.
 */
public final class BridgeRobotSystem extends AbstractRobotSystem {
    /** Largest float the firmware compares against: a joint without a limit. */
    private static final float NO_LIMIT = Float.MAX_VALUE;

    private final BridgeConfig config;
    private final PortOpener opener;
    private final List<String> warnings = new ArrayList<>();
    private final NanoClock clock;
    private final int joints;
    private final boolean[] actuated;
    private final double[] kp;
    private final double[] kd;
    private SerialPort port;
    private BridgeLink link;
    private long statesSeen;
    private long faultsSeen;
    private long linkErrorsSeen;
    private double linkErrorBudget;
    private long budgetUpdatedNs;
    private boolean commanded;
    private BridgeError lastError = BridgeError.NONE;
    private int lastErrorDetail;
    private String lastTransitionProblem = "";

    /**
     * @param spec   the robot's joints.
     * @param config the backend section.
     * @param opener opens the port, at every configure after the port was lost (a device path, or a port the caller
     *               holds open, such as a pseudo-terminal's master).
     * @param clock  the clock of state ages and round trips.
     */
    public BridgeRobotSystem(final RobotSpec spec, final BridgeConfig config, final PortOpener opener,
        final NanoClock clock) {
        super(spec, false);
        this.config = config;
        this.opener = opener;
        this.clock = clock;
        this.joints = spec.jointCount();
        this.actuated = new boolean[joints];
        for (int j = 0; j < joints; j++) {
            actuated[j] = spec.joints().get(j).isActuated();
        }
        this.kp = config.kp();
        this.kd = config.kd();
    }

    @Override
    protected ReturnCode onConfigure() {
        lastTransitionProblem = "";
        if (link == null || link.isGone()) {
            final SerialPort opened;
            try {
                opened = opener.open(warnings::add);
            } catch (final SerialPortException e) {
                return refuse(e.getMessage());
            }
            if (port != null && port != opened) {
                port.close();
            }
            port = opened;
            link = new BridgeLink(port, joints, clock);
        } else {
            link.resynchronise();
        }
        final int version = link.hello(config.handshakeTimeoutNs());
        if (version == BridgeLink.NO_ANSWER) {
            return refuse("the firmware on " + config.port() + " did not answer HELLO within "
                + config.handshakeTimeoutNs() / 1_000_000 + " ms" + (link.isGone() ? " (the port is gone)" : "")
                + ": is it powered and running, and is the baud rate (" + config.baud() + ") its rate?");
        }
        if (version != BridgeProtocol.VERSION) {
            return refuse("the firmware on " + config.port() + " speaks bridge protocol " + version + ", this host "
                + "speaks " + BridgeProtocol.VERSION + ": update the firmware or the host so that both speak the same");
        }
        fillConfiguration(link.configuration());
        final int answer = link.configure(config.handshakeTimeoutNs());
        if (answer == BridgeProtocol.FAULT) {
            return refuse("the firmware on " + config.port() + " refused CONFIGURE: "
                + BridgeProtocol.faultName(link.lastFaultCode()));
        }
        if (answer != BridgeProtocol.STATE) {
            return refuse("the firmware on " + config.port() + " did not answer CONFIGURE within "
                + config.handshakeTimeoutNs() / 1_000_000 + " ms");
        }
        lastError = BridgeError.NONE;
        return ReturnCode.OK;
    }

    @Override
    protected ReturnCode onActivate() {
        final int answer = link.clear(config.handshakeTimeoutNs());
        final LinkState latest = link.latest();
        if (answer != BridgeProtocol.STATE || latest.mode() != BridgeProtocol.MODE_READY) {
            return refuse("the firmware on " + config.port() + " did not come back READY after CLEAR ("
                + (answer == BridgeLink.NO_ANSWER ? "no answer" : "mode " + BridgeProtocol.modeName(latest.mode()))
                + ")");
        }
        commanded = false;
        statesSeen = latest.states();
        faultsSeen = latest.faults();
        linkErrorsSeen = link.counters().linkErrors();
        linkErrorBudget = config.linkErrorsPerS();
        budgetUpdatedNs = clock.nanoTime();
        lastError = BridgeError.NONE;
        return ReturnCode.OK;
    }

    @Override
    protected ReturnCode onShutdown() {
        if (link != null) {
            if (!link.isGone()) {
                link.clear(Math.min(config.handshakeTimeoutNs(), 100_000_000L));
            }
            link.close();
            link = null;
            port = null;
        }
        return ReturnCode.OK;
    }

    @Override
    protected void applySafeState() {
        if (link != null) {
            link.sendClear();
            commanded = false;
        }
    }

    @Override
    protected ReturnCode onRead(final long nowNs, final RobotState state) {
        if (link.poll() < 0) {
            return fail(BridgeError.PORT_GONE, 0);
        }
        final LinkState latest = link.latest();
        if (latest.restarted()) {
            return fail(BridgeError.FIRMWARE_RESTARTED, 0);
        }
        final long linkErrors = link.counters().linkErrors();
        if (linkErrors != linkErrorsSeen) {
            final long clockNs = clock.nanoTime();
            linkErrorBudget = Math.min(config.linkErrorsPerS(),
                linkErrorBudget + config.linkErrorsPerS() * (clockNs - budgetUpdatedNs) * 1e-9)
                - (linkErrors - linkErrorsSeen);
            budgetUpdatedNs = clockNs;
            linkErrorsSeen = linkErrors;
            if (linkErrorBudget < 0) {
                return fail(BridgeError.LINK_ERRORS, (int) Math.min(Integer.MAX_VALUE, linkErrors));
            }
        }
        if (latest.faults() != faultsSeen) {
            faultsSeen = latest.faults();
            return fail(BridgeError.FIRMWARE_FAULT, latest.lastFaultCode());
        }
        if (lifecycleState() == LifecycleState.ACTIVE && commanded && latest.lastCommandApplied() >= 0
            && latest.mode() != BridgeProtocol.MODE_ACTIVE && latest.mode() != BridgeProtocol.MODE_READY) {
            return fail(BridgeError.FIRMWARE_LEFT_ACTIVE, latest.mode());
        }
        final long awaitingSinceNs = link.awaitingSinceNs();
        if (latest.states() == 0 || awaitingSinceNs != 0 && clock.nanoTime() - awaitingSinceNs > config.staleNs()) {
            return fail(BridgeError.STALE_STATE, 0);
        }
        System.arraycopy(latest.positions(), 0, state.positions(), 0, joints);
        System.arraycopy(latest.velocities(), 0, state.velocities(), 0, joints);
        System.arraycopy(latest.efforts(), 0, state.efforts(), 0, joints);
        if (latest.states() != statesSeen) {
            statesSeen = latest.states();
            state.markFreshSample(nowNs);
        }
        if (lifecycleState() != LifecycleState.ACTIVE && awaitingSinceNs == 0) {
            link.sendHeartbeat();
        }
        return ReturnCode.OK;
    }

    @Override
    protected ReturnCode onWrite(final RobotCommand command) {
        final CommandFlyweight frame = link.command().jointCount(joints);
        final double[] values = command.values();
        for (int j = 0; j < joints; j++) {
            final double value = values[j];
            float position = 0f;
            float velocity = 0f;
            float effort = 0f;
            float positionGain = 0f;
            float velocityGain = 0f;
            if (actuated[j] && !Double.isNaN(value)) {
                switch (command.mode(j)) {
                    case EFFORT -> effort = (float) value;
                    case POSITION -> {
                        position = (float) value;
                        positionGain = (float) kp[j];
                        velocityGain = (float) kd[j];
                    }
                    case VELOCITY -> {
                        velocity = (float) value;
                        velocityGain = (float) kd[j];
                    }
                }
            }
            frame.positionTarget(j, position).velocityTarget(j, velocity).effort(j, effort).kp(j, positionGain)
                .kd(j, velocityGain);
        }
        if (!link.sendCommand()) {
            return fail(BridgeError.WRITE_FAILED, 0);
        }
        commanded = true;
        return ReturnCode.OK;
    }

    /**
     * A lost port or a restarted firmware must be configured again (HELLO, CONFIGURE); anything else leaves the link
     * up and the system INACTIVE.
     */
    @Override
    protected ReturnCode onError() {
        return link == null || link.isGone() || link.latest().restarted() ? ReturnCode.ERROR : ReturnCode.OK;
    }

    private ReturnCode fail(final BridgeError cause, final int detail) {
        lastError = cause;
        lastErrorDetail = detail;
        return ReturnCode.ERROR;
    }

    private ReturnCode refuse(final String problem) {
        lastTransitionProblem = problem;
        return ReturnCode.ERROR;
    }

    private void fillConfiguration(final ConfigureFlyweight configure) {
        configure.jointCount(joints)
            .controlMode(config.pd() ? BridgeProtocol.CONTROL_PD : BridgeProtocol.CONTROL_EFFORT)
            .safeMode(config.damping() ? BridgeProtocol.SAFE_DAMPING : BridgeProtocol.SAFE_ZERO_TORQUE)
            .watchdogTimeoutMs(config.watchdogMs())
            .safeKd((float) config.safeKd());
        for (int j = 0; j < joints; j++) {
            final JointSpec joint = spec().joints().get(j);
            configure.positionMin(j, Double.isInfinite(joint.positionMin()) ? -NO_LIMIT : (float) joint.positionMin())
                .positionMax(j, Double.isInfinite(joint.positionMax()) ? NO_LIMIT : (float) joint.positionMax())
                .velocityMax(j, (float) joint.velocityMax())
                .effortMax(j, joint.isActuated() ? (float) joint.effortMax() : 0f);
        }
    }

    /**
     * Why the last transition or tick failed, for people (built here, off the control thread).
     *
     * @return the reason, or empty when nothing failed.
     */
    @Override
    public String statusMessage() {
        if (!lastTransitionProblem.isEmpty()) {
            return lastTransitionProblem;
        }
        return switch (lastError) {
            case NONE -> "";
            case PORT_GONE -> "the serial port " + config.port() + " is gone (unplugged, or the firmware closed it)";
            case FIRMWARE_RESTARTED -> "the firmware restarted (boot count or clock went back)";
            case LINK_ERRORS -> "frames from the firmware were damaged or lost (" + lastErrorDetail
                + " so far) beyond link_errors_per_s " + config.linkErrorsPerS();
            case FIRMWARE_FAULT -> "the firmware reported FAULT " + BridgeProtocol.faultName(lastErrorDetail);
            case FIRMWARE_LEFT_ACTIVE -> "the firmware left ACTIVE for " + BridgeProtocol.modeName(lastErrorDetail);
            case STALE_STATE -> "the firmware left a command unanswered for more than " + config.staleNs() / 1_000_000
                + " ms";
            case WRITE_FAILED -> "a command could not be written to " + config.port();
        };
    }

    /**
     * @return what opening the port found worth saying (a USB-serial adapter's latency timer above 1 ms).
     */
    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The link's counters and round trips, for a run's summary.
     *
     * @return a few lines, or empty before the link opened.
     */
    @Override
    public String diagnostics() {
        if (link == null) {
            return "";
        }
        final LinkCounters c = link.counters();
        final Histogram rtt = link.roundTrips();
        final LinkState latest = link.latest();
        final long version = link.firmwareVersion();
        return String.format(Locale.ROOT, "bridge link      %s: firmware %d.%d.%d, %.2f °C; %d commands, %d frames in "
                + "(%d bytes in, %d out), %d CRC errors, %d COBS errors, %d malformed, %d oversize, %d sequence gaps, "
                + "%d unexpected, %d short writes, %d faults, %d restarts; firmware saw %d CRC errors and %d gaps%n"
                + "round trip       command sent -> its state read by the loop: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, "
                + "max %.1f µs (%d; the wire's own: ./sparring bench bridge)%n",
            config.port(), version >> 16, (version >> 8) & 0xFF, version & 0xFF, latest.temperatureC(),
            c.commandsSent(), c.framesIn(), c.bytesIn(), c.bytesOut(), c.crcErrors(), c.cobsErrors(),
            c.malformedFrames(), c.oversizeFrames(), c.sequenceGaps(), c.unexpectedFrames(), c.shortWrites(),
            c.faults(), c.restarts(), latest.firmwareCrcErrors(), latest.firmwareSequenceGaps(),
            rtt.getValueAtPercentile(50) / 1e3, rtt.getValueAtPercentile(99) / 1e3,
            rtt.getValueAtPercentile(99.9) / 1e3, rtt.getMaxValue() / 1e3, rtt.getTotalCount());
    }

    /**
     * @return the link (null before configure or after shutdown), for tests and benchmarks.
     */
    public BridgeLink link() {
        return link;
    }

    /**
     * @return the cause of the last tick's ERROR.
     */
    public BridgeError lastError() {
        return lastError;
    }
}
