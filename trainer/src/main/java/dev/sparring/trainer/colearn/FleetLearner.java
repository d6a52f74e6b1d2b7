package dev.sparring.trainer.colearn;

import dev.sparring.controller.log.ExperienceRecordFlyweight;
import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.algo.IterationMetrics;
import dev.sparring.trainer.algo.Networks;
import dev.sparring.trainer.algo.ParallelRunner;
import dev.sparring.trainer.algo.Ppo;
import dev.sparring.trainer.algo.PpoConfig;
import dev.sparring.trainer.algo.RolloutBuffer;
import dev.sparring.trainer.nn.Mlp;

/**
 * One robot's learner in a fleet: after each window, a PPO update on the robot's own logged steps plus the steps its
 * partners logged in that window (Dynamic Co-Learning's shared experience), every step weighted by its clipped
 * importance ratio {@code min(c̄, π(ỹ|s) / μ(ỹ|s))} ({@link ImportanceWeights}) as Shared Experience Actor-Critic
 * weights its shared losses. μ is the behaviour density the log holds; the robot's own steps are weighted the same
 * way, because a robot takes up a new policy only between episodes and so partly acts with an older one. Received
 * steps are added beside the robot's own (source 0 of the batch) and never replace them.
 *
 * <p>Shared steps are learnt from as the robot's own are: the minibatch size is that of the robot's own window
 * ({@code capacity / ppo.minibatches}), and each partner's window adds its minibatches to every epoch, so a robot with
 * two partners takes three times the Adam steps of an independent learner. (Holding the number of minibatches fixed
 * instead, so that shared steps only enlarged them, bought a tenth of the shortfall; this buys about two fifths:
 * {@code docs/results.md}.)
 *
 * <p>The batch has one source per robot (own, then partners) of {@code capacity} rows each: advantages by GAE over
 * each source's segments with this learner's value function. A step is learnt from only when the log can say what the
 * policy did: its behaviour log-probability is finite (the robot explored), the safety supervisor did not replace the
 * action, the reward is known, and its successor state or termination is known — a segment's last step without
 * either serves only as the bootstrap state of the step before it. Unused rows have weight 0.
 */
public final class FleetLearner {
    private final PpoConfig config;
    private final double weightClip;
    private final double rewardScale;
    private final int capacity;
    private final int sources;
    private final int observationSize;
    private final int actionSize;
    private final GaussianPolicy policy;
    private final Mlp value;
    private final GaussianPolicy evaluationPolicy;
    private final Mlp evaluationValue;
    private final Ppo ppo;
    private final RolloutBuffer buffer;
    private final IterationMetrics metrics = new IterationMetrics();
    private final double[] normalized;
    private final double[] logProb;
    private final double[] sourceActions;
    private final double[] deployedScale;
    private long updates;
    private long ownSteps;
    private long sharedSteps;

    /**
     * Creates a learner with a fresh policy.
     *
     * @param config          PPO's hyperparameters (γ, λ, epochs, minibatches, ...).
     * @param hiddenSizes     the networks' hidden layer widths.
     * @param observationSize the fleet's observation length.
     * @param actionScale     per action element, task units per policy unit (as the trainer's policies scale).
     * @param effortPerUnit   per action element, the robot's action units (joint effort) per task unit: the policy
     *                        file's action scale is {@code actionScale × effortPerUnit}, its offset 0
     *                        ({@code TrainedPolicies.snapshot}).
     * @param observationClip the clip of standardised observations.
     * @param capacity        the most steps one robot logs in a window.
     * @param maxPartners     the most partners whose windows one update takes.
     * @param weightClip      c̄, the importance weights' clip.
     * @param rewardScale     multiplies logged rewards before learning.
     * @param seed            the networks' initialisation and the minibatch shuffle.
     * @param runner          the threads that share each minibatch.
     */
    public FleetLearner(final PpoConfig config, final int[] hiddenSizes, final int observationSize,
        final double[] actionScale, final double[] effortPerUnit, final double observationClip, final int capacity,
        final int maxPartners, final double weightClip, final double rewardScale, final long seed,
        final ParallelRunner runner) {
        if (maxPartners < 0) {
            throw new IllegalArgumentException("maxPartners must be >= 0, was " + maxPartners);
        }
        this.config = config;
        this.weightClip = weightClip;
        this.rewardScale = rewardScale;
        this.capacity = capacity;
        this.sources = 1 + maxPartners;
        this.observationSize = observationSize;
        this.actionSize = actionScale.length;
        this.deployedScale = new double[actionSize];
        for (int k = 0; k < actionSize; k++) {
            deployedScale[k] = actionScale[k] * effortPerUnit[k];
        }
        final int minibatch = config.minibatchSize(capacity);
        this.policy = GaussianPolicy.create(observationSize, actionSize, hiddenSizes, actionScale, observationClip,
            minibatch, seed);
        this.value = Networks.value(observationSize, hiddenSizes, minibatch, seed + 1);
        this.evaluationPolicy = policy.replica(capacity);
        this.evaluationValue = value.replica(capacity);
        this.ppo = new Ppo(config, policy, value, capacity, sources * capacity, 1, seed + 2, runner);
        this.buffer = new RolloutBuffer(sources, capacity, observationSize, actionSize);
        this.normalized = new double[capacity * observationSize];
        this.logProb = new double[capacity];
        this.sourceActions = new double[capacity * actionSize];
    }

    /**
     * Updates the policy on a window: the robot's own steps and its partners'.
     *
     * @param own          the robot's window.
     * @param partners     the partners' windows (the first {@code partnerCount} are used).
     * @param partnerCount how many partners, at most the learner's {@code maxPartners}.
     * @return the update's metrics (policy and value loss, approximate KL, clip fraction, entropy), live.
     */
    public IterationMetrics update(final LoggedWindow own, final LoggedWindow[] partners, final int partnerCount) {
        if (partnerCount > sources - 1) {
            throw new IllegalArgumentException("at most " + (sources - 1) + " partners per update, got "
                + partnerCount);
        }
        requireLayout(own);
        evaluationPolicy.copyFrom(policy);
        evaluationValue.setParameters(value.parameters());
        ownSteps += fill(0, own);
        for (int p = 0; p < partnerCount; p++) {
            requireLayout(partners[p]);
            sharedSteps += fill(1 + p, partners[p]);
        }
        for (int source = 1 + partnerCount; source < sources; source++) {
            clear(source);
        }
        buffer.computeAdvantages(config.gamma(), config.lambda());
        ppo.update(buffer, (1 + partnerCount) * capacity, metrics);
        // after the update, so that the batch's densities are those of the policy the robot ran
        policy.normalizer().update(own.observations(), 0, own.steps());
        updates++;
        return metrics;
    }

    /** Fills one source of the batch from a window; returns the steps learnt from (nonzero weight). */
    private int fill(final int source, final LoggedWindow window) {
        final int steps = window.steps();
        final int n = observationSize;
        final int a = actionSize;
        evaluationPolicy.normalize(window.observations(), 0, normalized, steps);
        final double[] mu = evaluationPolicy.mean().forward(normalized, Math.max(steps, 1));
        final double[] policyActions = buffer.actions();
        final int first = buffer.row(source, 0);
        for (int i = 0; i < steps; i++) {
            for (int k = 0; k < a; k++) {
                policyActions[(first + i) * a + k] = window.actions()[i * a + k] / deployedScale[k];
            }
        }
        evaluationPolicy.head().logLikelihood(mu, copyOfActions(first, steps), Math.max(steps, 1), logProb);
        final double[] values = evaluationValue.forward(normalized, Math.max(steps, 1));
        System.arraycopy(normalized, 0, buffer.observations(), first * n, steps * n);
        System.arraycopy(window.observations(), 0, buffer.rawObservations(), first * n, steps * n);
        int learnt = 0;
        for (int i = 0; i < steps; i++) {
            final int row = first + i;
            buffer.logProbs()[row] = logProb[i];
            buffer.values()[row] = values[i];
            final double reward = window.rewards()[i];
            final boolean known = window.terminal(i) || window.hasSuccessor(i);
            final boolean policyActed = (window.flags(i) & ExperienceRecordFlyweight.FLAG_SAFETY_FAULT) == 0;
            final double weight = known && policyActed && !Double.isNaN(reward)
                ? ImportanceWeights.clipped(logProb[i], window.logProbabilities()[i], weightClip) : 0.0;
            buffer.weights()[row] = weight;
            if (weight > 0.0) {
                learnt++;
            }
            final double learnerReward = Double.isNaN(reward) ? 0.0 : rewardScale * reward;
            if (window.terminal(i)) {
                buffer.recordOutcome(row, learnerReward, true, false, 0.0, Double.NaN);
            } else if (!window.hasSuccessor(i)) {
                buffer.recordOutcome(row, learnerReward, false, true, 0.0, Double.NaN);
            } else if (!window.hasSuccessor(i + 1) && !window.terminal(i + 1)) {
                buffer.recordOutcome(row, learnerReward, false, true, values[i + 1], Double.NaN);
            } else {
                buffer.recordOutcome(row, learnerReward, false, false, 0.0, Double.NaN);
            }
        }
        for (int i = steps; i < capacity; i++) {
            emptyRow(first + i);
        }
        return learnt;
    }

    /** A source's policy-unit actions from index 0, as the Gaussian's log-likelihood takes them. */
    private double[] copyOfActions(final int first, final int steps) {
        System.arraycopy(buffer.actions(), first * actionSize, sourceActions, 0, steps * actionSize);
        return sourceActions;
    }

    private void clear(final int source) {
        final int first = buffer.row(source, 0);
        for (int i = 0; i < capacity; i++) {
            emptyRow(first + i);
        }
    }

    private void emptyRow(final int row) {
        buffer.weights()[row] = 0.0;
        buffer.values()[row] = 0.0;
        buffer.logProbs()[row] = 0.0;
        buffer.recordOutcome(row, 0.0, false, true, 0.0, Double.NaN);
    }

    private void requireLayout(final LoggedWindow window) {
        if (window.observationSize() != observationSize || window.actionSize() != actionSize
            || window.capacity() > capacity) {
            throw new IllegalArgumentException("window of " + window.observationSize() + " observations, "
                + window.actionSize() + " actions and capacity " + window.capacity() + " does not fit a learner of "
                + observationSize + ", " + actionSize + " and " + capacity);
        }
    }

    /**
     * @return the policy, live (export it to send it to the robot).
     */
    public GaussianPolicy policy() {
        return policy;
    }

    /** The last update's batch (own source 0, partners after it), for tests. */
    RolloutBuffer batch() {
        return buffer;
    }

    /**
     * @return the most steps of one robot's window an update takes.
     */
    public int capacity() {
        return capacity;
    }

    /**
     * @return updates made.
     */
    public long updates() {
        return updates;
    }

    /**
     * @return own steps learnt from so far (nonzero weight).
     */
    public long ownSteps() {
        return ownSteps;
    }

    /**
     * @return partners' steps learnt from so far (nonzero weight).
     */
    public long sharedSteps() {
        return sharedSteps;
    }
}
