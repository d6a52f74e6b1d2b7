package dev.sparring.trainer.run;

import dev.sparring.trainer.rarl.RarlConfig;

/**
 * The force scale of RARL's adversary per task: the authors' 5 N per unit of {@code advFraction}, except where that
 * would make the task unwinnable. The cart-pole's pole weighs 0.98 N, so a steady sideways push above about 0.21 N
 * cannot be held within its 12° limit ({@code docs/tasks.md}); there the scale is 0.5 N (0.125 N at the default
 * fraction).
 */
public final class TaskForces {
    private TaskForces() {
    }

    /**
     * @param task a task name.
     * @return the force (N) that {@code advFraction = 1} allows per component.
     */
    public static double forceScaleN(final String task) {
        return "cartpole_balance".equals(task) ? 0.5 : RarlConfig.AUTHORS_FORCE_SCALE_N;
    }
}
