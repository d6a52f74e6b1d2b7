package dev.sparring.trainer.eval;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.hal.plant.Plant;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.StepResult;
import java.util.function.Consumer;

/**
 * Runs episodes of a deterministic policy on one environment under a {@link DisturbanceMode} and reports their
 * returns and lengths.
 * <p>
 * <b>Seeds.</b> Episode {@code k} of {@link #evaluate(int, long)} starts from {@link #episodeSeed(long, int)
 * episodeSeed(seed, k)}, and random disturbances are drawn from a generator seeded from that episode seed, so a
 * result depends only on the seed, the parameters and the policies. Evaluations that share a seed (the cells of a
 * sweep, the methods being compared) see the same initial states and the same random forces: common random numbers,
 * which keep seed noise out of their differences.
 * <p>
 * <b>Parameters.</b> {@link #evaluate(int, long, Consumer)} changes plant parameters for one evaluation and puts every
 * parameter back to the value it had before, also when an episode throws.
 * <p>
 * Not thread-safe: one evaluator (with its own environment and policies) per thread. An episode allocates nothing.
 */
public final class Evaluator {
    private static final long DISTURBANCE_STREAM = 0x5DEECE66DL;

    private final Env env;
    private final ActionFunction policy;
    private final ActionFunction adversary;
    private final SplitMix64 random;
    private final double randomForceN;
    private final double[] observation;
    private final double[] action;
    private final double[] adversaryAction;
    private final double[] savedParameters;
    private final StepResult result;
    private int lastLength;

    /**
     * @param env         the environment (its plant's current parameters are the ones evaluated).
     * @param policy      the protagonist under test.
     * @param disturbance what acts on the adversary channel.
     * @throws IllegalArgumentException when a disturbance is asked of a task without an adversary channel.
     */
    public Evaluator(final Env env, final ActionFunction policy, final DisturbanceMode disturbance) {
        this.env = env;
        this.policy = policy;
        if (!(disturbance instanceof DisturbanceMode.None) && env.adversaryActionSize() == 0) {
            throw new IllegalArgumentException("task " + env.taskName() + " has no adversary channel "
                + "(adversaryActionSize 0), so it cannot be evaluated with " + disturbance
                + "; use DisturbanceMode.none()");
        }
        switch (disturbance) {
            case DisturbanceMode.None _ -> {
                this.adversary = null;
                this.random = null;
                this.randomForceN = 0.0;
            }
            case DisturbanceMode.RandomForces forces -> {
                this.adversary = null;
                this.random = new SplitMix64(0L);
                this.randomForceN = forces.fractionOfBound() * env.adversaryBound();
            }
            case DisturbanceMode.Adversary trained -> {
                this.adversary = trained.adversaries().get();
                this.random = null;
                this.randomForceN = 0.0;
            }
        }
        this.observation = new double[env.observationSize()];
        this.action = new double[env.actionSize()];
        this.adversaryAction = new double[env.adversaryActionSize()];
        this.savedParameters = new double[env.plant().parameterCount()];
        this.result = new StepResult(env.observationSize());
    }

    /**
     * The seed of episode {@code episode} of an evaluation seeded with {@code seed}: {@link SplitMix64#derive}, as a
     * simulated robot that resets its plant between episodes derives its episodes' seeds, so both start episode
     * {@code k} from the same state.
     *
     * @param seed    the evaluation's seed.
     * @param episode the episode index, from 0.
     * @return the episode's seed, passed to {@link Env#reset}.
     */
    public static long episodeSeed(final long seed, final int episode) {
        return SplitMix64.derive(seed, episode);
    }

    /**
     * @return the environment this evaluator steps.
     */
    public Env env() {
        return env;
    }

    /**
     * Evaluates at the plant's current parameters.
     *
     * @param episodes how many episodes, &gt;= 1.
     * @param seed     the evaluation's seed.
     * @return the episodes' returns and lengths.
     */
    public EvaluationResult evaluate(final int episodes, final long seed) {
        return evaluate(episodes, seed, plant -> {
        });
    }

    /**
     * Changes plant parameters, evaluates, and restores every parameter to its value before the call.
     *
     * @param episodes        how many episodes, &gt;= 1.
     * @param seed            the evaluation's seed.
     * @param parameterChange sets the parameters to evaluate at (through {@link Plant#setParameter}).
     * @return the episodes' returns and lengths.
     */
    public EvaluationResult evaluate(final int episodes, final long seed,
        final Consumer<? super Plant> parameterChange) {
        if (episodes < 1) {
            throw new IllegalArgumentException("evaluation episodes must be >= 1, was " + episodes);
        }
        final Plant plant = env.plant();
        for (int i = 0; i < savedParameters.length; i++) {
            savedParameters[i] = plant.parameter(i);
        }
        final double[] returns = new double[episodes];
        final int[] lengths = new int[episodes];
        try {
            parameterChange.accept(plant);
            for (int k = 0; k < episodes; k++) {
                returns[k] = runEpisode(episodeSeed(seed, k));
                lengths[k] = lastLength;
            }
        } finally {
            for (int i = 0; i < savedParameters.length; i++) {
                plant.setParameter(i, savedParameters[i]);
            }
        }
        return new EvaluationResult(returns, lengths);
    }

    /**
     * Runs one episode to its end (termination or the time limit) and allocates nothing.
     *
     * @param episodeSeed the seed passed to {@link Env#reset}, and from which random forces are drawn.
     * @return the episode's undiscounted return; its length is then {@link #lastEpisodeLength()}.
     * @throws IllegalStateException when the task runs past its {@link Env#maxEpisodeSteps()} without ending.
     */
    public double runEpisode(final long episodeSeed) {
        final Env e = env;
        final double[] obs = observation;
        final double[] act = action;
        final double[] forces = adversaryAction;
        final StepResult step = result;
        final int maxSteps = e.maxEpisodeSteps();
        e.reset(episodeSeed, obs);
        if (random != null) {
            random.state(SplitMix64.mix(episodeSeed + DISTURBANCE_STREAM));
        }
        double episodeReturn = 0.0;
        int length = 0;
        do {
            policy.act(obs, act);
            double[] disturbance = null;
            if (adversary != null) {
                adversary.act(obs, forces);
                disturbance = forces;
            } else if (random != null) {
                for (int k = 0; k < forces.length; k++) {
                    forces[k] = randomForceN * (2.0 * random.nextDouble() - 1.0);
                }
                disturbance = forces;
            }
            e.step(act, disturbance, step);
            episodeReturn += step.reward();
            length++;
            System.arraycopy(step.observation(), 0, obs, 0, obs.length);
            if (length > maxSteps) {
                throw new IllegalStateException("task " + e.taskName() + " ran " + length + " steps, past its "
                    + "maxEpisodeSteps " + maxSteps + ", without ending the episode: its step must set truncated");
            }
        } while (!step.done());
        lastLength = length;
        return episodeReturn;
    }

    /**
     * @return the length in steps of the last episode {@link #runEpisode} ran.
     */
    public int lastEpisodeLength() {
        return lastLength;
    }
}
