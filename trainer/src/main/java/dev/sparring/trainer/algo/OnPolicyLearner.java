package dev.sparring.trainer.algo;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.nn.Mlp;

/**
 * The on-policy training loop: each {@link #iterate()} collects a rollout with the current policy (against an
 * optional fixed opponent), updates the observation and reward statistics, computes GAE(γ, λ) and hands the rollout
 * to the algorithm's update. PPO and TRPO learners differ only in their {@link PolicyOptimizer}.
 *
 * <p>Everything that influences the future is reachable for a checkpoint: the policy (parameters, {@code log σ},
 * observation statistics), the value network, the optimizer's state ({@link Ppo#adam()}, {@link Ppo#rng()}, {@link
 * Trpo#valueAdam()}, {@link Trpo#rng()}), the reward normaliser, the episode window, the counters, and the
 * collector's per-environment episode state. The collector is shared (RARL alternates two learners on it) and is not
 * closed by the learner.
 */
public final class OnPolicyLearner {
    /** How many recent episodes {@link IterationMetrics#meanEpisodicReturn()} averages. */
    public static final int RETURN_WINDOW = 10;

    private final RolloutCollector collector;
    private final Role role;
    private final GaussianPolicy policy;
    private final Mlp value;
    private final PolicyOptimizer optimizer;
    private final double gamma;
    private final double lambda;
    private final RewardNormalizer rewardNormalizer;
    private final RolloutBuffer buffer;
    private final EpisodeReturns episodeReturns = new EpisodeReturns(RETURN_WINDOW);
    private final IterationMetrics metrics = new IterationMetrics();
    private GaussianPolicy opponent;

    private OnPolicyLearner(final RolloutCollector collector, final Role role, final PolicyConfig policyConfig,
        final double gamma, final double lambda, final long seed, final OptimizerFactory factory) {
        this.collector = collector;
        this.role = role;
        this.gamma = gamma;
        this.lambda = lambda;
        final Env env = collector.env(0);
        final int observationSize = env.observationSize();
        final boolean protagonist = role == Role.PROTAGONIST;
        final int actionSize = protagonist ? env.actionSize() : env.adversaryActionSize();
        if (actionSize < 1) {
            throw new IllegalArgumentException(env.taskName() + " has no " + role + " action to learn");
        }
        final double[] actionScale = new double[actionSize];
        for (int i = 0; i < actionSize; i++) {
            actionScale[i] = !protagonist ? env.adversaryBound()
                : policyConfig.unitActions() ? Math.max(Math.abs(env.actionLow(i)), Math.abs(env.actionHigh(i)))
                : 1.0;
        }
        final int rows = collector.envCount() * collector.stepsPerEnv();
        final SplitMix64 seeds = new SplitMix64(seed);
        this.policy = GaussianPolicy.create(observationSize, actionSize, policyConfig.hiddenSizes(), actionScale,
            policyConfig.observationClip(), rows, seeds.nextLong());
        this.policy.normalizer().frozen(!policyConfig.normalizeObservations());
        this.value = Networks.value(observationSize, policyConfig.hiddenSizes(), rows, seeds.nextLong());
        this.rewardNormalizer = policyConfig.normalizeRewards()
            ? new RewardNormalizer(collector.envCount(), rows, gamma, policyConfig.rewardClip()) : null;
        this.buffer = new RolloutBuffer(collector.envCount(), collector.stepsPerEnv(), observationSize, actionSize);
        this.optimizer = factory.create(policy, value, rows, seeds.nextLong());
    }

    /**
     * A PPO learner with fresh networks.
     *
     * @param collector    the environments it collects from.
     * @param role         the player it trains.
     * @param policyConfig the networks and normalisation.
     * @param config       PPO's hyperparameters.
     * @param iterations   the updates this learner will make (the horizon of {@link PpoConfig#annealLearningRate()}).
     * @param seed         the seed of the networks' initialisation and the minibatch shuffling.
     * @return the learner.
     */
    public static OnPolicyLearner ppo(final RolloutCollector collector, final Role role,
        final PolicyConfig policyConfig, final PpoConfig config, final long iterations, final long seed) {
        return new OnPolicyLearner(collector, role, policyConfig, config.gamma(), config.lambda(), seed,
            (policy, value, rows, optimizerSeed) -> new Ppo(config, policy, value, rows, iterations, optimizerSeed,
                collector.runner()));
    }

    /**
     * A TRPO learner with fresh networks.
     *
     * @param collector    the environments it collects from.
     * @param role         the player it trains.
     * @param policyConfig the networks and normalisation.
     * @param config       TRPO's hyperparameters.
     * @param seed         the seed of the networks' initialisation and the value regression's shuffling.
     * @return the learner.
     */
    public static OnPolicyLearner trpo(final RolloutCollector collector, final Role role,
        final PolicyConfig policyConfig, final TrpoConfig config, final long seed) {
        return new OnPolicyLearner(collector, role, policyConfig, config.gamma(), config.lambda(), seed,
            (policy, value, rows, optimizerSeed) -> new Trpo(config, policy, value, rows, optimizerSeed,
                collector.runner()));
    }

    /**
     * Collects one rollout and updates on it.
     *
     * @return this iteration's metrics (a holder overwritten by the next call).
     */
    public IterationMetrics iterate() {
        final long start = System.nanoTime();
        collector.collect(policy, value, role, opponent, buffer);
        final long collected = System.nanoTime();
        episodeReturns.addAll(buffer);
        policy.normalizer().update(buffer.rawObservations(), 0, buffer.size());
        if (rewardNormalizer != null) {
            rewardNormalizer.normalize(buffer);
        }
        buffer.computeAdvantages(gamma, lambda);
        optimizer.update(buffer, metrics);
        final long updated = System.nanoTime();
        metrics.iteration++;
        metrics.totalSteps += buffer.size();
        metrics.episodes = episodeReturns.count();
        metrics.meanEpisodicReturn = episodeReturns.mean();
        metrics.explainedVariance = explainedVariance(buffer.values(), buffer.returns());
        metrics.collectSeconds = (collected - start) * 1e-9;
        metrics.updateSeconds = (updated - collected) * 1e-9;
        metrics.stepsPerSecond = buffer.size() / ((updated - start) * 1e-9);
        return metrics;
    }

    /**
     * Sets the other player's fixed policy for the following rollouts (RARL), or {@code null} for none.
     *
     * @param opponentPolicy the opponent; required when this learner is the adversary.
     */
    public void opponent(final GaussianPolicy opponentPolicy) {
        opponent = opponentPolicy;
    }

    /**
     * Restores the iteration and step counters, as from a checkpoint.
     *
     * @param iterations the iterations completed.
     * @param steps      the environment steps collected.
     */
    public void restoreProgress(final long iterations, final long steps) {
        metrics.iteration = iterations;
        metrics.totalSteps = steps;
    }

    /**
     * The policy being trained, live.
     *
     * @return the policy.
     */
    public GaussianPolicy policy() {
        return policy;
    }

    /**
     * The value network, live.
     *
     * @return the network.
     */
    public Mlp value() {
        return value;
    }

    /**
     * The algorithm's update step with its state ({@link Ppo} or {@link Trpo}).
     *
     * @return the optimizer.
     */
    public PolicyOptimizer optimizer() {
        return optimizer;
    }

    /**
     * The reward normaliser, or {@code null} when rewards are not normalised.
     *
     * @return the normaliser.
     */
    public RewardNormalizer rewardNormalizer() {
        return rewardNormalizer;
    }

    /**
     * The recent episodes' returns.
     *
     * @return the window, live.
     */
    public EpisodeReturns episodeReturns() {
        return episodeReturns;
    }

    /**
     * The player this learner trains.
     *
     * @return the role.
     */
    public Role role() {
        return role;
    }

    /**
     * The last iteration's metrics.
     *
     * @return the holder.
     */
    public IterationMetrics metrics() {
        return metrics;
    }

    /**
     * The rollout of the last iteration.
     *
     * @return the buffer, live.
     */
    public RolloutBuffer buffer() {
        return buffer;
    }

    private static double explainedVariance(final double[] predicted, final double[] targets) {
        final int n = targets.length;
        double targetMean = 0.0;
        double residualMean = 0.0;
        for (int i = 0; i < n; i++) {
            targetMean += targets[i];
            residualMean += targets[i] - predicted[i];
        }
        targetMean /= n;
        residualMean /= n;
        double targetVariance = 0.0;
        double residualVariance = 0.0;
        for (int i = 0; i < n; i++) {
            final double t = targets[i] - targetMean;
            final double r = targets[i] - predicted[i] - residualMean;
            targetVariance += t * t;
            residualVariance += r * r;
        }
        return targetVariance == 0.0 ? Double.NaN : 1.0 - residualVariance / targetVariance;
    }

    /** Builds an algorithm's update step for the learner's networks. */
    @FunctionalInterface
    private interface OptimizerFactory {
        PolicyOptimizer create(GaussianPolicy policy, Mlp value, int rows, long seed);
    }
}
