package dev.sparring.trainer.env;

import dev.sparring.hal.plant.Plant;

/**
 * What {@link PlantEnv} needs to know about a task to do the common work of every step; names are resolved to indices
 * once, when the environment is built.
 *
 * @param name                the task's name, as the command line spells it.
 * @param plant               the plant, with the task's parameters set; its timestep is set to
 *                            {@code stepS / substeps}.
 * @param observationSize     the length of an observation.
 * @param actuatedJoints      the joint each action element drives, in action order.
 * @param actionBound         per action element, the bound of its symmetric range [−bound, bound], in task units.
 * @param effortPerActionUnit per action element, the joint effort (N or N·m) of one task unit.
 * @param adversaryBodies     the bodies the adversary pushes, each taking two action elements (fx, fy).
 * @param adversaryBoundN     the bound on each adversary force component (N), finite and &gt;= 0.
 * @param stepS               the duration of one environment step (s).
 * @param substeps            the number of plant steps per environment step (a frame skip).
 * @param maxEpisodeSteps     the time limit, in environment steps.
 * @param robotFile           the robot description the task deploys to (relative to the repository), or
 *                            {@code null} when the robot's observation cannot carry the task.
 */
record TaskSpec(
    String name,
    Plant plant,
    int observationSize,
    String[] actuatedJoints,
    double[] actionBound,
    double[] effortPerActionUnit,
    String[] adversaryBodies,
    double adversaryBoundN,
    double stepS,
    int substeps,
    int maxEpisodeSteps,
    String robotFile) {

    /** Checks that the arrays agree and the numbers are in range. */
    TaskSpec {
        if (actionBound.length != actuatedJoints.length || effortPerActionUnit.length != actuatedJoints.length) {
            throw new IllegalArgumentException("task " + name + " has " + actuatedJoints.length
                + " actuated joints but " + actionBound.length + " action bounds and " + effortPerActionUnit.length
                + " effort scales");
        }
        if (!Double.isFinite(adversaryBoundN) || adversaryBoundN < 0) {
            throw new IllegalArgumentException("task " + name + " adversary bound must be finite and >= 0 N, was "
                + adversaryBoundN);
        }
        if (!(stepS > 0) || substeps < 1 || maxEpisodeSteps < 1) {
            throw new IllegalArgumentException("task " + name + " needs step > 0 s, substeps >= 1 and a step limit"
                + " >= 1, was " + stepS + " s, " + substeps + ", " + maxEpisodeSteps);
        }
    }
}
