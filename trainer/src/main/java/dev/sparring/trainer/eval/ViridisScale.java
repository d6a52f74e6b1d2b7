package dev.sparring.trainer.eval;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * Matplotlib's viridis colour map (dark purple for low, yellow for high: perceptually uniform, readable in grey and
 * by most colour-blind readers) over {@code [lower, upper]}, linearly interpolated between eleven of its samples;
 * values outside the range take the end colours.
 */
final class ViridisScale implements PaintScale {
    private static final int[] SAMPLES = {
        0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725};

    private final double lower;
    private final double upper;

    /**
     * @param lower the value that maps to the darkest colour.
     * @param upper the value that maps to the brightest colour, &gt; lower.
     */
    ViridisScale(final double lower, final double upper) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("a colour scale needs lower < upper, was " + lower + " and " + upper);
        }
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(final double value) {
        return color(value);
    }

    /**
     * @param value a value.
     * @return its colour.
     */
    Color color(final double value) {
        final double position = Math.clamp((value - lower) / (upper - lower), 0.0, 1.0) * (SAMPLES.length - 1);
        final int from = Math.min((int) position, SAMPLES.length - 2);
        final double weight = position - from;
        return new Color(channel(from, weight, 16), channel(from, weight, 8), channel(from, weight, 0));
    }

    private static int channel(final int from, final double weight, final int shift) {
        final int a = (SAMPLES[from] >> shift) & 0xFF;
        final int b = (SAMPLES[from + 1] >> shift) & 0xFF;
        return (int) Math.round(a + weight * (b - a));
    }
}
