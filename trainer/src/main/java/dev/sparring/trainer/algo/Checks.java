package dev.sparring.trainer.algo;

/** Range checks for configuration records, with messages that name the field and the value. */
final class Checks {
    private Checks() {
    }

    static void unitInterval(final String name, final double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
    }

    static void positive(final String name, final double value) {
        if (!(value > 0.0)) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    static void nonNegative(final String name, final double value) {
        if (!(value >= 0.0)) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    static void atLeastOne(final String name, final int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
    }
}
