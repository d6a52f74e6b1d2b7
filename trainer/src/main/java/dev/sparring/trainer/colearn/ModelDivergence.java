package dev.sparring.trainer.colearn;

import dev.sparring.hal.linalg.CholeskySolver;

import java.util.Arrays;
import java.util.Objects;

/**
 * Estimated model divergence, the paper's Algorithm 1: how differently two robots' worlds respond, from the
 * transition and reward models fitted to their windows,
 * <pre>
 *   m(a, b) = min over ρ of  λ (1 − e^(−D_R(ρ))) + (1 − λ) (1 − e^(−D_S(ρ)))
 * </pre>
 * where D_R and D_S are symmetric KL divergences (Jeffreys: {@code KL(p‖q) + KL(q‖p)}) between a's reward and
 * transition models and b's relabelled by the correspondence ρ. m is in [0, 1] (below 1 in exact arithmetic, 1 in
 * floating point once a divergence passes about 37), 0 for identical models. In the paper
 * it is an offline tool: the fidelity of the context features is the correlation of m with D_C over robot pairs
 * ({@link Fidelity}).
 * <p>
 * The models are conditional, {@code y | x}, so their KL depends on x; it is taken in expectation over the pooled
 * inputs of both windows, {@code D = E_{x∼q}[D(p_a(·|x), p_b(·|x))]} with q the empirical distribution of all the
 * inputs either robot saw. Since the integrand is a quadratic form in x, the expectation needs only q's mean x̄ and
 * covariance C and is exact:
 * <pre>
 *   D = ½ [tr(Σ_b⁻¹Σ_a) + tr(Σ_a⁻¹Σ_b) − 2d] + ½ [δ̄ᵀ A δ̄ + tr(ΔWᵀ A ΔW C)],
 *   ΔW = W_a − W_b,  δ̄ = ΔW x̄ + b_a − b_b,  A = Σ_a⁻¹ + Σ_b⁻¹.
 * </pre>
 */
public final class ModelDivergence {
    /** The default weight λ of the reward model's divergence against the transition model's: equal weights. */
    public static final double DEFAULT_LAMBDA = 0.5;

    private ModelDivergence() {
    }

    /**
     * The outcome of Algorithm 1 for one ordered pair of robots.
     *
     * @param m                    the estimated model divergence, in [0, 1].
     * @param correspondence       the index of the minimising ρ among those given.
     * @param rewardDivergence     D_R at that ρ.
     * @param transitionDivergence D_S at that ρ.
     */
    public record Estimate(double m, int correspondence, double rewardDivergence, double transitionDivergence) {
    }

    /**
     * Algorithm 1 for robots a and b.
     *
     * @param a               a's models.
     * @param b               b's models.
     * @param lambda          λ in [0, 1], the weight of the reward divergence.
     * @param correspondences the ρ to minimise over, at least one (the identity when none is declared); b's models
     *                        are relabelled by each.
     * @return m and the minimising ρ.
     */
    public static Estimate estimate(final RobotModels a, final RobotModels b, final double lambda,
                                    final Correspondence[] correspondences) {
        if (!(lambda >= 0.0 && lambda <= 1.0)) {
            throw new IllegalArgumentException("lambda must be in [0, 1], was " + lambda);
        }
        if (correspondences.length == 0) {
            throw new IllegalArgumentException("correspondences must hold at least the identity");
        }
        Estimate best = null;
        for (int r = 0; r < correspondences.length; r++) {
            final RobotModels relabelled = b.permuted(Objects.requireNonNull(correspondences[r], "correspondence"));
            final double dR = conditionalSymmetricKl(a.reward(), relabelled.reward());
            final double dS = conditionalSymmetricKl(a.transition(), relabelled.transition());
            final double m = lambda * -Math.expm1(-dR) + (1.0 - lambda) * -Math.expm1(-dS);
            if (best == null || m < best.m()) {
                best = new Estimate(m, r, dR, dS);
            }
        }
        return best;
    }

    /**
     * m over every pair of a fleet, the offline matrix whose correlation with D_C is the context features' fidelity.
     *
     * @param robots          each robot's models.
     * @param lambda          λ.
     * @param correspondences the declared ρ.
     * @return the symmetric matrix of m with a zero diagonal.
     */
    public static double[][] matrix(final RobotModels[] robots, final double lambda,
                                    final Correspondence[] correspondences) {
        final int n = robots.length;
        final double[][] m = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                m[a][b] = estimate(robots[a], robots[b], lambda, correspondences).m();
                m[b][a] = m[a][b];
            }
        }
        return m;
    }

    /**
     * The symmetric KL divergence of two conditional linear-Gaussian models in expectation over their pooled inputs.
     *
     * @param p one model.
     * @param q the other, with the same sizes.
     * @return {@code E_x[KL(p‖q) + KL(q‖p)]}.
     */
    public static double conditionalSymmetricKl(final LinearGaussianModel p, final LinearGaussianModel q) {
        requireSameShape(p, q);
        final int dx = p.inputSize();
        final int np = p.count();
        final int nq = q.count();
        final double total = np + nq;
        final double[] mean = new double[dx];
        for (int j = 0; j < dx; j++) {
            mean[j] = (np * p.inputMean()[j] + nq * q.inputMean()[j]) / total;
        }
        final double[] covariance = new double[dx * dx];
        for (int j = 0; j < dx; j++) {
            for (int l = 0; l < dx; l++) {
                final double secondP = p.inputCovariance()[j * dx + l] + p.inputMean()[j] * p.inputMean()[l];
                final double secondQ = q.inputCovariance()[j * dx + l] + q.inputMean()[j] * q.inputMean()[l];
                covariance[j * dx + l] = (np * secondP + nq * secondQ) / total - mean[j] * mean[l];
            }
        }
        return conditionalSymmetricKl(p, q, mean, covariance);
    }

    /**
     * The symmetric KL divergence of two conditional linear-Gaussian models in expectation over inputs with the
     * given mean and covariance (any distribution with these moments gives the same value).
     *
     * @param p               one model.
     * @param q               the other, with the same sizes.
     * @param inputMean       x̄, d_x.
     * @param inputCovariance C, row-major d_x × d_x.
     * @return {@code E_x[KL(p‖q) + KL(q‖p)]}.
     */
    public static double conditionalSymmetricKl(final LinearGaussianModel p, final LinearGaussianModel q,
                                                final double[] inputMean, final double[] inputCovariance) {
        requireSameShape(p, q);
        final int d = p.outputSize();
        final int dx = p.inputSize();
        final double[] inverseP = inverse(p.covariance(), d);
        final double[] inverseQ = inverse(q.covariance(), d);
        final double[] a = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            a[i] = inverseP[i] + inverseQ[i];
        }
        final double[] deltaW = new double[d * dx];
        for (int i = 0; i < d * dx; i++) {
            deltaW[i] = p.weights()[i] - q.weights()[i];
        }
        final double[] deltaMean = new double[d];
        for (int i = 0; i < d; i++) {
            double value = p.bias()[i] - q.bias()[i];
            for (int j = 0; j < dx; j++) {
                value += deltaW[i * dx + j] * inputMean[j];
            }
            deltaMean[i] = value;
        }
        // tr(ΔWᵀ A ΔW C) = Σ_{j,l} (ΔWᵀ A ΔW)_{jl} C_{lj}.
        final double[] aDeltaW = multiply(a, deltaW, d, d, dx);
        double spread = 0.0;
        for (int j = 0; j < dx; j++) {
            for (int l = 0; l < dx; l++) {
                double value = 0.0;
                for (int i = 0; i < d; i++) {
                    value += deltaW[i * dx + j] * aDeltaW[i * dx + l];
                }
                spread += value * inputCovariance[l * dx + j];
            }
        }
        return 0.5 * (traceOfProduct(inverseQ, p.covariance(), d) + traceOfProduct(inverseP, q.covariance(), d)
            - 2.0 * d) + 0.5 * (quadraticForm(a, deltaMean, d) + spread);
    }

    /**
     * The symmetric KL divergence of two multivariate Gaussians, in closed form:
     * {@code ½ [tr(Σ₂⁻¹Σ₁) + tr(Σ₁⁻¹Σ₂) − 2d + (μ₁ − μ₂)ᵀ(Σ₁⁻¹ + Σ₂⁻¹)(μ₁ − μ₂)]}.
     *
     * @param mean1       μ₁.
     * @param covariance1 Σ₁, row-major d × d, positive definite.
     * @param mean2       μ₂.
     * @param covariance2 Σ₂.
     * @param d           the dimension.
     * @return {@code KL(N₁‖N₂) + KL(N₂‖N₁)}.
     */
    public static double gaussianSymmetricKl(final double[] mean1, final double[] covariance1, final double[] mean2,
                                             final double[] covariance2, final int d) {
        final double[] inverse1 = inverse(covariance1, d);
        final double[] inverse2 = inverse(covariance2, d);
        final double[] a = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            a[i] = inverse1[i] + inverse2[i];
        }
        final double[] delta = new double[d];
        for (int i = 0; i < d; i++) {
            delta[i] = mean1[i] - mean2[i];
        }
        return 0.5 * (traceOfProduct(inverse2, covariance1, d) + traceOfProduct(inverse1, covariance2, d) - 2.0 * d
            + quadraticForm(a, delta, d));
    }

    private static double[] inverse(final double[] covariance, final int d) {
        final double[] factor = covariance.clone();
        if (!CholeskySolver.factorInPlace(factor, d)) {
            throw new IllegalArgumentException("covariance must be positive definite");
        }
        final double[] inverse = new double[d * d];
        final double[] column = new double[d];
        for (int j = 0; j < d; j++) {
            Arrays.fill(column, 0.0);
            column[j] = 1.0;
            CholeskySolver.solveFactoredInPlace(factor, column, d);
            for (int i = 0; i < d; i++) {
                inverse[i * d + j] = column[i];
            }
        }
        return inverse;
    }

    private static double[] multiply(final double[] x, final double[] y, final int rows, final int inner,
                                     final int columns) {
        final double[] product = new double[rows * columns];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < inner; k++) {
                final double xik = x[i * inner + k];
                for (int j = 0; j < columns; j++) {
                    product[i * columns + j] += xik * y[k * columns + j];
                }
            }
        }
        return product;
    }

    private static double traceOfProduct(final double[] x, final double[] y, final int d) {
        double trace = 0.0;
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                trace += x[i * d + k] * y[k * d + i];
            }
        }
        return trace;
    }

    private static double quadraticForm(final double[] a, final double[] v, final int d) {
        double sum = 0.0;
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                sum += v[i] * a[i * d + k] * v[k];
            }
        }
        return sum;
    }

    private static void requireSameShape(final LinearGaussianModel p, final LinearGaussianModel q) {
        if (p.inputSize() != q.inputSize() || p.outputSize() != q.outputSize()) {
            throw new IllegalArgumentException("models must have the same sizes, were " + p.inputSize() + "→"
                + p.outputSize() + " and " + q.inputSize() + "→" + q.outputSize());
        }
    }
}
