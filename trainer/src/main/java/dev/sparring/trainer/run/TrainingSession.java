package dev.sparring.trainer.run;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.algo.OnPolicyLearner;
import dev.sparring.trainer.algo.Role;
import dev.sparring.trainer.algo.RolloutCollector;
import dev.sparring.trainer.env.Deployment;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.export.PolicySnapshot;
import dev.sparring.trainer.export.TrainedPolicies;
import dev.sparring.trainer.rarl.Rarl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One seed's training in memory: the environments and their collector, the protagonist's learner, the adversary's
 * for RARL, and the RARL schedule (the baseline is the same schedule without an adversary). Checkpoints to and
 * resumes from a {@link Checkpoint} bit for bit. The session owns its environments: {@link #close()} frees them (a
 * MuJoCo task's native models), and a session that fails to start or resume frees what it made.
 */
public final class TrainingSession implements AutoCloseable {
    private static final String CONFIG = "config";
    private static final String PROTAGONIST = "protagonist/";
    private static final String ADVERSARY = "adversary/";

    private final TrainingConfig config;
    private final RolloutCollector collector;
    private final Rarl rarl;

    private TrainingSession(final TrainingConfig config) {
        this.config = config;
        final SplitMix64 seeds = new SplitMix64(config.seed());
        this.collector = new RolloutCollector(Tasks.createAll(config.task(), config.adversaryBoundN(), config.envs()),
            config.stepsPerEnv(), config.workers(), seeds.nextLong());
        try {
            final OnPolicyLearner protagonist = learner(Role.PROTAGONIST, seeds.nextLong());
            final long adversarySeed = seeds.nextLong();
            final OnPolicyLearner adversary = config.adversarial() ? learner(Role.ADVERSARY, adversarySeed) : null;
            this.rarl = new Rarl(protagonist, adversary, config.rarl());
        } catch (final RuntimeException e) {
            collector.close();
            throw e;
        }
    }

    /**
     * @param config the run's configuration.
     * @return a fresh session.
     */
    public static TrainingSession start(final TrainingConfig config) {
        return new TrainingSession(config);
    }

    /**
     * @param checkpoint a checkpoint written by {@link #checkpoint()}.
     * @return the session it holds, continuing where it stopped.
     * @throws CheckpointException when the checkpoint is incomplete or does not fit its own configuration.
     */
    public static TrainingSession resume(final Checkpoint checkpoint) {
        return resume(checkpoint, -1);
    }

    /**
     * Resumes with a larger step budget: the run continues as one that had this budget from the start (bit for bit,
     * unless {@code ppo.annealLearningRate} planned its schedule over the smaller one: then the rate follows the new
     * schedule from the next update on).
     *
     * @param checkpoint  a checkpoint written by {@link #checkpoint()}.
     * @param totalSteps  the protagonist's new budget, at least the checkpoint's; -1 keeps the checkpoint's.
     * @return the session it holds, continuing where it stopped.
     * @throws CheckpointException      when the checkpoint is incomplete or does not fit its own configuration.
     * @throws IllegalArgumentException when {@code totalSteps} is less than the checkpoint's budget.
     */
    public static TrainingSession resume(final Checkpoint checkpoint, final long totalSteps) {
        final TrainingConfig stored;
        try {
            stored = TrainingConfig.read(checkpoint.string(CONFIG), checkpoint.source());
        } catch (final IllegalArgumentException e) {
            throw new CheckpointException(e.getMessage());
        }
        if (totalSteps >= 0 && totalSteps < stored.totalSteps()) {
            throw new IllegalArgumentException("a resumed run can extend its budget of " + stored.totalSteps()
                + " steps, not shorten it to " + totalSteps);
        }
        final TrainingConfig config = totalSteps < 0 || totalSteps == stored.totalSteps() ? stored
            : stored.with(List.of("totalSteps=" + totalSteps));
        final TrainingSession session = new TrainingSession(config);
        try {
            LearnerState.restore(session.protagonist(), PROTAGONIST, checkpoint);
            if (session.adversary() != null) {
                LearnerState.restore(session.adversary(), ADVERSARY, checkpoint);
            }
            LearnerState.restoreCollector(session.collector, checkpoint);
        } catch (final RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private OnPolicyLearner learner(final Role role, final long seed) {
        return switch (config.algorithm()) {
            case PPO -> OnPolicyLearner.ppo(collector, role, config.policy(), config.ppo(), config.updates(role), seed);
            case TRPO -> OnPolicyLearner.trpo(collector, role, config.policy(), config.trpo(), seed);
        };
    }

    /** Runs one RARL iteration (or the baseline's protagonist updates). */
    public void iterate() {
        rarl.iterate();
    }

    /**
     * @return whether the protagonist has used its step budget.
     */
    public boolean done() {
        return protagonist().metrics().totalSteps() >= config.totalSteps();
    }

    /**
     * @return everything needed to continue this session bit for bit.
     */
    public Checkpoint checkpoint() {
        final Checkpoint checkpoint = new Checkpoint().putString(CONFIG, config.text());
        LearnerState.save(protagonist(), PROTAGONIST, checkpoint);
        if (adversary() != null) {
            LearnerState.save(adversary(), ADVERSARY, checkpoint);
        }
        LearnerState.saveCollector(collector, checkpoint);
        return checkpoint;
    }

    /**
     * The protagonist's deterministic policy for export, with the task's deployment scale (1 per task unit when the
     * task deploys to no robot) and metadata naming the run.
     *
     * @return the snapshot.
     */
    public PolicySnapshot snapshot() {
        final Env env = collector.env(0);
        final double[] effort = env.effortPerActionUnit();
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("name", config.task() + "-" + config.algorithm().name().toLowerCase() + "-"
            + config.methodName() + "-seed" + config.seed());
        metadata.put("trainer", "sparring " + config.algorithm().name() + (config.adversarial() ? " + RARL" : ""));
        metadata.put("task", config.task());
        metadata.put("seed", Long.toString(config.seed()));
        metadata.put("steps", Long.toString(protagonist().metrics().totalSteps()));
        metadata.put("robot", env.deployment().map(Deployment::robotFile).orElse("none"));
        metadata.put("control_period_s", Double.toString(env.stepDurationS()));
        return TrainedPolicies.snapshot(protagonist().policy(), env, effort, metadata);
    }

    /**
     * @return the run's configuration.
     */
    public TrainingConfig config() {
        return config;
    }

    /**
     * @return the protagonist's learner.
     */
    public OnPolicyLearner protagonist() {
        return rarl.protagonist();
    }

    /**
     * @return the adversary's learner, or {@code null} for the baseline.
     */
    public OnPolicyLearner adversary() {
        return rarl.adversary();
    }

    /**
     * @return the environments' collector, shared by both learners (for measuring rollouts alone).
     */
    public RolloutCollector collector() {
        return collector;
    }

    /**
     * @return the protagonist's policy, live.
     */
    public GaussianPolicy protagonistPolicy() {
        return protagonist().policy();
    }

    /** Stops the rollout threads and closes the environments. Idempotent. */
    @Override
    public void close() {
        collector.close();
    }
}
