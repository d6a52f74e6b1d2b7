package dev.sparring.controller.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values shared by the commands: a value outside its range, not a finite number, or inconsistent
 * with another option is refused before any work starts, as a picocli {@link ParameterException} naming the option,
 * the accepted range and the value given (picocli prints it with the usage and exits with code 2).
 */
public final class OptionChecks {
    /** Longest run time accepted (s): about 31 years, so that the run time in nanoseconds fits a {@code long}. */
    public static final double MAX_DURATION_S = 1e9;

    private OptionChecks() {
    }

    /**
     * @param spec   the command.
     * @param option the option's name, e.g. {@code --duration}.
     * @param value  its value.
     * @param min    the least accepted.
     * @param max    the most accepted.
     * @return {@code value}.
     * @throws ParameterException unless {@code min <= value <= max} (NaN never is).
     */
    public static double inRange(final CommandSpec spec, final String option, final double value, final double min,
        final double max) {
        require(spec, value >= min && value <= max, option + " must be a number in [" + min + ", " + max + "], was "
            + value);
        return value;
    }

    /**
     * @param spec   the command.
     * @param option the option's name.
     * @param value  its value.
     * @param min    the least accepted.
     * @param max    the most accepted.
     * @return {@code value}.
     * @throws ParameterException unless {@code min <= value <= max}.
     */
    public static long inRange(final CommandSpec spec, final String option, final long value, final long min,
        final long max) {
        require(spec, value >= min && value <= max, option + " must be in [" + min + ", " + max + "], was " + value);
        return value;
    }

    /**
     * @param spec      the command.
     * @param option    the option's name, e.g. {@code --duration}.
     * @param durationS a run time in seconds.
     * @return {@code durationS}.
     * @throws ParameterException unless it is in (0, {@link #MAX_DURATION_S}].
     */
    public static double duration(final CommandSpec spec, final String option, final double durationS) {
        require(spec, durationS > 0 && durationS <= MAX_DURATION_S, option + " must be a number of seconds in (0, "
            + MAX_DURATION_S + "], was " + durationS + "; stop a long run with Ctrl-C");
        return durationS;
    }

    /**
     * @param spec      the command.
     * @param condition what must hold.
     * @param problem   the message when it does not: the option, what it must be, the value given.
     * @throws ParameterException when {@code condition} is false.
     */
    public static void require(final CommandSpec spec, final boolean condition, final String problem) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }
}
