package dev.sparring.trainer.algo;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.hal.plant.Plant;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.StepResult;

/**
 * A point on a line: {@code x ← x + 0.1 (a + b)}, reward {@code 1 − x²}, terminated when {@code |x| > 2}, truncated
 * after {@code maxSteps}; the observation is {@code [x, steps so far]}. Actions change the trajectory, so runs that
 * sample differently end differently.
 */
final class PointEnv implements Env {
    private final int maxSteps;
    private final SplitMix64 rng = new SplitMix64(0L);
    private double x;
    private int steps;

    PointEnv(final int maxSteps) {
        this.maxSteps = maxSteps;
    }

    static Env[] many(final int count, final int maxSteps) {
        final Env[] envs = new Env[count];
        for (int e = 0; e < count; e++) {
            envs[e] = new PointEnv(maxSteps);
        }
        return envs;
    }

    @Override
    public String taskName() {
        return "point";
    }

    @Override
    public int observationSize() {
        return 2;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public double actionLow(final int index) {
        return -1.0;
    }

    @Override
    public double actionHigh(final int index) {
        return 1.0;
    }

    @Override
    public int adversaryActionSize() {
        return 1;
    }

    @Override
    public double adversaryBound() {
        return 0.5;
    }

    @Override
    public int maxEpisodeSteps() {
        return maxSteps;
    }

    @Override
    public double stepDurationS() {
        return 0.1;
    }

    @Override
    public Plant plant() {
        throw new UnsupportedOperationException("the point has no plant");
    }

    /** Holds nothing to release. */
    @Override
    public void close() {
    }

    @Override
    public void reset(final long seed, final double[] observation) {
        rng.state(seed);
        x = rng.nextDouble() - 0.5;
        steps = 0;
        observation[0] = x;
        observation[1] = 0.0;
    }

    @Override
    public void step(final double[] action, final double[] adversaryAction, final StepResult result) {
        final double a = Math.max(-1.0, Math.min(1.0, action[0]));
        final double b = adversaryAction == null ? 0.0 : Math.max(-0.5, Math.min(0.5, adversaryAction[0]));
        x += 0.1 * (a + b);
        steps++;
        result.observation()[0] = x;
        result.observation()[1] = steps;
        final boolean terminated = Math.abs(x) > 2.0;
        result.set(1.0 - x * x, terminated, !terminated && steps >= maxSteps);
    }

    @Override
    public int stateSize() {
        return 2;
    }

    @Override
    public void saveState(final double[] state) {
        state[0] = x;
        state[1] = steps;
    }

    @Override
    public void restoreState(final double[] state) {
        x = state[0];
        steps = (int) state[1];
    }
}
