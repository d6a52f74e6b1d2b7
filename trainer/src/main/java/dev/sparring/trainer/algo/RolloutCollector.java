package dev.sparring.trainer.algo;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.nn.Mlp;
import java.util.function.IntConsumer;

/**
 * Collects rollouts from a set of environments split into contiguous slices over worker threads ({@link
 * RolloutWorker}), each stepping its environments with one batched forward per step on its own copies of the
 * networks. The learner's policy samples the learner's action; an optional fixed opponent policy samples the other
 * player's (RARL). Threads meet only at the start and end of a rollout.
 *
 * <p>Episodes continue across rollouts: the collector keeps each environment's current observation, running
 * protagonist return and random stream (noise and reset seeds), all reachable for a checkpoint. The results are a
 * function of the seed alone — not of thread timing, and not of the number of workers.
 */
public final class RolloutCollector implements AutoCloseable {
    private final Env[] envs;
    private final int steps;
    private final int observationSize;
    private final double[] observations;
    private final double[] episodeReturns;
    private final SplitMix64[] envRngs;
    private final RolloutWorker[] workers;
    private final ParallelRunner runner;
    private final IntConsumer collectSlice = this::collectSlice;
    private boolean started;
    private boolean closed;
    private GaussianPolicy learner;
    private Mlp value;
    private Role role;
    private GaussianPolicy opponent;
    private RolloutBuffer buffer;

    /**
     * Creates a collector and starts its worker threads.
     *
     * @param envs        the environments, all of the same task; owned by the collector from now on: {@link #close()}
     *                    closes them, and so does this constructor before it throws.
     * @param stepsPerEnv the rollout length per environment, ≥ 1.
     * @param workerCount the number of threads, in [1, envs.length].
     * @param seed        the seed of the environments' random streams.
     */
    public RolloutCollector(final Env[] envs, final int stepsPerEnv, final int workerCount, final long seed) {
        try {
            check(envs, stepsPerEnv, workerCount);
        } catch (final RuntimeException e) {
            Env.closeAll(envs);
            throw e;
        }
        this.envs = envs.clone();
        this.steps = stepsPerEnv;
        this.observationSize = envs[0].observationSize();
        this.observations = new double[envs.length * observationSize];
        this.episodeReturns = new double[envs.length];
        this.envRngs = new SplitMix64[envs.length];
        final SplitMix64 master = new SplitMix64(seed);
        for (int e = 0; e < envs.length; e++) {
            envRngs[e] = new SplitMix64(master.nextLong());
        }
        this.workers = new RolloutWorker[workerCount];
        for (int w = 0; w < workerCount; w++) {
            final int from = w * envs.length / workerCount;
            final int to = (w + 1) * envs.length / workerCount;
            workers[w] = new RolloutWorker(this.envs, from, to - from, observations, episodeReturns, envRngs);
        }
        try {
            this.runner = new ParallelRunner(workerCount, "rollout");
        } catch (final RuntimeException | Error e) {
            Env.closeAll(envs);
            throw e;
        }
    }

    private static void check(final Env[] envs, final int stepsPerEnv, final int workerCount) {
        if (envs.length < 1) {
            throw new IllegalArgumentException("rollout needs at least one environment");
        }
        if (stepsPerEnv < 1) {
            throw new IllegalArgumentException("rollout.stepsPerEnv must be >= 1, was " + stepsPerEnv);
        }
        if (workerCount < 1 || workerCount > envs.length) {
            throw new IllegalArgumentException("rollout.workers must be in [1, " + envs.length
                + "] (the number of environments), was " + workerCount);
        }
        final Env first = envs[0];
        for (int e = 1; e < envs.length; e++) {
            if (envs[e].observationSize() != first.observationSize() || envs[e].actionSize() != first.actionSize()
                || envs[e].adversaryActionSize() != first.adversaryActionSize()) {
                throw new IllegalArgumentException("environment " + e + " (" + envs[e].taskName()
                    + ") has other observation or action sizes than environment 0 (" + first.taskName() + ")");
            }
        }
    }

    /**
     * Fills a buffer with one rollout: {@code stepsPerEnv} steps of every environment.
     *
     * @param learnerPolicy the policy being trained; its actions, log-likelihoods and normalised observations are
     *                      stored.
     * @param valueNetwork  the learner's value network, {@code V(s)} stored per step.
     * @param learnerRole   which player the learner controls; the adversary's reward is the negative one.
     * @param opponentPolicy the other player's fixed policy, or {@code null}: required when the learner is the
     *                      adversary, optional (no disturbance) when it is the protagonist.
     * @param destination   a buffer of {@link #envCount()} environments × {@link #stepsPerEnv()} steps.
     */
    public void collect(final GaussianPolicy learnerPolicy, final Mlp valueNetwork, final Role learnerRole,
        final GaussianPolicy opponentPolicy, final RolloutBuffer destination) {
        check(learnerPolicy, valueNetwork, learnerRole, opponentPolicy, destination);
        if (!started) {
            resetAll();
            started = true;
        }
        learner = learnerPolicy;
        value = valueNetwork;
        role = learnerRole;
        opponent = opponentPolicy;
        buffer = destination;
        try {
            runner.run(collectSlice);
        } finally {
            learner = null;
            value = null;
            opponent = null;
            buffer = null;
        }
    }

    /**
     * The number of environments.
     *
     * @return the environment count.
     */
    public int envCount() {
        return envs.length;
    }

    /**
     * The rollout length per environment.
     *
     * @return the steps per environment.
     */
    public int stepsPerEnv() {
        return steps;
    }

    /**
     * The number of worker threads, including the caller.
     *
     * @return the worker count.
     */
    public int workerCount() {
        return workers.length;
    }

    /**
     * An environment, for checkpoints of its episode state.
     *
     * @param index the environment.
     * @return the live environment.
     */
    public Env env(final int index) {
        return envs[index];
    }

    /**
     * Each environment's current raw observation, row-major, live (checkpoint state).
     *
     * @return {@code envCount × observationSize} values.
     */
    public double[] observations() {
        return observations;
    }

    /**
     * Each environment's protagonist return so far in its current episode, live (checkpoint state).
     *
     * @return one value per environment.
     */
    public double[] episodeReturns() {
        return episodeReturns;
    }

    /**
     * An environment's random stream (action noise of both players, reset seeds), live (checkpoint state).
     *
     * @param index the environment.
     * @return the stream.
     */
    public SplitMix64 envRng(final int index) {
        return envRngs[index];
    }

    /**
     * Whether the environments have been reset for their first episodes (checkpoint state).
     *
     * @return {@code true} after the first rollout.
     */
    public boolean started() {
        return started;
    }

    /**
     * Marks the environments as already in their episodes, when restoring a checkpoint.
     *
     * @param value {@code true} to skip the initial resets.
     */
    public void started(final boolean value) {
        started = value;
    }

    /**
     * The worker threads, idle between rollouts: an update may share a minibatch over them.
     *
     * @return the runner.
     */
    public ParallelRunner runner() {
        return runner;
    }

    /** Stops the worker threads, then closes the environments. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            runner.close();
        } finally {
            Env.closeAll(envs);
        }
    }

    private void resetAll() {
        final double[] row = new double[observationSize];
        for (int e = 0; e < envs.length; e++) {
            envs[e].reset(envRngs[e].nextLong(), row);
            System.arraycopy(row, 0, observations, e * observationSize, observationSize);
        }
    }

    private void collectSlice(final int worker) {
        workers[worker].collect(learner, value, role, opponent, buffer);
    }

    private void check(final GaussianPolicy learnerPolicy, final Mlp valueNetwork, final Role learnerRole,
        final GaussianPolicy opponentPolicy, final RolloutBuffer destination) {
        final Env env = envs[0];
        final boolean protagonist = learnerRole == Role.PROTAGONIST;
        final int learnerActions = protagonist ? env.actionSize() : env.adversaryActionSize();
        final int opponentActions = protagonist ? env.adversaryActionSize() : env.actionSize();
        if (learnerPolicy.observationSize() != observationSize || learnerPolicy.actionSize() != learnerActions) {
            throw new IllegalArgumentException(learnerRole + " policy must map " + observationSize
                + " observations to " + learnerActions + " actions for " + env.taskName() + ", maps "
                + learnerPolicy.observationSize() + " to " + learnerPolicy.actionSize());
        }
        if (valueNetwork.inputSize() != observationSize || valueNetwork.outputSize() != 1) {
            throw new IllegalArgumentException("value network must map " + observationSize + " observations to 1"
                + " value, maps " + valueNetwork.inputSize() + " to " + valueNetwork.outputSize());
        }
        if (opponentPolicy == null && !protagonist) {
            throw new IllegalArgumentException("an adversary learner needs the protagonist's policy as opponent");
        }
        if (opponentPolicy != null && (opponentPolicy.observationSize() != observationSize
            || opponentPolicy.actionSize() != opponentActions || opponentActions == 0)) {
            throw new IllegalArgumentException("opponent policy must map " + observationSize + " observations to "
                + opponentActions + " actions for " + env.taskName() + ", maps " + opponentPolicy.observationSize()
                + " to " + opponentPolicy.actionSize());
        }
        if (destination.envCount() != envs.length || destination.steps() != steps
            || destination.observationSize() != observationSize || destination.actionSize() != learnerActions) {
            throw new IllegalArgumentException("rollout buffer must hold " + envs.length + " environments × "
                + steps + " steps of " + observationSize + " observations and " + learnerActions
                + " actions, holds " + destination.envCount() + " × " + destination.steps() + " of "
                + destination.observationSize() + " and " + destination.actionSize());
        }
    }
}
