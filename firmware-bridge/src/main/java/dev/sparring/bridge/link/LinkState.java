package dev.sparring.bridge.link;

/**
 * The firmware as the last STATE, FAULT and HELLO_REPLY described it, updated in place by {@link BridgeLink}: what
 * the robot system reads each tick.
 */
public final class LinkState {
    final double[] positions;
    final double[] velocities;
    final double[] efforts;
    int mode = -1;
    int faultBits;
    double temperatureC;
    long firmwareTimeUs;
    long firmwareCrcErrors;
    long firmwareSequenceGaps;
    int lastCommandApplied = -1;
    long receivedNs;
    long states;
    long faults;
    int lastFaultCode;
    long lastFaultFirmwareTimeUs;
    long capabilities;
    int maxJoints;
    long helloBootCount = -1;
    int reportedJoints = -1;
    boolean restarted;

    LinkState(final int joints) {
        positions = new double[joints];
        velocities = new double[joints];
        efforts = new double[joints];
    }

    /** @return measured positions (rad or m), live. */
    public double[] positions() {
        return positions;
    }

    /** @return measured velocities, live. */
    public double[] velocities() {
        return velocities;
    }

    /** @return efforts the firmware applied, live. */
    public double[] efforts() {
        return efforts;
    }

    /** @return the firmware's mode ({@code BridgeProtocol.MODE_*}), −1 before any state. */
    public int mode() {
        return mode;
    }

    /** @return the latched fault bits. */
    public int faultBits() {
        return faultBits;
    }

    /** @return the board temperature (°C). */
    public double temperatureC() {
        return temperatureC;
    }

    /** @return the firmware clock of the last state (µs since its boot, wrapping at 2³²). */
    public long firmwareTimeUs() {
        return firmwareTimeUs;
    }

    /** @return CRC errors the firmware has seen in what the host sent. */
    public long firmwareCrcErrors() {
        return firmwareCrcErrors;
    }

    /** @return sequence gaps the firmware has seen in what the host sent. */
    public long firmwareSequenceGaps() {
        return firmwareSequenceGaps;
    }

    /** @return the sequence number of the last COMMAND the firmware applied, −1 before any. */
    public int lastCommandApplied() {
        return lastCommandApplied;
    }

    /** @return the host clock when the last state arrived (ns; 0 before any). */
    public long receivedNs() {
        return receivedNs;
    }

    /** @return states received. */
    public long states() {
        return states;
    }

    /** @return FAULT frames received. */
    public long faults() {
        return faults;
    }

    /** @return the last FAULT's code, 0 before any. */
    public int lastFaultCode() {
        return lastFaultCode;
    }

    /** @return the firmware clock in the last FAULT (µs). */
    public long lastFaultFirmwareTimeUs() {
        return lastFaultFirmwareTimeUs;
    }

    /** @return the capability bits of the last HELLO_REPLY. */
    public long capabilities() {
        return capabilities;
    }

    /** @return the most joints the firmware drives, from its last HELLO_REPLY. */
    public int maxJoints() {
        return maxJoints;
    }

    /** @return the firmware's boot count from its last HELLO_REPLY, or -1 before one. */
    public long helloBootCount() {
        return helloBootCount;
    }

    /** @return the number of joints the last STATE described (0 before CONFIGURE), or -1 before a STATE. */
    public int reportedJoints() {
        return reportedJoints;
    }

    /** @return whether the firmware restarted since the link last resynchronised. */
    public boolean restarted() {
        return restarted;
    }
}
