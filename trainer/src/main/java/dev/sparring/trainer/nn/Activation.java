package dev.sparring.trainer.nn;

/**
 * Element-wise activation of a dense layer, with its derivative expressed through the activation's output.
 */
public enum Activation {
    /** The identity, {@code y = x}. */
    IDENTITY {
        @Override
        public double apply(final double x) {
            return x;
        }

        @Override
        public double derivativeFromOutput(final double y) {
            return 1.0;
        }

        @Override
        public void applyInPlace(final double[] values, final int length) {
        }
    },
    /**
     * The hyperbolic tangent, {@code y = tanh(x)}, with {@code dy/dx = 1 - y²}; {@link #applyInPlace} (the layers'
     * path) uses the vectorised {@link Tanh}, within 2.3·10⁻¹⁶ of {@link Math#tanh}, which {@link #apply} returns.
     */
    TANH {
        @Override
        public double apply(final double x) {
            return Math.tanh(x);
        }

        @Override
        public void applyInPlace(final double[] values, final int length) {
            Tanh.inPlace(values, length);
        }

        @Override
        public double derivativeFromOutput(final double y) {
            return 1.0 - y * y;
        }
    },
    /** The rectifier, {@code y = max(0, x)}, with derivative 0 at and below zero. */
    RELU {
        @Override
        public double apply(final double x) {
            return x > 0.0 ? x : 0.0;
        }

        @Override
        public double derivativeFromOutput(final double y) {
            return y > 0.0 ? 1.0 : 0.0;
        }
    };

    /**
     * Applies the activation.
     *
     * @param x the pre-activation.
     * @return the activation's output.
     */
    public abstract double apply(double x);

    /**
     * The derivative of the activation at the pre-activation that produced {@code y}.
     *
     * @param y the activation's output.
     * @return {@code dy/dx}.
     */
    public abstract double derivativeFromOutput(double y);

    /**
     * Applies the activation to the first {@code length} values of an array, in place.
     *
     * @param values the pre-activations, overwritten by the activations.
     * @param length how many values.
     */
    public void applyInPlace(final double[] values, final int length) {
        for (int i = 0; i < length; i++) {
            values[i] = apply(values[i]);
        }
    }
}
