package dev.sparring.trainer.run;

import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.algo.OnPolicyLearner;
import dev.sparring.trainer.algo.Role;
import dev.sparring.trainer.algo.RolloutCollector;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;

/**
 * Trains a fresh adversary against a fixed protagonist (the evaluation "against a freshly trained adversary"): the
 * protagonist's policy only acts, the adversary learns to minimise its return with the run's optimizer and networks,
 * at the RARL force bound. Its environments are closed when it returns or throws.
 */
public final class AdversaryTraining {
    private AdversaryTraining() {
    }

    /**
     * @param template    the settings to train with: task, optimizer, networks, rollout shape and force bound
     *                    ({@code rarl.adversaryBoundN()}, also for a baseline's configuration).
     * @param protagonist the fixed protagonist.
     * @param steps       the adversary's step budget.
     * @param seed        the seed of its networks and environments.
     * @return the trained adversary's policy.
     */
    public static GaussianPolicy train(final TrainingConfig template, final GaussianPolicy protagonist,
        final long steps, final long seed) {
        final Env[] envs = Tasks.createAll(template.task(), template.rarl().adversaryBoundN(), template.envs());
        try (RolloutCollector collector = new RolloutCollector(envs, template.stepsPerEnv(), template.workers(),
            seed)) {
            final OnPolicyLearner adversary = switch (template.algorithm()) {
                case PPO -> OnPolicyLearner.ppo(collector, Role.ADVERSARY, template.policy(), template.ppo(),
                    (steps + template.batchSize() - 1) / template.batchSize(), seed + 1);
                case TRPO -> OnPolicyLearner.trpo(collector, Role.ADVERSARY, template.policy(), template.trpo(),
                    seed + 1);
            };
            adversary.opponent(protagonist);
            while (adversary.metrics().totalSteps() < steps) {
                adversary.iterate();
            }
            return adversary.policy();
        }
    }
}
