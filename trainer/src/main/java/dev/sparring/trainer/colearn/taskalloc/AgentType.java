package dev.sparring.trainer.colearn.taskalloc;

/**
 * A hidden agent type of the heterogeneous network: how fast the agent processes work and how many tasks arrive at
 * it. Agents never see types (their own or their neighbours'); learning and context features must infer them, and
 * experience from an agent of another type can mislead.
 *
 * @param name        a short name for tables, e.g. {@code fast-heavy}.
 * @param speed       work units processed per time unit, {@code μ > 0}.
 * @param arrivalRate probability that a task arrives at the agent in a time unit, {@code λ ∈ [0, 1]} (Bernoulli).
 */
public record AgentType(String name, double speed, double arrivalRate) {
    /**
     * @param name        not blank.
     * @param speed       > 0 and finite.
     * @param arrivalRate in [0, 1].
     */
    public AgentType {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an agent type needs a name");
        }
        if (!(speed > 0.0) || !Double.isFinite(speed)) {
            throw new IllegalArgumentException("agent type '" + name + "' speed must be > 0, was " + speed);
        }
        if (!(arrivalRate >= 0.0 && arrivalRate <= 1.0)) {
            throw new IllegalArgumentException("agent type '" + name + "' arrivalRate must be in [0, 1], was "
                + arrivalRate);
        }
    }
}
