package dev.sparring.trainer.run;

import java.util.Arrays;
import java.util.Locale;

/** The policy optimizers a run can use; they share everything but the update step. */
public enum Algorithm {
    /** Proximal Policy Optimization (clipped surrogate). */
    PPO,
    /** Trust Region Policy Optimization, the optimizer of the RARL paper. */
    TRPO;

    /**
     * @param name {@code ppo} or {@code trpo}, any case.
     * @return the algorithm.
     * @throws IllegalArgumentException listing the names when {@code name} is neither.
     */
    public static Algorithm parse(final String name) {
        for (final Algorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(name)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("no algorithm named '" + name + "'; expected one of "
            + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
