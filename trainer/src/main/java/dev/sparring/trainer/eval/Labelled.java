package dev.sparring.trainer.eval;

import java.util.Objects;

/**
 * A result with the name of the method that produced it (e.g. {@code baseline}, {@code RARL}), as plots show it.
 *
 * @param label the method's name in legends and panel titles.
 * @param value the result.
 * @param <T>   the result's type.
 */
public record Labelled<T>(String label, T value) {
    /**
     * @param label the method's name, not blank.
     * @param value the result, not null.
     */
    public Labelled {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a plotted method needs a non-blank label, was '" + label + "'");
        }
        Objects.requireNonNull(value, "value");
    }
}
