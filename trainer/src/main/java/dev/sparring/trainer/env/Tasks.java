package dev.sparring.trainer.env;

import java.util.List;

/**
 * Creates the training environments by the name the command line uses. Tasks are specified in {@code docs/tasks.md}.
 */
public final class Tasks {
    /** Every task name, in documentation order. */
    public static final List<String> NAMES = List.of(SwingUpEnv.NAME, BalanceEnv.CARTPOLE,
        BalanceEnv.INVERTED_PENDULUM, ReacherEnv.NAME);

    private Tasks() {
    }

    /**
     * @param name            a task name from {@link #NAMES}.
     * @param adversaryBoundN the bound on each of the adversary's force components (N), finite and &gt;= 0; 0 leaves
     *                        the adversary powerless.
     * @return a new environment over a new plant with the task's parameters.
     * @throws IllegalArgumentException listing the task names when {@code name} is none of them, or naming the bound
     *                                  when it is out of range.
     */
    public static PlantEnv create(final String name, final double adversaryBoundN) {
        return create(name, adversaryBoundN, 1);
    }

    /**
     * @param name            a task name from {@link #NAMES}.
     * @param adversaryBoundN the bound on each adversary force component (N).
     * @param refinement      the number of substeps per step, as a multiple of the task's default (tests check
     *                        integration accuracy against a finer step with it).
     * @return a new environment.
     */
    static PlantEnv create(final String name, final double adversaryBoundN, final int refinement) {
        return switch (name) {
            case SwingUpEnv.NAME -> SwingUpEnv.create(adversaryBoundN, refinement);
            case BalanceEnv.CARTPOLE -> BalanceEnv.cartPole(adversaryBoundN, refinement);
            case BalanceEnv.INVERTED_PENDULUM -> BalanceEnv.invertedPendulum(adversaryBoundN, refinement);
            case ReacherEnv.NAME -> ReacherEnv.create(adversaryBoundN, refinement);
            default -> throw new IllegalArgumentException("no task named '" + name + "'; expected one of " + NAMES);
        };
    }
}
