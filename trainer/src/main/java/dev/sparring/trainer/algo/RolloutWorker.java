package dev.sparring.trainer.algo;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.StepResult;
import dev.sparring.trainer.nn.Mlp;

/**
 * One thread's share of a {@link RolloutCollector}: a contiguous slice of the environments, stepped together with
 * one batched policy and value forward per step, on this worker's own replicas of the networks (refreshed at the
 * start of each rollout). It writes only its environments' rows of the buffer and its slice of the collector's
 * episode state; each environment draws noise and reset seeds from its own stream, so the result does not depend on
 * how environments are split over workers.
 */
final class RolloutWorker {
    private static final int REPLICA_SLOTS = 4;

    private final Env[] envs;
    private final int firstEnv;
    private final int envCount;
    private final int observationSize;
    private final double[] observations;
    private final double[] episodeReturns;
    private final SplitMix64[] envRngs;
    private final GaussianPolicy[] policySources = new GaussianPolicy[REPLICA_SLOTS];
    private final GaussianPolicy[] policyReplicas = new GaussianPolicy[REPLICA_SLOTS];
    private final Mlp[] valueSources = new Mlp[REPLICA_SLOTS];
    private final Mlp[] valueReplicas = new Mlp[REPLICA_SLOTS];
    private final double[] learnerInput;
    private final double[] learnerNoise;
    private final double[] learnerActions;
    private final double[] learnerLogProbs;
    private final double[] opponentInput;
    private final double[] opponentNoise;
    private final double[] opponentActions;
    private final double[] opponentLogProbs;
    private final double[] protagonistAction;
    private final double[] adversaryAction;
    private final double[] singleObservation;
    private final StepResult result;

    RolloutWorker(final Env[] envs, final int firstEnv, final int envCount, final double[] observations,
        final double[] episodeReturns, final SplitMix64[] envRngs) {
        this.envs = envs;
        this.firstEnv = firstEnv;
        this.envCount = envCount;
        this.observations = observations;
        this.episodeReturns = episodeReturns;
        this.envRngs = envRngs;
        final Env env = envs[firstEnv];
        this.observationSize = env.observationSize();
        final int widestAction = Math.max(env.actionSize(), env.adversaryActionSize());
        this.learnerInput = new double[envCount * observationSize];
        this.learnerNoise = new double[envCount * widestAction];
        this.learnerActions = new double[envCount * widestAction];
        this.learnerLogProbs = new double[envCount];
        this.opponentInput = new double[envCount * observationSize];
        this.opponentNoise = new double[envCount * widestAction];
        this.opponentActions = new double[envCount * widestAction];
        this.opponentLogProbs = new double[envCount];
        this.protagonistAction = new double[env.actionSize()];
        this.adversaryAction = new double[env.adversaryActionSize()];
        this.singleObservation = new double[observationSize];
        this.result = new StepResult(observationSize);
    }

    void collect(final GaussianPolicy learnerSource, final Mlp valueSource, final Role role,
        final GaussianPolicy opponentSource, final RolloutBuffer buffer) {
        final GaussianPolicy learner = policyReplica(learnerSource);
        final Mlp value = valueReplica(valueSource);
        final GaussianPolicy opponent = opponentSource == null ? null : policyReplica(opponentSource);
        final boolean protagonist = role == Role.PROTAGONIST;
        final int steps = buffer.steps();
        final int k = envCount;
        final int d = observationSize;
        final double[] current = observations;
        final int sliceOffset = firstEnv * d;
        for (int t = 0; t < steps; t++) {
            learner.normalize(current, sliceOffset, learnerInput, k);
            drawNoise(learnerNoise, learner.actionSize());
            learner.sample(learnerInput, k, learnerNoise, learnerActions, learnerLogProbs);
            final double[] values = value.forward(learnerInput, k);
            store(buffer, t, current, values);
            if (opponent != null) {
                opponent.normalize(current, sliceOffset, opponentInput, k);
                drawNoise(opponentNoise, opponent.actionSize());
                opponent.sample(opponentInput, k, opponentNoise, opponentActions, opponentLogProbs);
            }
            for (int r = 0; r < k; r++) {
                step(r, buffer, t, learner, value, opponent, protagonist);
            }
        }
        learner.normalize(current, sliceOffset, learnerInput, k);
        final double[] lastValues = value.forward(learnerInput, k);
        for (int r = 0; r < k; r++) {
            buffer.lastValues()[firstEnv + r] = lastValues[r];
        }
    }

    private void step(final int r, final RolloutBuffer buffer, final int t, final GaussianPolicy learner,
        final Mlp value, final GaussianPolicy opponent, final boolean protagonist) {
        final int e = firstEnv + r;
        final Env env = envs[e];
        final double[] adversary;
        if (protagonist) {
            scale(learner, learnerActions, r, protagonistAction);
            if (opponent == null) {
                adversary = null;
            } else {
                scale(opponent, opponentActions, r, adversaryAction);
                adversary = adversaryAction;
            }
        } else {
            scale(opponent, opponentActions, r, protagonistAction);
            scale(learner, learnerActions, r, adversaryAction);
            adversary = adversaryAction;
        }
        env.step(protagonistAction, adversary, result);
        final double reward = result.reward();
        final double learnerReward = protagonist ? reward : -reward;
        episodeReturns[e] += reward;
        final int row = buffer.row(e, t);
        final double[] current = observations;
        if (result.done()) {
            double bootstrap = 0.0;
            if (result.truncated() && !result.terminated()) {
                learner.normalize(result.observation(), 0, singleObservation, 1);
                bootstrap = value.forward(singleObservation, 1)[0];
            }
            buffer.recordOutcome(row, learnerReward, result.terminated(), result.truncated(), bootstrap,
                episodeReturns[e]);
            episodeReturns[e] = 0.0;
            env.reset(envRngs[e].nextLong(), singleObservation);
            System.arraycopy(singleObservation, 0, current, e * observationSize, observationSize);
        } else {
            buffer.recordOutcome(row, learnerReward, false, false, 0.0, Double.NaN);
            System.arraycopy(result.observation(), 0, current, e * observationSize, observationSize);
        }
    }

    private void store(final RolloutBuffer buffer, final int t, final double[] current, final double[] values) {
        final int d = observationSize;
        final int a = buffer.actionSize();
        for (int r = 0; r < envCount; r++) {
            final int e = firstEnv + r;
            final int row = buffer.row(e, t);
            System.arraycopy(learnerInput, r * d, buffer.observations(), row * d, d);
            System.arraycopy(current, e * d, buffer.rawObservations(), row * d, d);
            System.arraycopy(learnerActions, r * a, buffer.actions(), row * a, a);
            buffer.logProbs()[row] = learnerLogProbs[r];
            buffer.values()[row] = values[r];
        }
    }

    private void drawNoise(final double[] noise, final int actionSize) {
        for (int r = 0; r < envCount; r++) {
            final SplitMix64 rng = envRngs[firstEnv + r];
            for (int i = 0; i < actionSize; i++) {
                noise[r * actionSize + i] = rng.nextGaussian();
            }
        }
    }

    private static void scale(final GaussianPolicy policy, final double[] actions, final int r,
        final double[] destination) {
        final int a = destination.length;
        for (int i = 0; i < a; i++) {
            destination[i] = policy.actionScale(i) * actions[r * a + i];
        }
    }

    private GaussianPolicy policyReplica(final GaussianPolicy source) {
        for (int slot = 0; slot < REPLICA_SLOTS; slot++) {
            if (policySources[slot] == source) {
                policyReplicas[slot].copyFrom(source);
                return policyReplicas[slot];
            }
        }
        final int slot = freeSlot(policySources);
        policySources[slot] = source;
        policyReplicas[slot] = source.replica(envCount);
        return policyReplicas[slot];
    }

    private Mlp valueReplica(final Mlp source) {
        for (int slot = 0; slot < REPLICA_SLOTS; slot++) {
            if (valueSources[slot] == source) {
                valueReplicas[slot].setParameters(source.parameters());
                return valueReplicas[slot];
            }
        }
        final int slot = freeSlot(valueSources);
        valueSources[slot] = source;
        valueReplicas[slot] = source.replica(envCount);
        return valueReplicas[slot];
    }

    private static int freeSlot(final Object[] sources) {
        for (int slot = 0; slot < sources.length; slot++) {
            if (sources[slot] == null) {
                return slot;
            }
        }
        return sources.length - 1;
    }
}
