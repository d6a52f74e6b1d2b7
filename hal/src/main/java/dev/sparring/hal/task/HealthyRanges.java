package dev.sparring.hal.task;

import java.util.Arrays;

/**
 * Open ranges {@code low < value < high}, one per element of a vector of state values: a state is healthy while every
 * value lies in its range, and an episode terminates the first step it does not (Gymnasium v4's {@code is_healthy}:
 * the height and angle ranges and the state range, which here are ranges on named quantities alike). NaN is outside
 * every range. An infinite bound is no bound. A closed range {@code [a, b]} is the open range
 * {@code (nextDown(a), nextUp(b))}: no double lies between {@code b} and {@code nextUp(b)}.
 */
public final class HealthyRanges {
    private final double[] low;
    private final double[] high;

    /**
     * @param low  the lower bound of each element (exclusive; −∞ for none).
     * @param high the upper bound of each element (exclusive; +∞ for none).
     * @throws IllegalArgumentException when the lengths differ, a bound is NaN or a range is empty.
     */
    public HealthyRanges(final double[] low, final double[] high) {
        if (low.length != high.length) {
            throw new IllegalArgumentException("healthy ranges need as many lower as upper bounds, were " + low.length
                + " and " + high.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (!(low[i] < high[i])) {
                throw new IllegalArgumentException("healthy range " + i + " must have low < high, was (" + low[i]
                    + ", " + high[i] + ")");
            }
        }
        this.low = low.clone();
        this.high = high.clone();
    }

    /**
     * @return the number of values checked.
     */
    public int size() {
        return low.length;
    }

    /**
     * @param index an element.
     * @return its exclusive lower bound.
     */
    public double low(final int index) {
        return low[index];
    }

    /**
     * @param index an element.
     * @return its exclusive upper bound.
     */
    public double high(final int index) {
        return high[index];
    }

    /**
     * @param values {@link #size()} values, in range order.
     * @return whether every value lies strictly inside its range (false when one is NaN). Allocates nothing.
     */
    public boolean healthy(final double[] values) {
        final int n = low.length;
        for (int i = 0; i < n; i++) {
            final double v = values[i];
            if (!(v > low[i] && v < high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "HealthyRanges[low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + "]";
    }
}
