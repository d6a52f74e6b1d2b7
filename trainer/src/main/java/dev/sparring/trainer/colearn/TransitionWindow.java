package dev.sparring.trainer.colearn;

import java.util.Objects;

/**
 * Transitions of one robot in one window, flat row-major arrays: tuple t is {@code (s_t, a_t, r_t, s'_t)} with
 * {@code s_t = observations[t·n_s .. (t+1)·n_s)}, and so on. The window is what a supervisor reads from a robot's log
 * for one period K; the arrays are not copied, so the caller must not change them while a computation reads them.
 *
 * @param count            the number of tuples, ≥ 0.
 * @param observationSize  n_s, ≥ 1.
 * @param actionSize       n_a, ≥ 0.
 * @param observations     {@code count × n_s} observations s.
 * @param actions          {@code count × n_a} actions a.
 * @param rewards          {@code count} rewards r.
 * @param nextObservations {@code count × n_s} next observations s'.
 */
public record TransitionWindow(int count, int observationSize, int actionSize,
                               double[] observations, double[] actions, double[] rewards, double[] nextObservations) {
    /**
     * Validates the sizes and the arrays' lengths.
     */
    public TransitionWindow {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (observationSize < 1) {
            throw new IllegalArgumentException("observationSize must be >= 1, was " + observationSize);
        }
        if (actionSize < 0) {
            throw new IllegalArgumentException("actionSize must be >= 0, was " + actionSize);
        }
        requireLength("observations", observations, (long) count * observationSize);
        requireLength("actions", actions, (long) count * actionSize);
        requireLength("rewards", rewards, count);
        requireLength("nextObservations", nextObservations, (long) count * observationSize);
    }

    /**
     * @return the size of a model's input {@code x = (s, a)}, n_s + n_a.
     */
    public int inputSize() {
        return observationSize + actionSize;
    }

    /**
     * Copies the inputs {@code x_t = (s_t, a_t)} into one row-major {@code count × (n_s + n_a)} array.
     *
     * @return the input matrix X.
     */
    public double[] inputs() {
        final int inputSize = inputSize();
        final double[] x = new double[count * inputSize];
        for (int t = 0; t < count; t++) {
            System.arraycopy(observations, t * observationSize, x, t * inputSize, observationSize);
            System.arraycopy(actions, t * actionSize, x, t * inputSize + observationSize, actionSize);
        }
        return x;
    }

    private static void requireLength(final String name, final double[] array, final long expected) {
        Objects.requireNonNull(array, name);
        if (array.length != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " values, had " + array.length);
        }
    }
}
