package dev.sparring.trainer.rarl;

import dev.sparring.trainer.algo.OnPolicyLearner;
import dev.sparring.trainer.algo.Role;

/**
 * Robust Adversarial Reinforcement Learning, Algorithm 1 of Pinto et al. (2017): in each iteration, N_μ updates of the
 * protagonist with the adversary's policy fixed, then N_ν updates of the adversary with the protagonist's policy
 * fixed. The game is zero-sum: the adversary learner's reward is the negative of the protagonist's (the rollout
 * collector negates it for the adversary role). Both learners collect from the same environments and may use PPO or
 * TRPO.
 * <p>
 * Without an adversary the same schedule is the baseline: N_μ protagonist updates per iteration, no disturbance, so
 * with equal seeds and iterations both methods give the protagonist the same number of updates and samples.
 */
public final class Rarl {
    private final OnPolicyLearner protagonist;
    private final OnPolicyLearner adversary;
    private final RarlConfig config;

    /**
     * @param protagonist the protagonist's learner.
     * @param adversary   the adversary's learner on the same collector, or {@code null} for the baseline.
     * @param config      the schedule.
     */
    public Rarl(final OnPolicyLearner protagonist, final OnPolicyLearner adversary, final RarlConfig config) {
        if (protagonist.role() != Role.PROTAGONIST || adversary != null && adversary.role() != Role.ADVERSARY) {
            throw new IllegalArgumentException("RARL needs a protagonist learner and an adversary learner, got "
                + protagonist.role() + " and " + (adversary == null ? "none" : adversary.role()));
        }
        this.protagonist = protagonist;
        this.adversary = adversary;
        this.config = config;
        if (adversary != null) {
            protagonist.opponent(adversary.policy());
            adversary.opponent(protagonist.policy());
        }
    }

    /** Runs one iteration of Algorithm 1: N_μ protagonist updates, then N_ν adversary updates. */
    public void iterate() {
        for (int j = 0; j < config.protagonistUpdates(); j++) {
            protagonist.iterate();
        }
        if (adversary != null) {
            for (int j = 0; j < config.adversaryUpdates(); j++) {
                adversary.iterate();
            }
        }
    }

    /**
     * @return the protagonist's learner.
     */
    public OnPolicyLearner protagonist() {
        return protagonist;
    }

    /**
     * @return the adversary's learner, or {@code null} for the baseline.
     */
    public OnPolicyLearner adversary() {
        return adversary;
    }
}
