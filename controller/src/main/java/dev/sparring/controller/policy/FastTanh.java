package dev.sparring.controller.policy;

/**
 * tanh for the policy executor, about 30 times cheaper than {@link Math#tanh} and vectorisable (no branches, no calls,
 * one division). Method: clamp x to ±9 (tanh(9) = 1 − 3·10⁻⁸), halve it, take the [7/6] Padé approximant of
 * tanh at y = x/2, {@code t = y·N(y²)/D(y²)} with {@code N = 135135 + 17325y² + 378y⁴ + y⁶} and
 * {@code D = 135135 + 62370y² + 3150y⁴ + 28y⁶} (from Lambert's continued fraction), then double the angle,
 * {@code tanh x = 2t/(1 + t²) = 2yND / (D² + y²N²)}. The Padé error is largest at the ends of |y| ≤ 4.5 and the
 * doubling does not amplify it. Error bound, tested on a dense grid: |FastTanh − tanh| ≤ 5·10⁻⁸ evaluated in double
 * and ≤ 2.5·10⁻⁷ in float (float rounding dominates).
 */
public final class FastTanh {
    /** Beyond ±CLAMP, tanh is ±1 to within 3·10⁻⁸. */
    static final float CLAMP = 9.0f;

    private FastTanh() {
    }

    /**
     * @param x any float.
     * @return tanh(x) within 2.5·10⁻⁷; NaN for NaN.
     */
    public static float tanh(final float x) {
        final float y = 0.5f * Math.max(-CLAMP, Math.min(CLAMP, x));
        final float y2 = y * y;
        final float n = 135135.0f + y2 * (17325.0f + y2 * (378.0f + y2));
        final float d = 135135.0f + y2 * (62370.0f + y2 * (3150.0f + 28.0f * y2));
        final float yn = y * n;
        return 2.0f * yn * d / (d * d + yn * yn);
    }

    /**
     * In-place tanh of {@code values[0..length)}; a loop C2 vectorises.
     *
     * @param values the values.
     * @param length how many.
     */
    public static void tanh(final float[] values, final int length) {
        for (int i = 0; i < length; i++) {
            values[i] = tanh(values[i]);
        }
    }
}
