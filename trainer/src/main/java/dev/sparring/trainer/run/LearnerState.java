package dev.sparring.trainer.run;

import dev.sparring.trainer.algo.OnPolicyLearner;
import dev.sparring.trainer.algo.Ppo;
import dev.sparring.trainer.algo.RewardNormalizer;
import dev.sparring.trainer.algo.RolloutCollector;
import dev.sparring.trainer.algo.Trpo;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.nn.Adam;
import dev.sparring.trainer.nn.RunningMeanStd;

/**
 * Saves into and restores from a {@link Checkpoint} everything of a learner and of the rollout collector that
 * influences the future, so a resumed run continues bit for bit: policy parameters and {@code log σ}, observation
 * statistics, value network, the optimizer's Adam moments, step count and random stream, the reward normaliser, the
 * recent episode returns and counters; for the collector, each environment's episode in progress, its random stream,
 * its last observation and running return.
 */
final class LearnerState {
    private LearnerState() {
    }

    static void save(final OnPolicyLearner learner, final String prefix, final Checkpoint checkpoint) {
        final double[] policy = new double[learner.policy().parameterCount()];
        learner.policy().copyParameters(policy, 0);
        checkpoint.putDoubles(prefix + "policy", policy);
        saveStatistics(learner.policy().normalizer(), prefix + "observations", checkpoint);
        checkpoint.putDoubles(prefix + "value", learner.value().parameters());
        switch (learner.optimizer()) {
            case Ppo ppo -> {
                saveAdam(ppo.adam(), prefix + "adam", checkpoint);
                checkpoint.putLong(prefix + "rng", ppo.rng().state());
            }
            case Trpo trpo -> {
                saveAdam(trpo.valueAdam(), prefix + "adam", checkpoint);
                checkpoint.putLong(prefix + "rng", trpo.rng().state());
            }
            default -> throw new IllegalStateException("no checkpoint layout for " + learner.optimizer());
        }
        final RewardNormalizer rewards = learner.rewardNormalizer();
        if (rewards != null) {
            saveStatistics(rewards.statistics(), prefix + "rewards", checkpoint);
            checkpoint.putDoubles(prefix + "rewards/discounted", rewards.discountedReturns());
        }
        checkpoint.putDoubles(prefix + "episodes/ring", learner.episodeReturns().ring());
        checkpoint.putLong(prefix + "episodes/count", learner.episodeReturns().count());
        checkpoint.putLong(prefix + "iterations", learner.metrics().iteration());
        checkpoint.putLong(prefix + "steps", learner.metrics().totalSteps());
    }

    static void restore(final OnPolicyLearner learner, final String prefix, final Checkpoint checkpoint) {
        final double[] policy = new double[learner.policy().parameterCount()];
        checkpoint.doublesInto(prefix + "policy", policy);
        learner.policy().setParameters(policy, 0);
        restoreStatistics(learner.policy().normalizer(), prefix + "observations", checkpoint);
        checkpoint.doublesInto(prefix + "value", learner.value().parameters());
        switch (learner.optimizer()) {
            case Ppo ppo -> {
                restoreAdam(ppo.adam(), prefix + "adam", checkpoint);
                ppo.rng().state(checkpoint.longValue(prefix + "rng"));
            }
            case Trpo trpo -> {
                restoreAdam(trpo.valueAdam(), prefix + "adam", checkpoint);
                trpo.rng().state(checkpoint.longValue(prefix + "rng"));
            }
            default -> throw new IllegalStateException("no checkpoint layout for " + learner.optimizer());
        }
        final RewardNormalizer rewards = learner.rewardNormalizer();
        if (rewards != null) {
            restoreStatistics(rewards.statistics(), prefix + "rewards", checkpoint);
            checkpoint.doublesInto(prefix + "rewards/discounted", rewards.discountedReturns());
        }
        checkpoint.doublesInto(prefix + "episodes/ring", learner.episodeReturns().ring());
        learner.episodeReturns().count(checkpoint.longValue(prefix + "episodes/count"));
        learner.restoreProgress(checkpoint.longValue(prefix + "iterations"), checkpoint.longValue(prefix + "steps"));
    }

    static void saveCollector(final RolloutCollector collector, final Checkpoint checkpoint) {
        final int envs = collector.envCount();
        final long[] rngs = new long[envs];
        for (int e = 0; e < envs; e++) {
            rngs[e] = collector.envRng(e).state();
            final Env env = collector.env(e);
            final double[] state = new double[env.stateSize()];
            env.saveState(state);
            checkpoint.putDoubles("collector/env" + e, state);
        }
        checkpoint.putLongs("collector/rngs", rngs);
        checkpoint.putDoubles("collector/observations", collector.observations());
        checkpoint.putDoubles("collector/returns", collector.episodeReturns());
        checkpoint.putLong("collector/started", collector.started() ? 1 : 0);
    }

    static void restoreCollector(final RolloutCollector collector, final Checkpoint checkpoint) {
        final int envs = collector.envCount();
        final long[] rngs = checkpoint.longs("collector/rngs");
        if (rngs.length != envs) {
            throw new CheckpointException(checkpoint.source() + " holds " + rngs.length + " environments, this run "
                + envs);
        }
        for (int e = 0; e < envs; e++) {
            collector.envRng(e).state(rngs[e]);
            final Env env = collector.env(e);
            final double[] state = new double[env.stateSize()];
            checkpoint.doublesInto("collector/env" + e, state);
            env.restoreState(state);
        }
        checkpoint.doublesInto("collector/observations", collector.observations());
        checkpoint.doublesInto("collector/returns", collector.episodeReturns());
        collector.started(checkpoint.longValue("collector/started") == 1);
    }

    private static void saveStatistics(final RunningMeanStd statistics, final String name,
        final Checkpoint checkpoint) {
        final double[] mean = new double[statistics.size()];
        final double[] variance = new double[statistics.size()];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = statistics.mean(i);
            variance[i] = statistics.variance(i);
        }
        checkpoint.putDoubles(name + "/mean", mean).putDoubles(name + "/variance", variance)
            .putDoubles(name + "/count", new double[] {statistics.count()});
    }

    private static void restoreStatistics(final RunningMeanStd statistics, final String name,
        final Checkpoint checkpoint) {
        final double[] mean = new double[statistics.size()];
        final double[] variance = new double[statistics.size()];
        final double[] count = new double[1];
        checkpoint.doublesInto(name + "/mean", mean);
        checkpoint.doublesInto(name + "/variance", variance);
        checkpoint.doublesInto(name + "/count", count);
        statistics.restore(mean, variance, count[0]);
    }

    private static void saveAdam(final Adam adam, final String name, final Checkpoint checkpoint) {
        checkpoint.putDoubles(name + "/m", adam.firstMoment()).putDoubles(name + "/v", adam.secondMoment())
            .putLong(name + "/t", adam.steps());
    }

    private static void restoreAdam(final Adam adam, final String name, final Checkpoint checkpoint) {
        checkpoint.doublesInto(name + "/m", adam.firstMoment());
        checkpoint.doublesInto(name + "/v", adam.secondMoment());
        adam.restoreSteps(checkpoint.longValue(name + "/t"));
    }
}
