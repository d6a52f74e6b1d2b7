package dev.sparring.trainer.colearn;

/**
 * Importance weights of shared experience, as in Shared Experience Actor-Critic (Christianos, Schäfer and Albrecht
 * 2020): a tuple that robot b logged while acting with its behaviour policy μ_b is used by robot a's learner with
 * weight {@code ρ = π_a(a|s) / μ_b(a|s)}, computed from log-probabilities (the log holds b's {@code ln μ_b(a|s)}), and
 * clipped above at c̄ to bound the variance, as V-trace's ρ̄ and Retrace's c̄ (Espeholt et al. 2018; Munos et al.
 * 2016).
 */
public final class ImportanceWeights {
    /** The default clip c̄ = 1: a shared tuple never weighs more than one of the robot's own. */
    public static final double DEFAULT_CLIP = 1.0;

    private ImportanceWeights() {
    }

    /**
     * @param targetLogProb    {@code ln π_a(a|s)}, the learner's current policy.
     * @param behaviourLogProb {@code ln μ_b(a|s)}, from the sharing robot's log.
     * @param clip             c̄ &gt; 0.
     * @return {@code min(c̄, exp(ln π − ln μ))}, computed without overflow; 0 when either log-probability is NaN or
     * the target gives the action no probability, so an unusable tuple is dropped.
     */
    public static double clipped(final double targetLogProb, final double behaviourLogProb, final double clip) {
        if (!(clip > 0.0)) {
            throw new IllegalArgumentException("clip must be > 0, was " + clip);
        }
        final double logRatio = targetLogProb - behaviourLogProb;
        if (Double.isNaN(logRatio) || targetLogProb == Double.NEGATIVE_INFINITY) {
            return 0.0;
        }
        return Math.exp(Math.min(logRatio, Math.log(clip)));
    }
}
