package dev.sparring.trainer.colearn.taskalloc;

/**
 * Boltzmann (softmax) exploration over the valid actions: {@code π(a|s) = exp(Q(s,a)/τ) / Σ_b exp(Q(s,b)/τ)}, with
 * the largest {@code Q} subtracted first so that no exponential overflows.
 */
public final class Softmax {
    private Softmax() {
    }

    /**
     * @param q           action values, {@code actions} of them from {@code offset}.
     * @param offset      where they start.
     * @param actions     how many.
     * @param validMask   bit {@code a} set when action {@code a} may be chosen (at least one).
     * @param tau         the temperature {@code τ > 0}.
     * @param probability receives {@code π(a|s)} (0 for invalid actions), {@code actions} values.
     */
    public static void probabilities(final double[] q, final int offset, final int actions, final int validMask,
        final double tau, final double[] probability) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < actions; a++) {
            if ((validMask & 1 << a) != 0 && q[offset + a] > max) {
                max = q[offset + a];
            }
        }
        double sum = 0.0;
        for (int a = 0; a < actions; a++) {
            final double p = (validMask & 1 << a) != 0 ? Math.exp((q[offset + a] - max) / tau) : 0.0;
            probability[a] = p;
            sum += p;
        }
        for (int a = 0; a < actions; a++) {
            probability[a] /= sum;
        }
    }

    /**
     * @param probability a distribution over {@code actions} actions.
     * @param actions     how many.
     * @param u           a uniform number in [0, 1).
     * @return the action whose cumulative probability first exceeds {@code u} (the last with positive probability if
     *     rounding leaves {@code u} beyond the sum).
     */
    public static int sample(final double[] probability, final int actions, final double u) {
        double cumulative = 0.0;
        int last = 0;
        for (int a = 0; a < actions; a++) {
            if (probability[a] > 0.0) {
                cumulative += probability[a];
                last = a;
                if (u < cumulative) {
                    return a;
                }
            }
        }
        return last;
    }
}
