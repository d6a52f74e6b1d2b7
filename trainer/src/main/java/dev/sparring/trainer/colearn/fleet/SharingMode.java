package dev.sparring.trainer.colearn.fleet;

import java.util.Arrays;
import java.util.Locale;

/** Who a robot receives experience from in each window: the baselines and Dynamic Co-Learning. */
public enum SharingMode {
    /** Independent learners: nobody shares. */
    NONE,
    /** Every robot receives every other robot's window (of its supervisor's robots). */
    ALL,
    /** T partners drawn uniformly from the supervisor's other robots, as many draws as Dynamic Co-Learning makes. */
    RANDOM,
    /** T partners drawn uniformly among the robots of the same hidden type: the groups a perfect context would find. */
    ORACLE,
    /** Dynamic Co-Learning: context features, k-medoids groups, partners drawn by Algorithm 2. */
    COLEARN;

    /**
     * @return the name as the CLI and the run directory write it.
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a label ({@code none}, {@code all}, {@code random}, {@code oracle}, {@code colearn}).
     * @return the mode.
     * @throws IllegalArgumentException naming the labels when the text is none of them.
     */
    public static SharingMode parse(final String text) {
        for (final SharingMode mode : values()) {
            if (mode.label().equals(text.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("sharing must be one of " + Arrays.stream(values()).map(SharingMode::label)
            .toList() + ", was '" + text + "'");
    }
}
