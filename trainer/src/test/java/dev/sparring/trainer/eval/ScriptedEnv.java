package dev.sparring.trainer.eval;

import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.sim.plant.Plants;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.StepResult;

/**
 * A hand-checkable task over a pendulum plant whose physics it never steps: observation {@code [t, offset]} with
 * {@code offset = seed & 7}; reward {@code a·mass_kg·length_m + d₀} with the protagonist's action {@code a} clipped
 * to ±10 and the adversary's first force {@code d₀} clipped to ±{@value #BOUND_N} (0 without an adversary action);
 * truncated after {@code maxSteps}, terminated after {@code terminateAfter} steps. Records the parameters at the
 * last reset and the number of resets. Allocates nothing per step.
 */
final class ScriptedEnv implements Env {
    static final double BOUND_N = 2.0;

    private final Plant plant = Plants.create("pendulum");
    private final int mass = plant.parameterIndex("mass_kg");
    private final int length = plant.parameterIndex("length_m");
    private final int maxSteps;
    private final int terminateAfter;
    private int adversarySize = 2;
    private double offset;
    private int t;
    private int resets;
    private double massAtReset;
    private double lengthAtReset;
    private double firstForceN;
    private double secondForceN;

    ScriptedEnv(final int maxSteps, final int terminateAfter) {
        this.maxSteps = maxSteps;
        this.terminateAfter = terminateAfter;
    }

    ScriptedEnv(final int maxSteps) {
        this(maxSteps, Integer.MAX_VALUE);
    }

    @Override
    public String taskName() {
        return "scripted";
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
        return -10.0;
    }

    @Override
    public double actionHigh(final int index) {
        return 10.0;
    }

    @Override
    public int adversaryActionSize() {
        return adversarySize;
    }

    @Override
    public double adversaryBound() {
        return BOUND_N;
    }

    @Override
    public int maxEpisodeSteps() {
        return maxSteps;
    }

    @Override
    public double stepDurationS() {
        return 0.04;
    }

    @Override
    public Plant plant() {
        return plant;
    }

    @Override
    public void close() {
        plant.close();
    }

    @Override
    public void reset(final long seed, final double[] observation) {
        offset = seed & 7;
        t = 0;
        resets++;
        massAtReset = plant.parameter(mass);
        lengthAtReset = plant.parameter(length);
        observation[0] = t;
        observation[1] = offset;
    }

    @Override
    public void step(final double[] action, final double[] adversaryAction, final StepResult result) {
        final double a = Math.clamp(action[0], -10.0, 10.0);
        double reward = a * plant.parameter(mass) * plant.parameter(length);
        if (adversaryAction != null) {
            firstForceN = Math.clamp(adversaryAction[0], -BOUND_N, BOUND_N);
            secondForceN = Math.clamp(adversaryAction[1], -BOUND_N, BOUND_N);
            reward += firstForceN;
        }
        t++;
        result.observation()[0] = t;
        result.observation()[1] = offset;
        final boolean terminated = t >= terminateAfter;
        result.set(reward, terminated, !terminated && t >= maxSteps);
    }

    @Override
    public int stateSize() {
        return 2;
    }

    @Override
    public void saveState(final double[] state) {
        state[0] = t;
        state[1] = offset;
    }

    @Override
    public void restoreState(final double[] state) {
        t = (int) state[0];
        offset = state[1];
    }

    /** Takes the adversary channel away (adversaryActionSize 0). */
    ScriptedEnv withoutAdversary() {
        adversarySize = 0;
        return this;
    }

    int resets() {
        return resets;
    }

    double massAtReset() {
        return massAtReset;
    }

    double lengthAtReset() {
        return lengthAtReset;
    }

    double firstForceN() {
        return firstForceN;
    }

    double secondForceN() {
        return secondForceN;
    }
}
