package dev.sparring.hal.safety;

/**
 * Limits how fast each channel of a command may change: at most {@code maxRatePerS · dtS} per step. Holds the last
 * output of each channel; {@link #reset(int, double)} seeds it from the measured state on (re)activation so the
 * first command starts where the robot is, never at a stale target.
 */
public final class RateLimiter {
    private final double[] maxRatePerS;
    private final double[] last;

    /**
     * @param maxRatePerS per channel, the largest change per second (&gt; 0); {@code Double.POSITIVE_INFINITY}
     *                    disables limiting for that channel.
     */
    public RateLimiter(final double[] maxRatePerS) {
        for (int i = 0; i < maxRatePerS.length; i++) {
            if (!(maxRatePerS[i] > 0)) {
                throw new IllegalArgumentException("rate limit of channel " + i + " must be > 0, was "
                    + maxRatePerS[i]);
            }
        }
        this.maxRatePerS = maxRatePerS.clone();
        this.last = new double[maxRatePerS.length];
    }

    /**
     * Moves a channel towards {@code target} by at most its rate limit.
     *
     * @param channel channel index.
     * @param target  the requested value.
     * @param dtS     time since the previous step (s).
     * @return the limited value, also remembered as the channel's last output.
     */
    public double limit(final int channel, final double target, final double dtS) {
        final double maxStep = maxRatePerS[channel] * dtS;
        final double previous = last[channel];
        final double output = JointLimits.clamp(target, previous - maxStep, previous + maxStep);
        last[channel] = output;
        return output;
    }

    /**
     * Sets a channel's last output, e.g. to the measured position when the controller (re)activates.
     *
     * @param channel channel index.
     * @param value   the value to continue from.
     */
    public void reset(final int channel, final double value) {
        last[channel] = value;
    }

    /**
     * @param channel channel index.
     * @return the channel's last output.
     */
    public double last(final int channel) {
        return last[channel];
    }
}
