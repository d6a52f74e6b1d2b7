package dev.sparring.trainer.colearn;

import java.util.Objects;

/**
 * The hook for task-specific context features: V is the concatenation of the parts' vectors, typically the default
 * {@link LinearGaussianContextFeatures} followed by a task's own (the load of a task-allocation agent, say). A window
 * needs the most tuples any part needs.
 */
public final class ConcatenatedFeatures implements ContextFeatureExtractor {
    private final ContextFeatureExtractor[] parts;

    /**
     * @param parts the extractors, in the order of their features; at least one.
     */
    public ConcatenatedFeatures(final ContextFeatureExtractor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("parts must hold at least one extractor");
        }
        for (final ContextFeatureExtractor part : parts) {
            Objects.requireNonNull(part, "part");
        }
        this.parts = parts.clone();
    }

    @Override
    public double[] features(final TransitionWindow window) {
        final int needed = minimumCount(window.observationSize(), window.actionSize());
        if (window.count() < needed) {
            throw new InsufficientDataException(window.count(), needed);
        }
        final double[] v = new double[dimension(window.observationSize(), window.actionSize())];
        int at = 0;
        for (final ContextFeatureExtractor part : parts) {
            final double[] partFeatures = part.features(window);
            final int length = part.dimension(window.observationSize(), window.actionSize());
            if (partFeatures.length != length) {
                throw new IllegalStateException(part.getClass().getName() + " returned " + partFeatures.length
                    + " features, declared " + length);
            }
            System.arraycopy(partFeatures, 0, v, at, length);
            at += length;
        }
        return v;
    }

    @Override
    public int dimension(final int observationSize, final int actionSize) {
        int dimension = 0;
        for (final ContextFeatureExtractor part : parts) {
            dimension += part.dimension(observationSize, actionSize);
        }
        return dimension;
    }

    @Override
    public int minimumCount(final int observationSize, final int actionSize) {
        int needed = 1;
        for (final ContextFeatureExtractor part : parts) {
            needed = Math.max(needed, part.minimumCount(observationSize, actionSize));
        }
        return needed;
    }
}
