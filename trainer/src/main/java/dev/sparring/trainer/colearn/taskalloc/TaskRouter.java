package dev.sparring.trainer.colearn.taskalloc;

/**
 * An agent's routing decision for one task: process it locally or forward it to a neighbour.
 */
@FunctionalInterface
public interface TaskRouter {
    /**
     * @param agent       the deciding agent.
     * @param observation what it sees ({@link TaskNetwork#OBSERVATION_SIZE} values, a buffer reused between calls).
     * @param validMask   bit {@code a} set when action {@code a} is valid ({@link GridNetwork}).
     * @return the action, one of the valid ones.
     */
    int decide(int agent, double[] observation, int validMask);
}
