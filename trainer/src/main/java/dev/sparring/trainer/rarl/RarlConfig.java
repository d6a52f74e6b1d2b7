package dev.sparring.trainer.rarl;

/**
 * The schedule of Robust Adversarial RL's Algorithm 1 (Pinto et al. 2017) and the adversary's strength; defaults from
 * the authors' code.
 *
 * @param protagonistUpdates N_μ: protagonist updates per iteration, with the adversary fixed, ≥ 1.
 * @param adversaryUpdates   N_ν: adversary updates per iteration, with the protagonist fixed, ≥ 1.
 * @param advFraction        the adversary's strength as a fraction of the task's force scale, ≥ 0.
 * @param forceScaleN        the force (N) that {@code advFraction = 1} allows per component (the authors use 5.0).
 */
public record RarlConfig(int protagonistUpdates, int adversaryUpdates, double advFraction, double forceScaleN) {
    /** The authors' force scale, N per unit of {@code advFraction}. */
    public static final double AUTHORS_FORCE_SCALE_N = 5.0;
    /** The authors' default {@code advFraction}. */
    public static final double AUTHORS_ADV_FRACTION = 0.25;

    /** Validates the fields. */
    public RarlConfig {
        if (protagonistUpdates < 1 || adversaryUpdates < 1) {
            throw new IllegalArgumentException("rarl.protagonistUpdates (N_mu) and rarl.adversaryUpdates (N_nu) must"
                + " be >= 1, were " + protagonistUpdates + " and " + adversaryUpdates);
        }
        if (!(advFraction >= 0.0) || Double.isInfinite(advFraction)) {
            throw new IllegalArgumentException("rarl.advFraction must be finite and >= 0, was " + advFraction);
        }
        if (!(forceScaleN > 0.0) || Double.isInfinite(forceScaleN)) {
            throw new IllegalArgumentException("rarl.forceScaleN must be finite and > 0, was " + forceScaleN);
        }
    }

    /**
     * The authors' schedule (N_μ = N_ν = 1) and strength (0.25 × 5 N) for a task's force scale.
     *
     * @param forceScaleN the task's force scale (N).
     * @return the configuration.
     */
    public static RarlConfig authors(final double forceScaleN) {
        return new RarlConfig(1, 1, AUTHORS_ADV_FRACTION, forceScaleN);
    }

    /**
     * @return the bound on each adversary force component, {@code advFraction × forceScaleN} newtons.
     */
    public double adversaryBoundN() {
        return advFraction * forceScaleN;
    }
}
