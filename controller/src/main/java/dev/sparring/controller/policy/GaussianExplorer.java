package dev.sparring.controller.policy;

/**
 * A policy in exploring mode: acts on a sample of the Gaussian the policy was trained with instead of its mean, and
 * remembers the sample and its log-density for the experience record. Per action element {@code k}:
 * <pre>
 *   y       = the network's output                       (network-output units: the trainer's policy units)
 *   ỹ_k     = y_k + σ_k ε_k,  ε_k ~ N(0, 1),  σ_k = exp(logStd_k)
 *   log π   = Σ_k ( −ε_k²/2 − log σ_k − log(2π)/2 )      (density of ỹ under N(y, diag σ²), in network-output units)
 *   sample_k = scale_k · ỹ_k + offset_k                  (action units, before the limits)
 *   action_k = clamp(sample_k, low_k, high_k)            (what the robot is sent, as the deterministic executor)
 * </pre>
 * The density is the one the trainer's {@code GaussianPolicy} computes for its unclamped sample, so a learner's
 * importance weight {@code π_new(ỹ|s) / π_behaviour(ỹ|s)} needs only the recorded sample, converted back with
 * {@code ỹ = (sample − offset) / scale}. The action limits, the joint clamps and rate limits after it are part of
 * the world the sample acts on. Allocation-free, lock-free, throws nothing; not thread-safe.
 */
public final class GaussianExplorer implements ActionPolicy {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);

    private final MlpExecutor executor;
    private final GaussianNoise noise;
    private final int actionSize;
    private final double[] std;
    private final double logDensityOffset;
    private final double[] sample;
    private double logProbability = Double.NaN;

    /**
     * @param model a policy with the Gaussian's standard deviation ({@link PolicyModel#hasActionStd()}).
     * @param noise the run's noise stream.
     * @throws IllegalArgumentException when the policy has no standard deviation.
     */
    public GaussianExplorer(final PolicyModel model, final GaussianNoise noise) {
        if (!model.hasActionStd()) {
            throw new IllegalArgumentException("policy " + model.describe() + " carries no action standard deviation "
                + "(a version 1 file): it can run only deterministically; export it again with the trainer");
        }
        this.executor = new MlpExecutor(model);
        this.noise = noise;
        this.actionSize = model.actionSize();
        final float[] logStd = model.actionLogStd();
        this.std = new double[actionSize];
        double offset = 0.0;
        for (int k = 0; k < actionSize; k++) {
            std[k] = Math.exp(logStd[k]);
            offset -= logStd[k] + HALF_LOG_TWO_PI;
        }
        this.logDensityOffset = offset;
        this.sample = new double[actionSize];
    }

    @Override
    public void act(final double[] observation, final double[] action) {
        final float[] y = executor.forward(observation);
        double logDensity = logDensityOffset;
        for (int k = 0; k < actionSize; k++) {
            final double epsilon = noise.next();
            logDensity -= 0.5 * epsilon * epsilon;
            final double drawn = executor.scale(k, y[k] + std[k] * epsilon);
            sample[k] = drawn;
            action[k] = executor.clamp(k, drawn);
        }
        logProbability = logDensity;
    }

    @Override
    public double lastDraw(final double[] sampledAction) {
        System.arraycopy(sample, 0, sampledAction, 0, actionSize);
        return logProbability;
    }
}
