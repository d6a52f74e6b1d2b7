package dev.sparring.controller.safety;

/** What the supervisor commands once a fault has latched. */
public enum SafeCommandPolicy {
    /** Every actuated joint gets zero effort (velocity-mode joints a zero velocity). */
    ZERO_EFFORT,
    /**
     * Position-mode joints hold the position measured when the fault latched; other joints as {@link #ZERO_EFFORT}
     * (an effort-mode joint cannot hold a position without a model, so it is released).
     */
    HOLD
}
