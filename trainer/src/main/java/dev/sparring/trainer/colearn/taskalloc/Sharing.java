package dev.sparring.trainer.colearn.taskalloc;

import java.util.Locale;

/**
 * How agents share experience at a window's end.
 */
public enum Sharing {
    /** Independent learners: no sharing (the baseline every relative AUC divides by). */
    NONE("independent"),
    /** Every agent replays every other agent's window within its supervisor's block. */
    ALL("all"),
    /** Random partners within the block, as many on average as Dynamic Co-Learning chose. */
    RANDOM("random"),
    /** Dynamic Co-Learning: context features, distances, clusters, partners drawn by distance. */
    COLEARN("colearn");

    private final String label;

    Sharing(final String label) {
        this.label = label;
    }

    /**
     * @return the name in tables and on the command line ({@code none} is accepted for {@link #NONE}).
     */
    public String label() {
        return label;
    }

    /**
     * @param text {@code none}/{@code independent}, {@code all}, {@code random} or {@code colearn} (any case).
     * @return the sharing.
     */
    public static Sharing parse(final String text) {
        final String name = text.trim().toLowerCase(Locale.ROOT);
        for (final Sharing sharing : values()) {
            if (sharing.label.equals(name) || sharing.name().toLowerCase(Locale.ROOT).equals(name)) {
                return sharing;
            }
        }
        throw new IllegalArgumentException("sharing must be none, all, random or colearn, was '" + text + "'");
    }
}
