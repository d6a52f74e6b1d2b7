package dev.sparring.trainer.eval;

/**
 * One training run's (one seed's) metric against environment steps, e.g. the mean episodic return, in the order it
 * was logged.
 */
public final class LearningCurve {
    private final double[] steps;
    private final double[] values;

    /**
     * @param steps  environment steps at which the metric was logged, non-decreasing (repeats allowed).
     * @param values the metric's values, as many, finite.
     */
    public LearningCurve(final double[] steps, final double[] values) {
        if (steps.length == 0 || steps.length != values.length) {
            throw new IllegalArgumentException("a learning curve needs as many steps as values and at least one, was "
                + steps.length + " steps and " + values.length + " values");
        }
        for (int i = 0; i < steps.length; i++) {
            if (!Double.isFinite(steps[i]) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException("learning curve point " + i + " must be finite, was step "
                    + steps[i] + " value " + values[i]);
            }
            if (i > 0 && steps[i] < steps[i - 1]) {
                throw new IllegalArgumentException("learning curve steps must be non-decreasing, but point " + i
                    + " has step " + steps[i] + " after " + steps[i - 1]);
            }
        }
        this.steps = steps.clone();
        this.values = values.clone();
    }

    /**
     * @return the number of logged points.
     */
    public int size() {
        return steps.length;
    }

    /**
     * @param index a point.
     * @return its environment step.
     */
    public double step(final int index) {
        return steps[index];
    }

    /**
     * @param index a point.
     * @return the metric's value there.
     */
    public double value(final int index) {
        return values[index];
    }
}
