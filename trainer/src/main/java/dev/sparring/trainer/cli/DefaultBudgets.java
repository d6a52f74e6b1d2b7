package dev.sparring.trainer.cli;

import dev.sparring.trainer.run.Algorithm;

/** The default step budget of a task and algorithm, large enough to learn it (docs/results.md). */
final class DefaultBudgets {
    private DefaultBudgets() {
    }

    static long steps(final String task, final Algorithm algorithm) {
        final long ppo = switch (task) {
            case "inverted_pendulum" -> 100_000L;
            case "cartpole_balance" -> 100_000L;
            case "pendulum_swingup" -> 400_000L;
            default -> 1_000_000L;
        };
        return algorithm == Algorithm.TRPO ? 2 * ppo : ppo;
    }
}
