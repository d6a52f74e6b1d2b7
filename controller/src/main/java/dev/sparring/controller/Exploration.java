package dev.sparring.controller;

/**
 * How the controller chooses actions: the policy's deterministic action (the default), or samples of its Gaussian
 * from a seeded stream ({@code control.exploration: {mode: sample, seed: N}}, {@code run --explore}), recording
 * each sample's log-probability ({@link dev.sparring.controller.policy.GaussianExplorer}).
 *
 * @param sample whether to sample the policy's Gaussian; needs a policy file with its standard deviation.
 * @param seed   the noise stream's seed (ignored when deterministic).
 */
public record Exploration(boolean sample, long seed) {
    /** The policy's deterministic action. */
    public static final Exploration DETERMINISTIC = new Exploration(false, 0L);

    /**
     * @param seed the noise stream's seed.
     * @return sampling from that seed.
     */
    public static Exploration sampling(final long seed) {
        return new Exploration(true, seed);
    }

    /**
     * @return {@code deterministic} or {@code sample (seed N)}, for summaries.
     */
    public String describe() {
        return sample ? "sample (seed " + seed + ")" : "deterministic";
    }
}
