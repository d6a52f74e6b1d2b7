package dev.sparring.trainer.algo;

import dev.sparring.trainer.nn.Adam;
import dev.sparring.trainer.nn.DiagonalGaussian;
import dev.sparring.trainer.nn.GradientClipping;
import dev.sparring.trainer.nn.Mlp;

/**
 * PPO's update (Schulman et al. 2017, as CleanRL's {@code ppo_continuous_action.py}): for each epoch, a shuffled
 * pass in minibatches minimising
 * {@code mean max(−A r, −A clip(r, 1 − ε, 1 + ε)) − c_H H + c_V ½ mean (V − R)²} with {@code r = π(a|s)/π_old(a|s)},
 * one Adam step per minibatch on the joint parameter vector {@code [μ-network, log σ, value network]} after a
 * global-norm clip. The update stops before a minibatch whose approximate KL {@code mean((r − 1) − log r)} exceeds
 * the target. Batched forward and backward per minibatch; nothing is allocated per update.
 */
public final class Ppo implements PolicyOptimizer {
    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.999;
    private static final double ADVANTAGE_EPSILON = 1e-8;

    private final PpoConfig config;
    private final GaussianPolicy policy;
    private final Mlp value;
    private final int batchSize;
    private final int minibatchSize;
    private final int policyParameters;
    private final Adam adam;
    private final Rng rng;
    private final int[] permutation;
    private final double[] theta;
    private final double[] gradient;
    private final MinibatchRows rows;
    private final double[] logProb;
    private final double[] dLogProb;
    private final double[] dValue;

    /**
     * Binds the update to a policy and value network.
     *
     * @param config    the hyperparameters.
     * @param policy    the policy, its networks' maximum batch at least the minibatch size.
     * @param value     the value network, likewise.
     * @param batchSize the rows of a rollout.
     * @param seed      the seed of the minibatch shuffling.
     */
    public Ppo(final PpoConfig config, final GaussianPolicy policy, final Mlp value, final int batchSize,
        final long seed) {
        this.config = config;
        this.policy = policy;
        this.value = value;
        this.batchSize = batchSize;
        this.minibatchSize = config.minibatchSize(batchSize);
        if (policy.mean().maxBatch() < minibatchSize || value.maxBatch() < minibatchSize) {
            throw new IllegalArgumentException("networks must take batches of the minibatch size " + minibatchSize
                + ", take " + policy.mean().maxBatch() + " and " + value.maxBatch());
        }
        this.policyParameters = policy.parameterCount();
        final int parameters = policyParameters + value.parameterCount();
        this.adam = new Adam(parameters, config.learningRate(), ADAM_BETA1, ADAM_BETA2, config.adamEpsilon());
        this.rng = new Rng(seed);
        this.permutation = new int[batchSize];
        this.theta = new double[parameters];
        this.gradient = new double[parameters];
        this.rows = new MinibatchRows(minibatchSize, policy.observationSize(), policy.actionSize());
        this.logProb = new double[minibatchSize];
        this.dLogProb = new double[minibatchSize];
        this.dValue = new double[minibatchSize];
    }

    @Override
    public void update(final RolloutBuffer buffer, final IterationMetrics metrics) {
        if (buffer.size() != batchSize) {
            throw new IllegalArgumentException("ppo was built for rollouts of " + batchSize + " rows, got "
                + buffer.size());
        }
        policy.copyParameters(theta, 0);
        System.arraycopy(value.parameters(), 0, theta, policyParameters, value.parameterCount());
        for (int i = 0; i < batchSize; i++) {
            permutation[i] = i;
        }
        double clipped = 0.0;
        int minibatchesDone = 0;
        int epochsDone = 0;
        boolean stopped = false;
        for (int epoch = 0; epoch < config.epochs() && !stopped; epoch++) {
            shuffle();
            for (int start = 0; start < batchSize; start += minibatchSize) {
                rows.gather(buffer, permutation, start);
                if (config.normalizeAdvantages()) {
                    rows.standardizeAdvantages(ADVANTAGE_EPSILON);
                }
                final double clippedFraction = policyLossAndGradient(metrics);
                if (metrics.approxKl > config.targetKl()) {
                    stopped = true;
                    break;
                }
                clipped += clippedFraction;
                minibatchesDone++;
                valueLossAndGradient(metrics);
                step();
            }
            if (!stopped) {
                epochsDone++;
            }
        }
        metrics.updateEpochs = epochsDone;
        metrics.clipFraction = minibatchesDone == 0 ? 0.0 : clipped / minibatchesDone;
        metrics.entropy = policy.head().entropy();
        metrics.lineSearchSteps = -1;
    }

    /**
     * The optimizer over {@code [μ-network, log σ, value network]}, live (checkpoint state).
     *
     * @return the Adam instance.
     */
    public Adam adam() {
        return adam;
    }

    /**
     * The minibatch shuffling stream, live (checkpoint state).
     *
     * @return the stream.
     */
    public Rng rng() {
        return rng;
    }

    private void shuffle() {
        final int[] p = permutation;
        for (int i = p.length - 1; i > 0; i--) {
            final int j = rng.nextInt(i + 1);
            final int swap = p[i];
            p[i] = p[j];
            p[j] = swap;
        }
    }

    private double policyLossAndGradient(final IterationMetrics metrics) {
        final int m = minibatchSize;
        final Mlp meanNetwork = policy.mean();
        final DiagonalGaussian head = policy.head();
        policy.zeroGradients();
        final double[] mu = meanNetwork.forward(rows.observations(), m);
        head.logLikelihood(mu, rows.actions(), m, logProb);
        final double[] oldLogProb = rows.logProbs();
        final double[] advantages = rows.advantages();
        final double epsilon = config.clipRange();
        double loss = 0.0;
        double kl = 0.0;
        int clippedCount = 0;
        for (int i = 0; i < m; i++) {
            final double logRatio = logProb[i] - oldLogProb[i];
            final double ratio = Math.exp(logRatio);
            kl += (ratio - 1.0) - logRatio;
            if (Math.abs(ratio - 1.0) > epsilon) {
                clippedCount++;
            }
            final double a = advantages[i];
            final double unclipped = -a * ratio;
            final double clippedLoss = -a * Math.max(1.0 - epsilon, Math.min(1.0 + epsilon, ratio));
            loss += Math.max(unclipped, clippedLoss);
            dLogProb[i] = unclipped >= clippedLoss ? unclipped / m : 0.0;
        }
        metrics.approxKl = kl / m;
        metrics.policyLoss = loss / m;
        if (metrics.approxKl > config.targetKl()) {
            return 0.0;
        }
        meanNetwork.backward(head.backwardLogLikelihood(mu, rows.actions(), dLogProb, m), m);
        final double[] logStdGradient = head.logStdGradient();
        for (int i = 0; i < logStdGradient.length; i++) {
            logStdGradient[i] -= config.entropyCoefficient();
        }
        return (double) clippedCount / m;
    }

    private void valueLossAndGradient(final IterationMetrics metrics) {
        final int m = minibatchSize;
        value.zeroGradients();
        final double[] v = value.forward(rows.observations(), m);
        final double[] targets = rows.returns();
        final double[] oldValues = rows.values();
        final double epsilon = config.clipRange();
        final double scale = config.valueCoefficient() / m;
        double loss = 0.0;
        for (int i = 0; i < m; i++) {
            final double error = v[i] - targets[i];
            if (config.clipValueLoss()) {
                final double change = v[i] - oldValues[i];
                final double clippedChange = Math.max(-epsilon, Math.min(epsilon, change));
                final double clippedError = oldValues[i] + clippedChange - targets[i];
                if (error * error >= clippedError * clippedError) {
                    loss += error * error;
                    dValue[i] = scale * error;
                } else {
                    loss += clippedError * clippedError;
                    dValue[i] = clippedChange == change ? scale * clippedError : 0.0;
                }
            } else {
                loss += error * error;
                dValue[i] = scale * error;
            }
        }
        metrics.valueLoss = 0.5 * loss / m;
        value.backward(dValue, m);
    }

    private void step() {
        policy.copyGradients(gradient, 0);
        System.arraycopy(value.gradients(), 0, gradient, policyParameters, value.parameterCount());
        GradientClipping.clipGlobalNorm(gradient, config.maxGradNorm());
        adam.step(theta, gradient);
        policy.setParameters(theta, 0);
        System.arraycopy(theta, policyParameters, value.parameters(), 0, value.parameterCount());
    }
}
