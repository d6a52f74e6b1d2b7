package dev.sparring.controller.policy;

/**
 * Activation of a policy layer, with the code stored for it in the policy file.
 */
public enum Activation {
    /** y = x. */
    IDENTITY(0),
    /** y = tanh(x), evaluated by {@link FastTanh} in the executor. */
    TANH(1),
    /** y = max(0, x). */
    RELU(2),
    /** y = x for x &gt; 0, else e^x − 1. */
    ELU(3),
    /** y = 1 / (1 + e^−x). */
    SIGMOID(4);

    private final int code;

    Activation(final int code) {
        this.code = code;
    }

    /**
     * @return the code stored in the file.
     */
    public int code() {
        return code;
    }

    /**
     * @param code a stored code.
     * @return the activation, or null when the code is unknown.
     */
    public static Activation ofCode(final int code) {
        for (final Activation activation : values()) {
            if (activation.code == code) {
                return activation;
            }
        }
        return null;
    }

    /**
     * Reference evaluation in double precision (tests, the trainer); the executor has its own vectorised loops.
     *
     * @param x the pre-activation.
     * @return the activation.
     */
    public double apply(final double x) {
        return switch (this) {
            case IDENTITY -> x;
            case TANH -> Math.tanh(x);
            case RELU -> Math.max(0.0, x);
            case ELU -> x > 0 ? x : Math.expm1(x);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
        };
    }
}
