package dev.sparring.hal;

/**
 * Measured state of a robot, filled by {@link RobotSystem#read(long, RobotState)} each tick. Flat preallocated
 * arrays indexed as {@link RobotSpec#joints()} and {@link RobotSpec#sensorChannels()}; reused for every tick.
 * <p>
 * {@link #sampleSequence()} increases by one for every fresh sample the backend delivers. A backend that lost its
 * feedback leaves it unchanged, which is how the safety supervisor detects stale data.
 */
public final class RobotState {
    private final double[] positions;
    private final double[] velocities;
    private final double[] efforts;
    private final double[] sensors;
    private long sampleTimeNs;
    private long sampleSequence;

    /**
     * @param spec the robot whose state this holds; fixes the array sizes.
     */
    public RobotState(final RobotSpec spec) {
        this.positions = new double[spec.jointCount()];
        this.velocities = new double[spec.jointCount()];
        this.efforts = new double[spec.jointCount()];
        this.sensors = new double[spec.sensorCount()];
    }

    /**
     * @return joint positions (rad or m), by joint index; the backing array, written by the backend.
     */
    public double[] positions() {
        return positions;
    }

    /**
     * @return joint velocities (rad/s or m/s), by joint index; the backing array.
     */
    public double[] velocities() {
        return velocities;
    }

    /**
     * @return measured or applied joint efforts (N·m or N), by joint index; the backing array.
     */
    public double[] efforts() {
        return efforts;
    }

    /**
     * @return extra sensor channel values, by channel index; the backing array.
     */
    public double[] sensors() {
        return sensors;
    }

    /**
     * @return clock time (ns) at which the backend took the current sample.
     */
    public long sampleTimeNs() {
        return sampleTimeNs;
    }

    /**
     * @return count of fresh samples delivered so far; unchanged when a read brought no new data.
     */
    public long sampleSequence() {
        return sampleSequence;
    }

    /**
     * Marks the arrays as holding a fresh sample; called by backends after filling them.
     *
     * @param timeNs clock time (ns) the sample was taken.
     */
    public void markFreshSample(final long timeNs) {
        sampleTimeNs = timeNs;
        sampleSequence++;
    }
}
