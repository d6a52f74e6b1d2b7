package dev.sparring.trainer.algo;

import dev.sparring.trainer.nn.DiagonalGaussian;
import dev.sparring.trainer.nn.Mlp;

/**
 * One thread's part of a PPO minibatch: a contiguous share of its rows, gathered into its own arrays and pushed
 * through its own copy of the policy and value networks, leaving the gradients of the whole minibatch's mean loss
 * restricted to those rows (so the shards' gradients add up to the minibatch gradient) and partial sums of the
 * statistics.
 */
final class PpoShard {
    private final GaussianPolicy policy;
    private final Mlp value;
    private final int from;
    private final int count;
    private final MinibatchRows rows;
    private final double[] logProb;
    private final double[] dLogProb;
    private final double[] dValue;
    private double klSum;
    private double policyLossSum;
    private double valueLossSum;
    private double clippedWeight;
    private double weightSum;

    PpoShard(final GaussianPolicy policy, final Mlp value, final int from, final int count) {
        this.policy = policy;
        this.value = value;
        this.from = from;
        this.count = count;
        this.rows = new MinibatchRows(count, policy.observationSize(), policy.actionSize());
        this.logProb = new double[count];
        this.dLogProb = new double[count];
        this.dValue = new double[count];
    }

    /**
     * Gathers this shard's rows of the minibatch starting at {@code start} in {@code order} and accumulates the
     * gradients of {@code mean_minibatch(w (max(−A r, −A clip(r)) + c_V ½(V − R)²)) − c_H H} into the networks, w
     * the rows' weights ({@link RolloutBuffer#weights()}; 1 for a learner's own on-policy rows). The statistics
     * (KL, losses, clipped rows) are w-weighted sums.
     */
    void computeGradients(final RolloutBuffer buffer, final int[] order, final int start, final int minibatchSize,
        final double advantageMean, final double advantageInverseStd, final PpoConfig config) {
        rows.gather(buffer, order, start + from);
        rows.standardizeAdvantages(advantageMean, advantageInverseStd);
        policyGradients(minibatchSize, config);
        valueGradients(minibatchSize, config);
    }

    private void policyGradients(final int minibatchSize, final PpoConfig config) {
        final Mlp meanNetwork = policy.mean();
        final DiagonalGaussian head = policy.head();
        policy.zeroGradients();
        final double[] mu = meanNetwork.forward(rows.observations(), count);
        head.logLikelihood(mu, rows.actions(), count, logProb);
        final double[] oldLogProb = rows.logProbs();
        final double[] advantages = rows.advantages();
        final double[] weights = rows.weights();
        final double epsilon = config.clipRange();
        double loss = 0.0;
        double kl = 0.0;
        double clipped = 0.0;
        for (int i = 0; i < count; i++) {
            final double w = weights[i];
            final double logRatio = logProb[i] - oldLogProb[i];
            final double ratio = Math.exp(logRatio);
            kl += w * ((ratio - 1.0) - logRatio);
            if (Math.abs(ratio - 1.0) > epsilon) {
                clipped += w;
            }
            final double a = advantages[i];
            final double unclipped = -a * ratio;
            final double clippedLoss = -a * Math.max(1.0 - epsilon, Math.min(1.0 + epsilon, ratio));
            loss += w * Math.max(unclipped, clippedLoss);
            dLogProb[i] = unclipped >= clippedLoss ? w * unclipped / minibatchSize : 0.0;
        }
        klSum = kl;
        policyLossSum = loss;
        clippedWeight = clipped;
        double weightTotal = 0.0;
        for (int i = 0; i < count; i++) {
            weightTotal += weights[i];
        }
        weightSum = weightTotal;
        meanNetwork.backward(head.backwardLogLikelihood(mu, rows.actions(), dLogProb, count), count);
        if (from == 0) {
            final double[] logStdGradient = head.logStdGradient();
            for (int i = 0; i < logStdGradient.length; i++) {
                logStdGradient[i] -= config.entropyCoefficient();
            }
        }
    }

    private void valueGradients(final int minibatchSize, final PpoConfig config) {
        value.zeroGradients();
        final double[] v = value.forward(rows.observations(), count);
        final double[] targets = rows.returns();
        final double[] oldValues = rows.values();
        final double[] weights = rows.weights();
        final double epsilon = config.clipRange();
        final double scale = config.valueCoefficient() / minibatchSize;
        double loss = 0.0;
        for (int i = 0; i < count; i++) {
            final double w = weights[i];
            final double error = v[i] - targets[i];
            if (config.clipValueLoss()) {
                final double change = v[i] - oldValues[i];
                final double clippedChange = Math.max(-epsilon, Math.min(epsilon, change));
                final double clippedError = oldValues[i] + clippedChange - targets[i];
                if (error * error >= clippedError * clippedError) {
                    loss += w * error * error;
                    dValue[i] = w * scale * error;
                } else {
                    loss += w * clippedError * clippedError;
                    dValue[i] = clippedChange == change ? w * scale * clippedError : 0.0;
                }
            } else {
                loss += w * error * error;
                dValue[i] = w * scale * error;
            }
        }
        valueLossSum = loss;
        value.backward(dValue, count);
    }

    GaussianPolicy policy() {
        return policy;
    }

    Mlp value() {
        return value;
    }

    double klSum() {
        return klSum;
    }

    double policyLossSum() {
        return policyLossSum;
    }

    double valueLossSum() {
        return valueLossSum;
    }

    double clippedWeight() {
        return clippedWeight;
    }

    double weightSum() {
        return weightSum;
    }
}
