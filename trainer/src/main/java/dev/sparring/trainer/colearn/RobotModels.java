package dev.sparring.trainer.colearn;

/**
 * A robot's stochastic transition and reward models fitted to one window, both linear-Gaussian on the input
 * {@code x = (s, a)}: {@code s' | x ~ N(W_S x + b_S, Σ_S)} and {@code r | x ~ N(w_Rᵀ x + b_R, σ²_R)}.
 *
 * @param transition the transition model S, d_y = n_s.
 * @param reward     the reward model R, d_y = 1.
 */
public record RobotModels(LinearGaussianModel transition, LinearGaussianModel reward) {
    /**
     * @param observationSize n_s.
     * @param actionSize      n_a.
     * @return the fewest tuples a window needs for both fits, n_s + n_a + 2.
     */
    public static int minimumCount(final int observationSize, final int actionSize) {
        return LinearGaussianModel.minimumCount(observationSize + actionSize);
    }

    /**
     * @param window the robot's window.
     * @return the models fitted to it.
     * @throws InsufficientDataException when the window has fewer than {@link #minimumCount} tuples.
     */
    public static RobotModels fit(final TransitionWindow window) {
        final int n = window.count();
        final int dx = window.inputSize();
        if (n < minimumCount(window.observationSize(), window.actionSize())) {
            throw new InsufficientDataException(n, minimumCount(window.observationSize(), window.actionSize()));
        }
        final double[] x = window.inputs();
        return new RobotModels(
            LinearGaussianModel.fit(x, window.nextObservations(), n, dx, window.observationSize()),
            LinearGaussianModel.fit(x, window.rewards(), n, dx, 1));
    }

    /**
     * @param rho a correspondence from another robot a's variables to this robot's (a's observation i is this
     *            robot's observation {@code rho.observation()[i]}).
     * @return these models written in a's labels (inputs and next observations relabelled by ρ).
     */
    public RobotModels permuted(final Correspondence rho) {
        final int[] inputOrder = rho.inputOrder();
        return new RobotModels(transition.permuted(rho.observation(), inputOrder),
            reward.permuted(new int[] {0}, inputOrder));
    }
}
