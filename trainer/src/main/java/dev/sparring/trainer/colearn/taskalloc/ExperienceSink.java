package dev.sparring.trainer.colearn.taskalloc;

/**
 * Receives an experience tuple {@code (s, a, r, s′)} of one routing decision when the task it routed completes: the
 * reward is only known then.
 */
@FunctionalInterface
public interface ExperienceSink {
    /**
     * @param agent           the agent that decided.
     * @param observation     what it saw when it decided (a buffer reused between calls).
     * @param action          what it did.
     * @param reward          {@code −(completion time − decision time)}: the service time from this decision on.
     * @param nextObservation what it saw right after the decision (a buffer reused between calls).
     */
    void transition(int agent, double[] observation, int action, double reward, double[] nextObservation);
}
