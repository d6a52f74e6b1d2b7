package dev.sparring.trainer.colearn;

/**
 * A window has too few tuples to fit a model: an expected outcome of a short or interrupted window, which the caller
 * answers by sharing nothing for that robot in that window. Check first with
 * {@link ContextFeatureExtractor#minimumCount} to avoid the exception; {@link ContextFeatures#extract} does.
 */
public final class InsufficientDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int count;
    private final int needed;

    /**
     * @param count  the tuples the window had.
     * @param needed the tuples the model needs.
     */
    public InsufficientDataException(final int count, final int needed) {
        super(message(count, needed));
        this.count = count;
        this.needed = needed;
    }

    /**
     * @param count  the tuples a window had.
     * @param needed the tuples the model needs.
     * @return {@code "insufficient data: n tuples, need m"}.
     */
    public static String message(final int count, final int needed) {
        return "insufficient data: " + count + " tuples, need " + needed;
    }

    /**
     * @return the tuples the window had.
     */
    public int count() {
        return count;
    }

    /**
     * @return the tuples the model needs.
     */
    public int needed() {
        return needed;
    }
}
