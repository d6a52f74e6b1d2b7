package dev.sparring.trainer.algo;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.hal.plant.Plant;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.StepResult;

/**
 * A one-step continuous bandit: the observation is noise in [−1, 1] that does not matter, the reward is
 * {@code −(a + b − a*)²} for the protagonist's action a and the adversary's b (0 without one), and every episode
 * ends after its single step. The optimum is {@code a = a* − b}.
 */
final class BanditEnv implements Env {
    private final double target;
    private final int adversarySize;
    private final SplitMix64 rng = new SplitMix64(0L);
    private double observation;

    BanditEnv(final double target, final boolean withAdversary) {
        this.target = target;
        this.adversarySize = withAdversary ? 1 : 0;
    }

    static Env[] many(final int count, final double target, final boolean withAdversary) {
        final Env[] envs = new Env[count];
        for (int e = 0; e < count; e++) {
            envs[e] = new BanditEnv(target, withAdversary);
        }
        return envs;
    }

    @Override
    public String taskName() {
        return "bandit";
    }

    @Override
    public int observationSize() {
        return 1;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public double actionLow(final int index) {
        return -5.0;
    }

    @Override
    public double actionHigh(final int index) {
        return 5.0;
    }

    @Override
    public int adversaryActionSize() {
        return adversarySize;
    }

    @Override
    public double adversaryBound() {
        return 1.0;
    }

    @Override
    public int maxEpisodeSteps() {
        return 1;
    }

    @Override
    public double stepDurationS() {
        return 1.0;
    }

    @Override
    public Plant plant() {
        throw new UnsupportedOperationException("the bandit has no plant");
    }

    /** Holds nothing to release. */
    @Override
    public void close() {
    }

    @Override
    public void reset(final long seed, final double[] obs) {
        rng.state(seed);
        observation = 2.0 * rng.nextDouble() - 1.0;
        obs[0] = observation;
    }

    @Override
    public void step(final double[] action, final double[] adversaryAction, final StepResult result) {
        final double a = Math.max(-5.0, Math.min(5.0, action[0]));
        final double b = adversaryAction == null ? 0.0 : Math.max(-1.0, Math.min(1.0, adversaryAction[0]));
        final double error = a + b - target;
        result.observation()[0] = observation;
        result.set(-error * error, true, false);
    }

    @Override
    public int stateSize() {
        return 1;
    }

    @Override
    public void saveState(final double[] state) {
        state[0] = observation;
    }

    @Override
    public void restoreState(final double[] state) {
        observation = state[0];
    }
}
