package dev.sparring.trainer.colearn;

/**
 * One robot's experience in one time window, as its experience log holds it: the policy steps in log order (each
 * a STEP record: the observation the policy saw, the action the robot executed, the reward the step earned, the
 * behaviour log-probability, flags), and how they link. Step {@code i + 1} is step {@code i}'s successor when both
 * belong to one episode with consecutive step indices and no gap between them; a step without a successor ends a
 * segment: its episode terminated there ({@link #terminal(int)}), was cut (time limit, run end), lost records, or
 * the window ended. Preallocated to a capacity and refilled window after window by {@link RobotLogFollower}.
 */
public final class LoggedWindow {
    private final int capacity;
    private final int observationSize;
    private final int actionSize;
    private final double[] observations;
    private final double[] actions;
    private final double[] rewards;
    private final double[] logProbabilities;
    private final int[] flags;
    private final long[] policyIds;
    private final boolean[] terminal;
    private final boolean[] episodeEnd;
    private final boolean[] hasSuccessor;
    private int steps;
    private long stepsOverCapacity;
    private String problem;

    /**
     * Creates an empty window.
     *
     * @param capacity        the most steps it holds; later steps of a window are counted, not kept.
     * @param observationSize the observation length the robot's records must have.
     * @param actionSize      the action length they must have.
     */
    public LoggedWindow(final int capacity, final int observationSize, final int actionSize) {
        if (capacity < 1 || observationSize < 1 || actionSize < 1) {
            throw new IllegalArgumentException("window sizes must be >= 1, were capacity " + capacity
                + ", observationSize " + observationSize + ", actionSize " + actionSize);
        }
        this.capacity = capacity;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.observations = new double[capacity * observationSize];
        this.actions = new double[capacity * actionSize];
        this.rewards = new double[capacity];
        this.logProbabilities = new double[capacity];
        this.flags = new int[capacity];
        this.policyIds = new long[capacity];
        this.terminal = new boolean[capacity];
        this.episodeEnd = new boolean[capacity];
        this.hasSuccessor = new boolean[capacity];
    }

    /** Empties the window for the next one. */
    public void clear() {
        steps = 0;
        stepsOverCapacity = 0;
        problem = null;
    }

    /**
     * Appends a step, not yet linked to a successor.
     *
     * @return the step's row, or -1 when the window is full (the step is counted).
     */
    int append(final double reward, final double logProbability, final int stepFlags, final long policyId) {
        if (steps == capacity) {
            stepsOverCapacity++;
            return -1;
        }
        final int row = steps++;
        rewards[row] = reward;
        logProbabilities[row] = logProbability;
        flags[row] = stepFlags;
        policyIds[row] = policyId;
        terminal[row] = false;
        episodeEnd[row] = false;
        hasSuccessor[row] = false;
        return row;
    }

    /**
     * Appends consecutive steps of another window (same layout), keeping their links, flags and episode ends; the
     * slice's last step has no successor here (a slice is a segment of its own).
     *
     * @param source the window to copy from.
     * @param from   its first step to copy.
     * @param length how many steps, at most what fits.
     * @return the steps appended.
     */
    public int appendSlice(final LoggedWindow source, final int from, final int length) {
        if (source.observationSize != observationSize || source.actionSize != actionSize) {
            throw new IllegalArgumentException("a slice of " + source.observationSize + " observations and "
                + source.actionSize + " actions does not fit a window of " + observationSize + " and " + actionSize);
        }
        final int count = Math.min(Math.min(length, source.steps - from), capacity - steps);
        for (int i = 0; i < count; i++) {
            final int at = from + i;
            final int row = append(source.rewards[at], source.logProbabilities[at], source.flags[at],
                source.policyIds[at]);
            System.arraycopy(source.observations, at * observationSize, observations, row * observationSize,
                observationSize);
            System.arraycopy(source.actions, at * actionSize, actions, row * actionSize, actionSize);
            terminal[row] = source.terminal[at];
            episodeEnd[row] = source.episodeEnd[at];
            hasSuccessor[row] = i < count - 1 && source.hasSuccessor[at];
        }
        return Math.max(count, 0);
    }

    void linkToPrevious(final int row) {
        hasSuccessor[row - 1] = true;
    }

    void markEpisodeEnd(final int row, final boolean terminated) {
        episodeEnd[row] = true;
        terminal[row] = terminated;
    }

    /**
     * Marks the window unusable (its log could not be read, is damaged, or holds another layout); the first reason
     * given is kept.
     *
     * @param text why, naming the robot.
     */
    public void problem(final String text) {
        if (problem == null) {
            problem = text;
        }
    }

    /**
     * @return the steps held.
     */
    public int steps() {
        return steps;
    }

    /**
     * @return the capacity in steps.
     */
    public int capacity() {
        return capacity;
    }

    /**
     * @return steps of the window that did not fit.
     */
    public long stepsOverCapacity() {
        return stepsOverCapacity;
    }

    /**
     * @return the observation length.
     */
    public int observationSize() {
        return observationSize;
    }

    /**
     * @return the action length.
     */
    public int actionSize() {
        return actionSize;
    }

    /**
     * @return the raw observations, row-major ({@code steps × observationSize} used).
     */
    public double[] observations() {
        return observations;
    }

    /**
     * @return the executed actions in action units, row-major ({@code steps × actionSize} used).
     */
    public double[] actions() {
        return actions;
    }

    /**
     * @return each step's reward (NaN where the robot computed none).
     */
    public double[] rewards() {
        return rewards;
    }

    /**
     * @return each step's behaviour log-probability as logged (NaN: the robot acted deterministically).
     */
    public double[] logProbabilities() {
        return logProbabilities;
    }

    /**
     * @param row a step.
     * @return its record's flags ({@code ExperienceRecordFlyweight.FLAG_*}).
     */
    public int flags(final int row) {
        return flags[row];
    }

    /**
     * @param row a step.
     * @return the id of the policy that acted.
     */
    public long policyId(final int row) {
        return policyIds[row];
    }

    /**
     * @param row a step.
     * @return whether its episode terminated with it (no value after it).
     */
    public boolean terminal(final int row) {
        return terminal[row];
    }

    /**
     * @param row a step.
     * @return whether its episode ended with it (terminated, or cut by the time limit or the run's end).
     */
    public boolean episodeEnd(final int row) {
        return episodeEnd[row];
    }

    /**
     * The window's transitions {@code (s, a, r, s')}: every step whose successor is in the window, with a known
     * reward (copies; for the context features and the model divergence).
     *
     * @return the transitions.
     */
    public TransitionWindow transitions() {
        int count = 0;
        for (int i = 0; i < steps; i++) {
            if (hasSuccessor[i] && !Double.isNaN(rewards[i])) {
                count++;
            }
        }
        final int n = observationSize;
        final int a = actionSize;
        final double[] s = new double[count * n];
        final double[] act = new double[count * a];
        final double[] r = new double[count];
        final double[] next = new double[count * n];
        int t = 0;
        for (int i = 0; i < steps; i++) {
            if (hasSuccessor[i] && !Double.isNaN(rewards[i])) {
                System.arraycopy(observations, i * n, s, t * n, n);
                System.arraycopy(actions, i * a, act, t * a, a);
                r[t] = rewards[i];
                System.arraycopy(observations, (i + 1) * n, next, t * n, n);
                t++;
            }
        }
        return new TransitionWindow(count, n, a, s, act, r, next);
    }

    /**
     * A 64-bit FNV-1a digest of the window's steps as their records hold them: observation, action, reward and
     * log-probability (as float32 bits), flags and policy id, in order. Two readings of the same records give the same
     * digest; a test compares what a learner was given with what the log holds.
     *
     * @return the digest.
     */
    public long digest() {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < steps; i++) {
            for (int k = 0; k < observationSize; k++) {
                hash = fnv(hash, Float.floatToIntBits((float) observations[i * observationSize + k]));
            }
            for (int k = 0; k < actionSize; k++) {
                hash = fnv(hash, Float.floatToIntBits((float) actions[i * actionSize + k]));
            }
            hash = fnv(hash, Float.floatToIntBits((float) rewards[i]));
            hash = fnv(hash, Float.floatToIntBits((float) logProbabilities[i]));
            hash = fnv(hash, flags[i]);
            hash = fnv(hash, (int) policyIds[i]);
            hash = fnv(hash, (int) (policyIds[i] >>> 32));
        }
        return hash;
    }

    /**
     * One step of a {@link #digest()}, for a reader that digests records itself.
     *
     * @param hash  the digest so far.
     * @param value the next 32-bit value.
     * @return the digest with it.
     */
    public static long fnv(final long hash, final int value) {
        long h = hash;
        for (int shift = 0; shift < Integer.SIZE; shift += Byte.SIZE) {
            h = (h ^ ((value >>> shift) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * @param row a step.
     * @return whether step {@code row + 1} is its successor (its observation the state this step led to).
     */
    public boolean hasSuccessor(final int row) {
        return hasSuccessor[row];
    }

    /**
     * @return why this window is unusable (layout mismatch, damaged log), or null when it is usable.
     */
    public String problem() {
        return problem;
    }
}
