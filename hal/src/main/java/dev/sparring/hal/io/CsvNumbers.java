package dev.sparring.hal.io;

import java.math.BigDecimal;

/**
 * The one way every CSV file of Sparring writes a number (docs/formats.md, "Numbers in CSV files"): the shortest
 * decimal that reads back as exactly the same {@code double} (or {@code float}), in plain notation when its decimal
 * exponent is in [-7, 20] and as {@code <digits>e<exponent>} outside it; an integral value has no decimal point
 * ({@code 512}, not {@code 512.0}); {@code NaN} is an empty cell (nothing measured); infinities are {@code Infinity}
 * and {@code -Infinity}. Java's {@link Double#parseDouble}, Python's {@code float} and pandas read every form back
 * exactly. Integers ({@code long}) are written as {@link Long#toString} does.
 */
public final class CsvNumbers {
    /** Smallest decimal exponent written in plain notation (0.0000001). */
    private static final int MIN_PLAIN_EXPONENT = -7;
    /** Largest decimal exponent written in plain notation (a 21-digit integer). */
    private static final int MAX_PLAIN_EXPONENT = 20;

    private CsvNumbers() {
    }

    /**
     * @param value a number.
     * @return its cell text.
     */
    public static String format(final double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Double.isInfinite(value) || value == 0.0) {
            return Double.toString(value).replace(".0", "");
        }
        return normalise(new BigDecimal(Double.toString(value)));
    }

    /**
     * @param value a single-precision number (read back with {@link Float#parseFloat}).
     * @return its cell text.
     */
    public static String format(final float value) {
        if (Float.isNaN(value)) {
            return "";
        }
        if (Float.isInfinite(value) || value == 0.0f) {
            return Float.toString(value).replace(".0", "");
        }
        return normalise(new BigDecimal(Float.toString(value)));
    }

    /**
     * @param value an integer (a step, a count, an index).
     * @return its cell text.
     */
    public static String format(final long value) {
        return Long.toString(value);
    }

    /**
     * Reads a cell {@link #format(double)} wrote.
     *
     * @param cell the cell's text.
     * @return its value; {@code NaN} for an empty cell.
     * @throws NumberFormatException when the cell is not a number.
     */
    public static double parse(final String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    /** Java's {@code toString} gives the shortest round-trip digits; this only chooses the notation. */
    private static String normalise(final BigDecimal shortest) {
        final BigDecimal digits = shortest.stripTrailingZeros();
        final int exponent = digits.precision() - digits.scale() - 1;
        if (exponent >= MIN_PLAIN_EXPONENT && exponent <= MAX_PLAIN_EXPONENT) {
            return digits.toPlainString();
        }
        final String unscaled = digits.unscaledValue().abs().toString();
        final String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return (digits.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
    }
}
