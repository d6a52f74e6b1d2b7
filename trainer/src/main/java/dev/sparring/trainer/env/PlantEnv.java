package dev.sparring.trainer.env;

import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.random.SplitMix64;

import java.util.Optional;

/**
 * The work every task over a hal {@link Plant} shares, done once: clip the protagonist's action to its bounds and
 * apply it as joint efforts ({@code effort = effortPerActionUnit · action}); clip each adversary force component to
 * ±{@link #adversaryBound()} and set it on its body once per step, so it is held over all physics substeps (as Pinto
 * et al. did in MuJoCo); advance the plant by {@link #substeps()} steps of its timestep, which is set to
 * {@link #substepS()} when the environment is built; count steps; end an episode on a simulation failure (the plant
 * reports {@link Plant#simulationFailed()}, or a position or velocity is not finite: terminated, reward 0, flagged
 * {@link StepResult#simulationFailed()}) or at the time limit (truncated). It names no plant class: a task over any implementation of the contract
 * extends it.
 * <p>
 * A task supplies its initial-state distribution, observation, reward and termination, all evaluated on the state
 * reached at the end of the step (the reward is {@code r(s_t, a_t, s_{t+1})}). {@link #reset} re-seeds a SplitMix64
 * generator from the episode's seed, so an episode's initial state depends on its seed alone, and puts the plant in
 * the drawn state with efforts and disturbances cleared; the plant's physical parameters are left as they are, so a
 * robustness sweep may change them between episodes. Call {@link #reset} again once a step reports
 * {@link StepResult#done()}.
 * <p>
 * {@link Tasks#create(String, double)} builds the tasks; each is specified in {@code docs/tasks.md}.
 */
public abstract class PlantEnv implements Env {
    private final String taskName;
    private final Plant plant;
    private final int observationSize;
    private final int[] actuatedJoints;
    private final double[] actionBound;
    private final double[] effortPerActionUnit;
    private final int[] adversaryBodies;
    private final double adversaryBoundN;
    private final double stepS;
    private final double substepS;
    private final int substeps;
    private final int maxEpisodeSteps;
    private final Deployment deployment;
    private final SplitMix64 random = new SplitMix64(0L);
    private final double[] clippedAction;
    private final double[] positions;
    private final double[] velocities;
    private int steps;

    /**
     * @param spec the task's layout, resolved against its plant here.
     */
    PlantEnv(final TaskSpec spec) {
        this.taskName = spec.name();
        this.plant = spec.plant();
        this.observationSize = spec.observationSize();
        final int actionSize = spec.actuatedJoints().length;
        this.actuatedJoints = new int[actionSize];
        for (int i = 0; i < actionSize; i++) {
            actuatedJoints[i] = plant.jointIndex(spec.actuatedJoints()[i]);
            if (!plant.isActuated(actuatedJoints[i])) {
                throw new IllegalArgumentException("task " + taskName + " drives joint '" + spec.actuatedJoints()[i]
                    + "', which is passive on plant " + plant.kind());
            }
        }
        this.actionBound = spec.actionBound().clone();
        this.effortPerActionUnit = spec.effortPerActionUnit().clone();
        this.adversaryBodies = new int[spec.adversaryBodies().length];
        for (int b = 0; b < adversaryBodies.length; b++) {
            adversaryBodies[b] = plant.bodyIndex(spec.adversaryBodies()[b]);
        }
        this.adversaryBoundN = spec.adversaryBoundN();
        this.stepS = spec.stepS();
        this.substeps = spec.substeps();
        this.substepS = stepS / substeps;
        plant.setTimestepS(substepS);
        this.maxEpisodeSteps = spec.maxEpisodeSteps();
        this.deployment = spec.robotFile() == null ? null : new Deployment(spec.robotFile(), effortPerActionUnit);
        this.clippedAction = new double[actionSize];
        this.positions = new double[plant.dof()];
        this.velocities = new double[plant.dof()];
    }

    @Override
    public final String taskName() {
        return taskName;
    }

    @Override
    public final int observationSize() {
        return observationSize;
    }

    @Override
    public final int actionSize() {
        return actuatedJoints.length;
    }

    @Override
    public final double actionLow(final int index) {
        return -actionBound[index];
    }

    @Override
    public final double actionHigh(final int index) {
        return actionBound[index];
    }

    @Override
    public final int adversaryActionSize() {
        return 2 * adversaryBodies.length;
    }

    @Override
    public final double adversaryBound() {
        return adversaryBoundN;
    }

    @Override
    public final int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    @Override
    public final double stepDurationS() {
        return stepS;
    }

    /**
     * @return the number of integrator steps per environment step.
     */
    public final int substeps() {
        return substeps;
    }

    /**
     * @return the integrator step (s): {@link #stepDurationS()} / {@link #substeps()}.
     */
    public final double substepS() {
        return substepS;
    }

    @Override
    public final Optional<Deployment> deployment() {
        return Optional.ofNullable(deployment);
    }

    @Override
    public final double[] effortPerActionUnit() {
        return effortPerActionUnit.clone();
    }

    @Override
    public final Plant plant() {
        return plant;
    }

    /** Closes the plant (the environment owns it). Idempotent, as the plant's close is. */
    @Override
    public final void close() {
        plant.close();
    }

    /**
     * @return the number of steps taken since the last {@link #reset}.
     */
    public final int stepCount() {
        return steps;
    }

    @Override
    public final void reset(final long seed, final double[] observation) {
        random.state(seed);
        drawInitialState(random, positions, velocities);
        plant.reset(positions, velocities);
        steps = 0;
        observe(observation);
    }

    @Override
    public final void step(final double[] action, final double[] adversaryAction, final StepResult result) {
        final int actionSize = actuatedJoints.length;
        if (action.length != actionSize) {
            throw new IllegalArgumentException("task " + taskName + " takes " + actionSize + " action values, was "
                + action.length);
        }
        for (int i = 0; i < actionSize; i++) {
            final double a = clip(action[i], actionBound[i]);
            clippedAction[i] = a;
            plant.setJointEffort(actuatedJoints[i], effortPerActionUnit[i] * a);
        }
        applyAdversary(adversaryAction);
        beforeAdvance();
        plant.advance(substeps);
        steps++;
        observe(result.observation());
        if (plant.simulationFailed() || !stateIsFinite()) {
            result.fail();
            return;
        }
        final boolean terminated = isTerminal();
        result.set(reward(clippedAction, terminated), terminated, !terminated && steps >= maxEpisodeSteps);
    }

    @Override
    public final int stateSize() {
        return 1 + plant.stateSize() + extraStateSize();
    }

    @Override
    public final void saveState(final double[] state) {
        state[0] = steps;
        plant.saveState(state, 1);
        saveExtraState(state, 1 + plant.stateSize());
    }

    @Override
    public final void restoreState(final double[] state) {
        steps = (int) state[0];
        plant.restoreState(state, 1);
        restoreExtraState(state, 1 + plant.stateSize());
    }

    /**
     * @return the number of per-episode values beyond the step count and the plant state (0 unless overridden).
     */
    int extraStateSize() {
        return 0;
    }

    /**
     * Writes the task's per-episode values.
     *
     * @param state  the destination.
     * @param offset where they start.
     */
    void saveExtraState(final double[] state, final int offset) {
    }

    /**
     * Reads the task's per-episode values back.
     *
     * @param state  the source.
     * @param offset where they start.
     */
    void restoreExtraState(final double[] state, final int offset) {
    }

    /**
     * Called once per step with the inputs set, just before the plant advances (a task that rewards a displacement
     * reads the position it starts from here).
     */
    void beforeAdvance() {
    }

    /**
     * Draws an episode's initial state (and any other per-episode quantity, such as a target).
     *
     * @param generator  the generator, freshly seeded with the episode's seed.
     * @param positions  receives the joint positions, in plant joint order.
     * @param velocities receives the joint velocities.
     */
    abstract void drawInitialState(SplitMix64 generator, double[] positions, double[] velocities);

    /**
     * Writes the observation of the plant's current state.
     *
     * @param observation {@link #observationSize()} values.
     */
    abstract void observe(double[] observation);

    /**
     * @return whether the plant's current (finite) state ends the episode on the task's own terms.
     */
    abstract boolean isTerminal();

    /**
     * @param action     the clipped action of the step just taken, in task units.
     * @param terminated whether the step ended the episode on the task's terms.
     * @return the reward of the step, from the state it reached.
     */
    abstract double reward(double[] action, boolean terminated);

    /**
     * Sets a named plant parameter (at construction, to the values of the robot description the task matches).
     *
     * @param plant a plant.
     * @param name  the parameter's name.
     * @param value its value.
     */
    static void setParameter(final Plant plant, final String name, final double value) {
        plant.setParameter(plant.parameterIndex(name), value);
    }

    private void applyAdversary(final double[] adversaryAction) {
        final int bodies = adversaryBodies.length;
        if (adversaryAction == null) {
            for (int b = 0; b < bodies; b++) {
                plant.setDisturbanceForce(adversaryBodies[b], 0.0, 0.0);
            }
            return;
        }
        if (adversaryAction.length != 2 * bodies) {
            throw new IllegalArgumentException("task " + taskName + " takes " + 2 * bodies
                + " adversary values, was " + adversaryAction.length);
        }
        for (int b = 0; b < bodies; b++) {
            plant.setDisturbanceForce(adversaryBodies[b], clip(adversaryAction[2 * b], adversaryBoundN),
                clip(adversaryAction[2 * b + 1], adversaryBoundN));
        }
    }

    private boolean stateIsFinite() {
        for (int j = 0; j < plant.dof(); j++) {
            if (!Double.isFinite(plant.q(j)) || !Double.isFinite(plant.qd(j))) {
                return false;
            }
        }
        return true;
    }

    private static double clip(final double value, final double bound) {
        return Math.max(-bound, Math.min(bound, value));
    }
}
