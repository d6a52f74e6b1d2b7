package dev.sparring.trainer.colearn;

/**
 * The default, task-agnostic context features: the parameters of the linear-Gaussian transition and reward models
 * fitted to the window ({@link RobotModels}), plus reward statistics. With {@code d_x = n_s + n_a}, V is, in order:
 * <ol>
 *   <li>for each next-observation component i: the row i of W_S ({@code d_x} values), then b_S,i;</li>
 *   <li>for each i: {@code ln Σ_S,ii}, the log residual variance (logs, since variances differ by orders of
 *   magnitude between contexts and a distance should see a doubling of noise the same at every scale);</li>
 *   <li>w_R ({@code d_x} values), b_R and {@code ln σ²_R} of the reward model;</li>
 *   <li>the mean and the standard deviation of the window's rewards.</li>
 * </ol>
 * That is {@code (n_s + 1)(d_x + 2) + 2} values. The model is fitted to s' itself, not to s' − s: the two differ by
 * the identity in W_S, the same for every robot, so distances normalised per dimension are equal either way.
 */
public final class LinearGaussianContextFeatures implements ContextFeatureExtractor {
    @Override
    public double[] features(final TransitionWindow window) {
        final RobotModels models = RobotModels.fit(window);
        final int ns = window.observationSize();
        final int dx = window.inputSize();
        final double[] v = new double[dimension(ns, window.actionSize())];
        int at = 0;
        final LinearGaussianModel s = models.transition();
        for (int i = 0; i < ns; i++) {
            System.arraycopy(s.weights(), i * dx, v, at, dx);
            at += dx;
            v[at++] = s.bias()[i];
        }
        for (int i = 0; i < ns; i++) {
            v[at++] = Math.log(s.covariance()[i * ns + i]);
        }
        final LinearGaussianModel r = models.reward();
        System.arraycopy(r.weights(), 0, v, at, dx);
        at += dx;
        v[at++] = r.bias()[0];
        v[at++] = Math.log(r.covariance()[0]);
        final int n = window.count();
        final double[] rewards = window.rewards();
        double mean = 0.0;
        for (int t = 0; t < n; t++) {
            mean += rewards[t];
        }
        mean /= n;
        double variance = 0.0;
        for (int t = 0; t < n; t++) {
            variance += (rewards[t] - mean) * (rewards[t] - mean);
        }
        v[at++] = mean;
        v[at] = Math.sqrt(variance / n);
        return v;
    }

    @Override
    public int dimension(final int observationSize, final int actionSize) {
        return (observationSize + 1) * (observationSize + actionSize + 2) + 2;
    }

    @Override
    public int minimumCount(final int observationSize, final int actionSize) {
        return RobotModels.minimumCount(observationSize, actionSize);
    }
}
