package dev.sparring.trainer.env;

import dev.sparring.hal.plant.Plant;

import java.util.Arrays;
import java.util.Optional;

/**
 * A Gym-like episodic task over a hal {@link Plant}, with two players: the protagonist, whose action drives the
 * robot's actuators, and an adversary, whose action is a set of bounded disturbance forces on named bodies (RARL,
 * Pinto et al. 2017). Training and deployment share the plants, so a policy trained here sees the dynamics the
 * controller's simulated backend runs.
 * <p>
 * Actions are in the task's own units (documented per task in {@code docs/tasks.md}); {@link #step} clips them to
 * their bounds, so a Gaussian policy may propose anything. The adversary's action is clipped to
 * ±{@link #adversaryBound()} per component and held over every physics substep of one environment step. An
 * environment is not thread-safe; {@link #reset} and {@link #step} allocate nothing.
 * <p>
 * <b>Ownership.</b> An environment owns its plant, and whoever creates an environment closes it exactly once when done
 * ({@link #close()}; try-with-resources): a MuJoCo task's plant holds native memory (a model and its data) until then.
 * A holder that takes environments over (a {@code RolloutCollector}, a training session) says so and closes them.
 */
public interface Env extends AutoCloseable {
    /**
     * @return the task's name, as the command line spells it.
     */
    String taskName();

    /**
     * @return the length of an observation.
     */
    int observationSize();

    /**
     * @return the length of the protagonist's action.
     */
    int actionSize();

    /**
     * @param index an action element.
     * @return its lower bound, in task units.
     */
    double actionLow(int index);

    /**
     * @param index an action element.
     * @return its upper bound, in task units.
     */
    double actionHigh(int index);

    /**
     * @return the length of the adversary's action (two force components per disturbed body); 0 for none.
     */
    int adversaryActionSize();

    /**
     * @return the bound on each adversary force component, in newtons; adversary actions are clipped to ± this.
     */
    double adversaryBound();

    /**
     * @return the number of steps after which an episode is truncated (a time limit, not a failure).
     */
    int maxEpisodeSteps();

    /**
     * @return the simulated duration of one environment step, in seconds.
     */
    double stepDurationS();

    /**
     * @return the robot description a policy trained here runs on and the action-to-effort scales, or empty when no
     *         robot description observes what the task's policy needs (the default).
     */
    default Optional<Deployment> deployment() {
        return Optional.empty();
    }

    /**
     * @return per action element, the joint effort (N or N·m) one task unit commands (a new array); the scale a policy
     *         file exported for this task carries, whether or not the task deploys to a robot description. By default
     *         1: the action is in effort units.
     */
    default double[] effortPerActionUnit() {
        final double[] ones = new double[actionSize()];
        Arrays.fill(ones, 1.0);
        return ones;
    }

    /**
     * The plant under this environment, for test-time parameter changes (robustness sweeps): its parameters keep
     * their values across {@link #reset}.
     *
     * @return the live plant.
     */
    Plant plant();

    /**
     * Starts an episode from an initial state drawn with the given seed.
     *
     * @param seed        the seed of this episode's initial-state draw.
     * @param observation receives the first observation, {@link #observationSize()} values.
     */
    void reset(long seed, double[] observation);

    /**
     * Advances one environment step with both players' actions held constant across its physics substeps.
     *
     * @param action          the protagonist's action, {@link #actionSize()} values (clipped to the bounds).
     * @param adversaryAction the adversary's forces, {@link #adversaryActionSize()} values (clipped), or
     *                        {@code null} for no disturbance.
     * @param result          receives the next observation, the reward and the episode flags.
     */
    void step(double[] action, double[] adversaryAction, StepResult result);

    /**
     * @return the number of values {@link #saveState} writes: everything of the episode in progress that influences
     *         the future (step count, plant state, per-episode quantities such as a target).
     */
    int stateSize();

    /**
     * Copies the episode in progress out, so a checkpointed run resumes mid-episode bit for bit.
     *
     * @param state receives {@link #stateSize()} values.
     */
    void saveState(double[] state);

    /**
     * Puts back an episode saved by {@link #saveState} on an environment of the same task.
     *
     * @param state {@link #stateSize()} values.
     */
    void restoreState(double[] state);

    /**
     * Closes the plant, releasing its native memory; the environment is unusable afterwards. Idempotent.
     */
    @Override
    void close();

    /**
     * Closes every environment of an array (the {@code null}s of one partly filled are skipped), each even when
     * another's close fails; the first failure is thrown at the end with the others suppressed in it.
     *
     * @param envs the environments.
     */
    static void closeAll(final Env[] envs) {
        RuntimeException failure = null;
        for (final Env env : envs) {
            if (env == null) {
                continue;
            }
            try {
                env.close();
            } catch (final RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
