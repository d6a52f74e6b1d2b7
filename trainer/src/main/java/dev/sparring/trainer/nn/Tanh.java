package dev.sparring.trainer.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hyperbolic tangent in double precision on the Vector API, about ten times faster than {@link Math#tanh} per
 * element: {@code tanh x = (e − 1)/(e + 1)} with {@code e = exp(2x)}, the exponential by range reduction
 * {@code 2x = k ln 2 + r}, {@code |r| ≤ ln 2 / 2}, a degree-12 Taylor polynomial in r (relative error below 10⁻¹⁵)
 * and {@code 2ᵏ} built from its exponent bits; x is clamped to ±20, where tanh is ±1 in double precision. Absolute
 * error below 10⁻¹⁵ everywhere (relative error grows near 0, where {@code e − 1} cancels). The scalar path performs
 * the same operations, so a value does not depend on whether it fell in a vector or in the tail.
 */
final class Tanh {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final double CLAMP = 20.0;
    private static final double LOG2_E = 1.4426950408889634;
    private static final double LN2_HI = 0.6931471803691238;
    private static final double LN2_LO = 1.9082149292705877e-10;
    /** 1.5·2⁵²: adding it rounds to an integer held in the low mantissa bits. */
    private static final double ROUNDER = 0x1.8p52;
    private static final long EXPONENT_BIAS_BITS = Double.doubleToRawLongBits(ROUNDER) - 1023L;
    private static final double[] TAYLOR = {
        1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0, 1.0 / 5040.0,
        1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0};

    private Tanh() {
    }

    /**
     * tanh of one value.
     *
     * @param x the argument.
     * @return tanh x.
     */
    static double of(final double x) {
        final double y = 2.0 * Math.max(-CLAMP, Math.min(CLAMP, x));
        final double shifted = Math.fma(y, LOG2_E, ROUNDER);
        final double k = shifted - ROUNDER;
        final double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, y));
        double p = TAYLOR[0];
        for (int c = 1; c < TAYLOR.length; c++) {
            p = Math.fma(p, r, TAYLOR[c]);
        }
        final double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) - EXPONENT_BIAS_BITS) << 52);
        final double e = p * scale;
        return (e - 1.0) / (e + 1.0);
    }

    /**
     * Replaces values by their tanh.
     *
     * @param values the arguments, overwritten.
     * @param length how many values from index 0.
     */
    static void inPlace(final double[] values, final int length) {
        final int vectorEnd = SPECIES.loopBound(length);
        int i = 0;
        for (; i < vectorEnd; i += SPECIES.length()) {
            final DoubleVector y = DoubleVector.fromArray(SPECIES, values, i).max(-CLAMP).min(CLAMP).mul(2.0);
            final DoubleVector shifted = y.fma(LOG2_E, ROUNDER);
            final DoubleVector k = shifted.sub(ROUNDER);
            final DoubleVector negK = k.neg();
            final DoubleVector r = negK.fma(DoubleVector.broadcast(SPECIES, LN2_LO),
                negK.fma(DoubleVector.broadcast(SPECIES, LN2_HI), y));
            DoubleVector p = DoubleVector.broadcast(SPECIES, TAYLOR[0]);
            for (int c = 1; c < TAYLOR.length; c++) {
                p = p.fma(r, DoubleVector.broadcast(SPECIES, TAYLOR[c]));
            }
            final DoubleVector scale = shifted.reinterpretAsLongs().sub(EXPONENT_BIAS_BITS)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            final DoubleVector e = p.mul(scale);
            e.sub(1.0).div(e.add(1.0)).intoArray(values, i);
        }
        for (; i < length; i++) {
            values[i] = of(values[i]);
        }
    }
}
