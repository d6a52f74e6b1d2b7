package dev.sparring.trainer.eval;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What acts on an environment's adversary channel (its disturbance forces) while a policy is evaluated.
 */
public sealed interface DisturbanceMode {
    /**
     * @return no disturbance: the adversary's action is {@code null} at every step.
     */
    static DisturbanceMode none() {
        return new None();
    }

    /**
     * @param fractionOfBound the force magnitude as a fraction of the task's adversary bound, in (0, 1].
     * @return random forces redrawn every step.
     */
    static DisturbanceMode random(final double fractionOfBound) {
        return new RandomForces(fractionOfBound);
    }

    /**
     * @param adversaries makes the adversary; called once per evaluator, so once per thread of a parallel sweep.
     * @return an adversary policy's forces.
     */
    static DisturbanceMode adversary(final Supplier<? extends ActionFunction> adversaries) {
        return new Adversary(adversaries);
    }

    /** No disturbance. */
    record None() implements DisturbanceMode {
    }

    /**
     * Random forces: at every environment step each adversary component is drawn independently and uniformly from
     * {@code [−F, F)}, {@code F = fractionOfBound · env.adversaryBound()}, by a generator seeded from the episode's
     * seed (so an episode's forces are reproducible and the same in every cell of a sweep). A fresh draw per step
     * rather than one force held for the whole episode: it is what a random adversary policy does, the baseline RARL
     * compares a trained adversary against.
     *
     * @param fractionOfBound the force magnitude as a fraction of the task's adversary bound, in (0, 1].
     */
    record RandomForces(double fractionOfBound) implements DisturbanceMode {
        /**
         * @param fractionOfBound the force magnitude as a fraction of the task's adversary bound, in (0, 1].
         */
        public RandomForces {
            if (!(fractionOfBound > 0.0 && fractionOfBound <= 1.0)) {
                throw new IllegalArgumentException("random disturbance fractionOfBound must be in (0, 1] (the task "
                    + "clips forces to its adversary bound), was " + fractionOfBound);
            }
        }
    }

    /**
     * A (typically freshly trained) adversary policy: it observes what the protagonist observes and its action is
     * the disturbance forces.
     *
     * @param adversaries makes the adversary; one call per evaluator. With several threads it must return a new
     *                    instance per call unless the adversary is thread-safe.
     */
    record Adversary(Supplier<? extends ActionFunction> adversaries) implements DisturbanceMode {
        /**
         * @param adversaries makes the adversary.
         */
        public Adversary {
            Objects.requireNonNull(adversaries, "adversaries");
        }
    }
}
