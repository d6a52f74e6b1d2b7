package dev.sparring.trainer.algo;

/**
 * A minibatch gathered from a rollout into contiguous arrays (standardised observations, actions, old
 * log-likelihoods, advantages, return targets, old values, loss weights), so the networks see one dense batch.
 * Preallocated.
 */
final class MinibatchRows {
    private final int size;
    private final int observationSize;
    private final int actionSize;
    private final double[] observations;
    private final double[] actions;
    private final double[] logProbs;
    private final double[] advantages;
    private final double[] returns;
    private final double[] values;
    private final double[] weights;

    MinibatchRows(final int size, final int observationSize, final int actionSize) {
        this.size = size;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.observations = new double[size * observationSize];
        this.actions = new double[size * actionSize];
        this.logProbs = new double[size];
        this.advantages = new double[size];
        this.returns = new double[size];
        this.values = new double[size];
        this.weights = new double[size];
    }

    /** Copies rows {@code order[start .. start + size)} of the buffer. */
    void gather(final RolloutBuffer buffer, final int[] order, final int start) {
        final int d = observationSize;
        final int a = actionSize;
        final double[] bufferObservations = buffer.observations();
        final double[] bufferActions = buffer.actions();
        for (int i = 0; i < size; i++) {
            final int row = order[start + i];
            System.arraycopy(bufferObservations, row * d, observations, i * d, d);
            System.arraycopy(bufferActions, row * a, actions, i * a, a);
            logProbs[i] = buffer.logProbs()[row];
            advantages[i] = buffer.advantages()[row];
            returns[i] = buffer.returns()[row];
            values[i] = buffer.values()[row];
            weights[i] = buffer.weights()[row];
        }
    }

    /** Standardises the advantages with the statistics of the whole minibatch: {@code (A − mean)·inverseStd}. */
    void standardizeAdvantages(final double mean, final double inverseStd) {
        for (int i = 0; i < size; i++) {
            advantages[i] = (advantages[i] - mean) * inverseStd;
        }
    }

    double[] observations() {
        return observations;
    }

    double[] actions() {
        return actions;
    }

    double[] logProbs() {
        return logProbs;
    }

    double[] advantages() {
        return advantages;
    }

    double[] returns() {
        return returns;
    }

    double[] values() {
        return values;
    }

    double[] weights() {
        return weights;
    }
}
