package dev.sparring.trainer.colearn.taskalloc;

/**
 * One run's learning and sharing settings.
 *
 * @param timeUnits          time units simulated ({@code 10 000} in the paper).
 * @param window             {@code K}: time units per sharing window ({@code 115} in the paper).
 * @param supervisors        {@code S}: supervisors, each owning a fixed block of agents.
 * @param alpha              Q-learning rate {@code α}.
 * @param gamma              Q-learning discount {@code γ}.
 * @param tau                softmax exploration temperature {@code τ} (time units, as rewards are).
 * @param partnerTemperature the partner-selection temperature {@code T} of Dynamic Co-Learning.
 * @param bucket             time units per point of the learning curve.
 */
public record RunSettings(int timeUnits, int window, int supervisors, double alpha, double gamma, double tau,
    int partnerTemperature, int bucket) {
    /** Defaults of the study: α 0.1, γ 0.5, τ 2, T 1, curve buckets of K time units. */
    public static final RunSettings PAPER = new RunSettings(10_000, 115, 1, 0.1, 0.5, 2.0, 1, 115);

    /**
     * Validates every field.
     */
    public RunSettings {
        if (timeUnits < 1) {
            throw new IllegalArgumentException("timeUnits must be ≥ 1, was " + timeUnits);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be ≥ 1, was " + window);
        }
        if (supervisors < 1) {
            throw new IllegalArgumentException("supervisors must be ≥ 1, was " + supervisors);
        }
        if (bucket < 1) {
            throw new IllegalArgumentException("bucket must be ≥ 1, was " + bucket);
        }
        if (partnerTemperature < 1) {
            throw new IllegalArgumentException("partnerTemperature must be ≥ 1, was " + partnerTemperature);
        }
    }

    /**
     * @param s the supervisors.
     * @return these settings with {@code S = s}.
     */
    public RunSettings withSupervisors(final int s) {
        return new RunSettings(timeUnits, window, s, alpha, gamma, tau, partnerTemperature, bucket);
    }

    /**
     * @param t time units.
     * @param k the window.
     * @return these settings over {@code t} time units with window {@code k} (and curve buckets of {@code k}).
     */
    public RunSettings withTime(final int t, final int k) {
        return new RunSettings(t, k, supervisors, alpha, gamma, tau, partnerTemperature, k);
    }

    /**
     * @param temperature {@code T}.
     * @param exploration {@code τ}.
     * @return these settings with another partner temperature and exploration temperature.
     */
    public RunSettings withTemperatures(final int temperature, final double exploration) {
        return new RunSettings(timeUnits, window, supervisors, alpha, gamma, exploration, temperature, bucket);
    }

    /**
     * @return the learning curve's points.
     */
    public int buckets() {
        return (timeUnits + bucket - 1) / bucket;
    }
}
