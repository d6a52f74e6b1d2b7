package dev.sparring.trainer.colearn.fleet;

import dev.sparring.trainer.algo.PpoConfig;
import dev.sparring.trainer.colearn.ImportanceWeights;

/**
 * One fleet training run's settings.
 *
 * @param robots        N, the fleet's size, ≥ 2.
 * @param supervisors   S, each owning a contiguous block of robots (static), 1 ≤ S ≤ N.
 * @param windowSteps   K, policy steps each robot runs per window, ≥ 2.
 * @param stepsPerRobot the budget: environment steps per robot (whole windows: rounded up to a multiple of K).
 * @param temperature   T, Algorithm 2's draws per robot and window (and the random and oracle baselines').
 * @param kMin          the fewest groups a supervisor's robots are clustered into.
 * @param kMax          the most.
 * @param sharing       who shares with whom.
 * @param seed          the run's seed: networks, exploration noise, reset states, partner draws.
 * @param ppo           each learner's PPO settings.
 * @param hiddenSizes   each learner's hidden layer widths.
 * @param weightClip    c̄, the importance weights' clip.
 * @param threshold     the return a robot must reach (mean of its last 10 episodes) for the time-to-threshold metric.
 */
public record FleetConfig(int robots, int supervisors, int windowSteps, long stepsPerRobot, int temperature, int kMin,
                          int kMax, SharingMode sharing, long seed, PpoConfig ppo, int[] hiddenSizes,
                          double weightClip, double threshold) {
    /** PPO's minibatches per window of a robot's own steps in {@link #defaults}: a window is a multiple of it. */
    public static final int DEFAULT_MINIBATCHES = 4;

    /** Validates the fields, naming the CLI option of each. */
    public FleetConfig {
        check(robots >= 2, "--robots must be >= 2, was " + robots);
        check(supervisors >= 1 && supervisors <= robots, "--supervisors must be in [1, --robots = " + robots
            + "], was " + supervisors);
        check(windowSteps >= 2, "--window must be >= 2 steps, was " + windowSteps);
        check(windowSteps % ppo.minibatches() == 0, "--window must be a multiple of ppo.minibatches = "
            + ppo.minibatches() + " (a window's steps make whole minibatches), was " + windowSteps);
        check(stepsPerRobot >= windowSteps, "--steps must be at least one window (" + windowSteps + "), was "
            + stepsPerRobot);
        check(temperature >= 1, "--temperature must be >= 1, was " + temperature);
        check(kMin >= 1 && kMax >= kMin, "need 1 <= k-min <= k-max, were " + kMin + " and " + kMax);
        check(weightClip > 0.0, "the weight clip must be > 0, was " + weightClip);
        hiddenSizes = hiddenSizes.clone();
    }

    /**
     * The defaults of {@code sparring fleet train} for a fleet and a sharing mode.
     *
     * @param robots      N.
     * @param supervisors S.
     * @param windowSteps K.
     * @param steps       steps per robot.
     * @param temperature T.
     * @param sharing     the mode.
     * @param seed        the seed.
     * @return the settings.
     */
    public static FleetConfig defaults(final int robots, final int supervisors, final int windowSteps, final long steps,
        final int temperature, final SharingMode sharing, final long seed) {
        final PpoConfig ppo = new PpoConfig(0.99, 0.95, 4, DEFAULT_MINIBATCHES, 3e-4, 1e-5, 0.2, true, 0.0, 0.5, 0.5,
            Double.POSITIVE_INFINITY, true, false);
        return new FleetConfig(robots, supervisors, windowSteps, steps, temperature, 1, 6, sharing, seed, ppo,
            new int[] {32, 32}, ImportanceWeights.DEFAULT_CLIP, 900.0);
    }

    /**
     * @param epochs PPO's epochs per update (independent learners given co-learners' Adam steps, as a control).
     * @return this configuration with that many epochs.
     */
    public FleetConfig withEpochs(final int epochs) {
        final PpoConfig p = ppo;
        return new FleetConfig(robots, supervisors, windowSteps, stepsPerRobot, temperature, kMin, kMax, sharing, seed,
            new PpoConfig(p.gamma(), p.lambda(), epochs, p.minibatches(), p.learningRate(), p.adamEpsilon(),
                p.clipRange(), p.clipValueLoss(), p.entropyCoefficient(), p.valueCoefficient(), p.maxGradNorm(),
                p.targetKl(), p.normalizeAdvantages(), p.annealLearningRate()), hiddenSizes, weightClip, threshold);
    }

    /**
     * @param value the return a robot must reach for the time-to-threshold metric.
     * @return these settings with that threshold.
     */
    public FleetConfig withThreshold(final double value) {
        return new FleetConfig(robots, supervisors, windowSteps, stepsPerRobot, temperature, kMin, kMax, sharing, seed,
            ppo, hiddenSizes, weightClip, value);
    }

    /**
     * @return the number of windows the budget takes.
     */
    public long windows() {
        return (stepsPerRobot + windowSteps - 1) / windowSteps;
    }

    /**
     * @param robot a robot's index.
     * @return the supervisor that owns it: robots are dealt to supervisors in contiguous blocks.
     */
    public int supervisorOf(final int robot) {
        return (int) ((long) robot * supervisors / robots);
    }

    /**
     * @param supervisor a supervisor's index, or the number of supervisors.
     * @return its first robot (the robots {@link #supervisorOf} gives it start there), or the number of robots.
     */
    public int firstRobot(final int supervisor) {
        return (int) (((long) supervisor * robots + supervisors - 1) / supervisors);
    }

    /**
     * @return a copy of the hidden layer widths.
     */
    @Override
    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    private static void check(final boolean condition, final String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
