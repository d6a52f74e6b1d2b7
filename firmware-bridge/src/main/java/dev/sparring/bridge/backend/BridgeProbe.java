package dev.sparring.bridge.backend;

import dev.sparring.bridge.link.BridgeLink;
import dev.sparring.bridge.link.LinkState;
import dev.sparring.bridge.protocol.BridgeProtocol;
import dev.sparring.bridge.serial.SerialPort;
import dev.sparring.bridge.serial.SerialPortException;
import dev.sparring.hal.ProbeReport;
import dev.sparring.hal.RobotSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.agrona.concurrent.NanoClock;

/**
 * Checks a bridge robot's link without driving anything: opens the serial port, says HELLO (the firmware's protocol
 * and firmware versions, capabilities, joint capacity and boot count) and sends one HEARTBEAT, whose STATE gives the
 * firmware's mode, latched faults, temperature and clock. It sends no CONFIGURE, CLEAR or COMMAND, so the firmware
 * stays in the mode it was found in and no joint moves.
 */
public final class BridgeProbe {
    private final RobotSpec spec;
    private final BridgeConfig config;
    private final List<String> lines = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    private BridgeProbe(final RobotSpec spec, final BridgeConfig config) {
        this.spec = spec;
        this.config = config;
    }

    /**
     * @param spec   the robot, for its joint count.
     * @param config the validated {@code bridge} section.
     * @param opener opens the port; the port is closed before this returns.
     * @param clock  the handshake's clock.
     * @return the report: the port, the firmware's identity, its state.
     */
    public static ProbeReport probe(final RobotSpec spec, final BridgeConfig config, final PortOpener opener,
        final NanoClock clock) {
        final BridgeProbe probe = new BridgeProbe(spec, config);
        final String where = "serial port " + config.port() + " at " + config.baud() + " baud";
        final SerialPort port;
        try {
            port = opener.open(warning -> probe.lines.add(where + ": " + warning));
        } catch (final SerialPortException e) {
            probe.missing.add(where);
            probe.lines.add(where + ": cannot be opened (" + e.getMessage() + ")");
            return probe.report();
        }
        probe.lines.add(where + ": open");
        try (BridgeLink link = new BridgeLink(port, spec.jointCount(), clock)) {
            if (probe.hello(link)) {
                probe.state(link);
            }
        }
        return probe.report();
    }

    private ProbeReport report() {
        return new ProbeReport(lines, missing);
    }

    private boolean hello(final BridgeLink link) {
        final String firmware = "firmware on " + config.port();
        final int version = link.hello(config.handshakeTimeoutNs());
        if (version == BridgeLink.NO_ANSWER) {
            missing.add(firmware);
            lines.add(firmware + ": no answer to HELLO within " + config.handshakeTimeoutNs() / 1_000_000 + " ms: is "
                + "it powered and running, and is " + config.baud() + " baud its rate?");
            return false;
        }
        final LinkState latest = link.latest();
        final long release = link.firmwareVersion();
        lines.add(String.format(Locale.ROOT, "%s: answers; protocol %d, firmware %d.%d.%d, capabilities %s, up to %d "
                + "joints, boot %d", firmware, version, release >>> 16 & 0xFFFF, release >>> 8 & 0xFF, release & 0xFF,
            capabilities(latest.capabilities()), latest.maxJoints(), latest.helloBootCount()));
        boolean fits = true;
        if (version != BridgeProtocol.VERSION) {
            missing.add(firmware + " speaking protocol " + BridgeProtocol.VERSION);
            lines.add(firmware + ": speaks bridge protocol " + version + ", this host speaks " + BridgeProtocol.VERSION
                + ": update the firmware or the host so that both speak the same");
            fits = false;
        }
        if (latest.maxJoints() < spec.jointCount()) {
            missing.add(firmware + " driving " + spec.jointCount() + " joints");
            lines.add(firmware + ": drives at most " + latest.maxJoints() + " joints, robot '" + spec.name()
                + "' has " + spec.jointCount() + " " + spec.jointNames());
            fits = false;
        }
        return fits;
    }

    private void state(final BridgeLink link) {
        final String firmware = "firmware on " + config.port();
        final int answer = link.heartbeat(config.handshakeTimeoutNs());
        if (answer != BridgeProtocol.STATE) {
            missing.add(firmware + "'s STATE");
            lines.add(firmware + ": " + (answer == BridgeLink.NO_ANSWER ? "no STATE" : "a FAULT ("
                + BridgeProtocol.faultName(link.lastFaultCode()) + ")") + " in answer to HEARTBEAT within "
                + config.handshakeTimeoutNs() / 1_000_000 + " ms");
            return;
        }
        final LinkState latest = link.latest();
        final StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: mode %s, faults latched %s, "
                + "%.2f °C, clock %.3f s, %s", firmware, BridgeProtocol.modeName(latest.mode()),
            faults(latest.faultBits()), latest.temperatureC(), latest.firmwareTimeUs() * 1e-6,
            latest.reportedJoints() == 0 ? "not configured (run configures it)"
                : latest.reportedJoints() + " joints configured"));
        final int shown = Math.min(latest.reportedJoints(), spec.jointCount());
        for (int j = 0; j < shown; j++) {
            text.append(String.format(Locale.ROOT, "%s %s at %.4f", j == 0 ? ":" : ",", spec.joints().get(j).name(),
                latest.positions()[j]));
        }
        lines.add(text.toString());
    }

    private static String capabilities(final long bits) {
        final List<String> names = new ArrayList<>();
        addIf(names, bits, BridgeProtocol.CAP_EFFORT, "effort");
        addIf(names, bits, BridgeProtocol.CAP_PD, "PD");
        addIf(names, bits, BridgeProtocol.CAP_DAMPING, "damping");
        addIf(names, bits, BridgeProtocol.CAP_SIMULATED, "simulated plant");
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static void addIf(final List<String> names, final long bits, final int bit, final String name) {
        if ((bits & bit) != 0) {
            names.add(name);
        }
    }

    /** The latched faults' names, bit = code − 1. */
    private static String faults(final int bits) {
        final List<String> names = new ArrayList<>();
        for (int bit = 0; bit < Integer.SIZE; bit++) {
            if ((bits & 1 << bit) != 0) {
                names.add(BridgeProtocol.faultName(bit + 1));
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
