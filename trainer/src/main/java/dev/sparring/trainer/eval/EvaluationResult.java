package dev.sparring.trainer.eval;

/**
 * The outcome of evaluating a policy for a number of episodes: each episode's undiscounted return and length, and
 * their mean and population standard deviation.
 */
public final class EvaluationResult {
    private final double[] returns;
    private final int[] lengths;
    private final double meanReturn;
    private final double stdReturn;
    private final double meanLength;

    /**
     * @param returns each episode's return, at least one.
     * @param lengths each episode's length in steps, as many.
     */
    public EvaluationResult(final double[] returns, final int[] lengths) {
        if (returns.length == 0 || returns.length != lengths.length) {
            throw new IllegalArgumentException("an evaluation result needs one return and one length per episode and "
                + "at least one episode, was " + returns.length + " returns and " + lengths.length + " lengths");
        }
        this.returns = returns.clone();
        this.lengths = lengths.clone();
        this.meanReturn = Statistics.mean(returns);
        this.stdReturn = Statistics.std(returns);
        final double[] asDouble = new double[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            asDouble[i] = lengths[i];
        }
        this.meanLength = Statistics.mean(asDouble);
    }

    /**
     * @return the number of episodes.
     */
    public int episodes() {
        return returns.length;
    }

    /**
     * @return the mean undiscounted return.
     */
    public double meanReturn() {
        return meanReturn;
    }

    /**
     * @return the population standard deviation of the returns.
     */
    public double stdReturn() {
        return stdReturn;
    }

    /**
     * @return the mean episode length, in steps.
     */
    public double meanLength() {
        return meanLength;
    }

    /**
     * @return each episode's return, in episode order (a copy).
     */
    public double[] returns() {
        return returns.clone();
    }

    /**
     * @return each episode's length in steps, in episode order (a copy).
     */
    public int[] lengths() {
        return lengths.clone();
    }
}
