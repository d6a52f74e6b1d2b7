package dev.sparring.trainer.run;

import dev.sparring.trainer.algo.PolicyConfig;
import dev.sparring.trainer.algo.PpoConfig;
import dev.sparring.trainer.algo.Role;
import dev.sparring.trainer.algo.TrpoConfig;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.rarl.RarlConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that defines one training run of one seed; stored as {@code config.txt} in the run directory and in
 * every checkpoint ({@link #text()}), so a resumed run continues with exactly the settings it started with.
 *
 * @param task            the task's name ({@link Tasks#NAMES}); a Gymnasium alias is stored as the name it means.
 * @param algorithm       the policy optimizer of both players.
 * @param adversarial     whether an adversary is trained against the protagonist (RARL) or not (the baseline).
 * @param seed            the seed of networks, environments and sampling.
 * @param totalSteps      the protagonist's budget of environment steps; the adversary's rollouts come on top.
 * @param envs            environments collected from in parallel, ≥ 1.
 * @param stepsPerEnv     steps per environment per rollout; a rollout is {@code envs × stepsPerEnv} steps.
 * @param workers         threads that step the environments, in [1, envs].
 * @param checkpointEvery iterations between checkpoints, ≥ 1 (one is also written at the end and on Ctrl-C).
 * @param rarl            the RARL schedule and the adversary's strength.
 * @param policy          network shapes and normalisation (both players).
 * @param ppo             PPO's hyperparameters (used when {@code algorithm} is PPO).
 * @param trpo            TRPO's hyperparameters (used when {@code algorithm} is TRPO).
 */
public record TrainingConfig(String task, Algorithm algorithm, boolean adversarial, long seed, long totalSteps,
    int envs, int stepsPerEnv, int workers, int checkpointEvery, RarlConfig rarl, PolicyConfig policy, PpoConfig ppo,
    TrpoConfig trpo) {

    /**
     * Settings added after runs were stored, each with the value a {@code config.txt} (or checkpoint) written before
     * it means: how those runs trained, so they still load, resume and evaluate unchanged.
     */
    private static final Map<String, String> ADDED_SETTINGS = Map.of("ppo.annealLearningRate", "false");

    /** Validates the fields and their consistency. */
    public TrainingConfig {
        task = Tasks.canonicalName(task);
        if (envs < 1 || stepsPerEnv < 1) {
            throw new IllegalArgumentException("envs and stepsPerEnv must be >= 1, were " + envs + " and "
                + stepsPerEnv);
        }
        if (workers < 1 || workers > envs) {
            throw new IllegalArgumentException("workers must be in [1, envs = " + envs + "], was " + workers);
        }
        final int batch = envs * stepsPerEnv;
        if (totalSteps < batch) {
            throw new IllegalArgumentException("totalSteps " + totalSteps + " is less than one rollout (envs "
                + envs + " x stepsPerEnv " + stepsPerEnv + " = " + batch + ")");
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be >= 1, was " + checkpointEvery);
        }
        if (algorithm == Algorithm.PPO) {
            ppo.minibatchSize(batch);
        } else {
            trpo.valueMinibatchSize(batch);
        }
    }

    /**
     * The defaults for a task and algorithm: 64-64 tanh networks; PPO with {@link PpoConfig#fast()} over 8
     * environments × 256 steps; TRPO with the RARL paper's (γ 0.995, λ 0.97, δ 0.01) over 8 × 512 steps; the authors'
     * RARL schedule and strength on the task's force scale ({@link TaskForces}); two workers.
     *
     * @param task        the task.
     * @param algorithm   the optimizer.
     * @param adversarial RARL or the baseline.
     * @param seed        the seed.
     * @param totalSteps  the protagonist's step budget.
     * @return the configuration.
     */
    public static TrainingConfig defaults(final String task, final Algorithm algorithm, final boolean adversarial,
        final long seed, final long totalSteps) {
        final int stepsPerEnv = algorithm == Algorithm.PPO ? 256 : 512;
        return new TrainingConfig(task, algorithm, adversarial, seed, totalSteps, 8, stepsPerEnv, 2, 10,
            RarlConfig.authors(TaskForces.forceScaleN(task)), PolicyConfig.defaults(), PpoConfig.fast(),
            TrpoConfig.rarl());
    }

    /**
     * The same configuration with some settings changed, by the names {@code config.txt} uses
     * ({@code ppo.epochs=4}, {@code rarl.advFraction=0.5}); the result is validated as a whole.
     *
     * @param assignments {@code name=value} strings.
     * @return the changed configuration.
     * @throws IllegalArgumentException naming an unknown setting or an invalid value.
     */
    public TrainingConfig with(final List<String> assignments) {
        return with(assignments, "--set");
    }

    /**
     * As {@link #with(List)}, with messages that name where the settings came from.
     *
     * @param assignments {@code name=value} strings.
     * @param source      where they came from, for messages ({@code --set}, a file).
     * @return the changed configuration.
     * @throws IllegalArgumentException naming an unknown setting or an invalid value.
     */
    public TrainingConfig with(final List<String> assignments, final String source) {
        final Map<String, String> settings = RecordText.settings(this);
        for (final String assignment : assignments) {
            final int equals = assignment.indexOf('=');
            final String name = equals < 0 ? assignment : assignment.substring(0, equals).strip();
            if (equals < 0 || !settings.containsKey(name)) {
                throw new IllegalArgumentException(source + " " + assignment + ": expected name=value with a name "
                    + "from " + settings.keySet());
            }
            settings.put(name, assignment.substring(equals + 1).strip());
        }
        final StringBuilder text = new StringBuilder();
        settings.forEach((name, value) -> text.append(name).append(" = ").append(value).append('\n'));
        final TrainingConfig changed = read(text.toString(), source);
        for (final String assignment : assignments) {
            changed.requireUsed(assignment.substring(0, assignment.indexOf('=')).strip(), source);
        }
        return changed;
    }

    /**
     * The run's settings as {@code config.txt} and checkpoints store them: {@link RecordText} lines, without the
     * settings of the algorithm that did not run (a PPO run lists no {@code trpo.*} line, and vice versa).
     *
     * @return the {@code name = value} lines.
     */
    public String text() {
        final String unused = prefix(other(algorithm));
        final StringBuilder text = new StringBuilder();
        RecordText.settings(this).forEach((name, value) -> {
            if (!name.startsWith(unused)) {
                text.append(name).append(" = ").append(value).append('\n');
            }
        });
        return text.toString();
    }

    /**
     * Reads a configuration as {@link #text()} (or {@link RecordText#write}) wrote it; a text from before a setting
     * existed reads as the runs it describes trained (for example {@code ppo.annealLearningRate = false}), and the
     * algorithm that did not run keeps its defaults.
     *
     * @param text   the {@code name = value} lines.
     * @param source a name for messages (the file).
     * @return the configuration.
     * @throws IllegalArgumentException naming the setting when one is missing, unknown, malformed or invalid.
     */
    public static TrainingConfig read(final String text, final String source) {
        final Map<String, String> assumed = new LinkedHashMap<>(ADDED_SETTINGS);
        for (final String line : text.split("\n")) {
            final String[] nameAndValue = line.split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].strip().equals("algorithm")) {
                for (final Algorithm algorithm : Algorithm.values()) {
                    if (algorithm.name().equalsIgnoreCase(nameAndValue[1].strip())) {
                        assumed.putAll(unusedDefaults(algorithm));
                    }
                }
            }
        }
        return RecordText.read(TrainingConfig.class, text, source, assumed);
    }

    /** The other algorithm's default settings, by their full names: what a text without them stands for. */
    private static Map<String, String> unusedDefaults(final Algorithm algorithm) {
        final Algorithm unused = other(algorithm);
        final Record defaults = unused == Algorithm.PPO ? PpoConfig.fast() : TrpoConfig.rarl();
        final Map<String, String> settings = new LinkedHashMap<>();
        RecordText.settings(defaults).forEach((name, value) -> settings.put(prefix(unused) + name, value));
        return settings;
    }

    private static Algorithm other(final Algorithm algorithm) {
        return algorithm == Algorithm.PPO ? Algorithm.TRPO : Algorithm.PPO;
    }

    private static String prefix(final Algorithm algorithm) {
        return algorithm.name().toLowerCase(Locale.ROOT) + ".";
    }

    /**
     * The updates one player makes in this run: RARL iterations continue until the protagonist's steps reach the
     * budget, {@code ⌈totalSteps / (N_μ × batch)⌉} of them, each with N_μ protagonist and N_ν adversary updates.
     *
     * @param role the player.
     * @return its number of updates (the horizon of {@link PpoConfig#annealLearningRate()}).
     */
    public long updates(final Role role) {
        final long perIteration = (long) rarl.protagonistUpdates() * batchSize();
        final long iterations = Math.ceilDiv(totalSteps, perIteration);
        final int perRole = role == Role.PROTAGONIST ? rarl.protagonistUpdates() : rarl.adversaryUpdates();
        return iterations > Long.MAX_VALUE / perRole ? Long.MAX_VALUE : iterations * perRole;
    }

    private void requireUsed(final String setting, final String source) {
        final Algorithm unused = other(algorithm);
        if (setting.startsWith(prefix(unused))) {
            throw new IllegalArgumentException(source + " " + setting + " is a " + unused.name() + " setting, but this "
                + "run trains with " + algorithm.name() + "; choose --algo " + unused.name().toLowerCase(Locale.ROOT)
                + " or drop it");
        }
    }

    /**
     * @return the environment steps of one rollout.
     */
    public int batchSize() {
        return envs * stepsPerEnv;
    }

    /**
     * @return the adversary's force bound per component (N): 0 for the baseline, whose environments are undisturbed.
     */
    public double adversaryBoundN() {
        return adversarial ? rarl.adversaryBoundN() : 0.0;
    }

    /**
     * @return a short name of the method, {@code "rarl"} or {@code "baseline"}.
     */
    public String methodName() {
        return adversarial ? "rarl" : "baseline";
    }
}
