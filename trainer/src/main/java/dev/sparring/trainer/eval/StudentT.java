package dev.sparring.trainer.eval;

/**
 * Student's t distribution with {@code ν} degrees of freedom (any real {@code ν > 0}, as Welch's test needs): its
 * survival function through the regularized incomplete beta function,
 * {@code P(T > t) = ½ I_{ν/(ν + t²)}(ν/2, ½)} for {@code t ≥ 0}. The incomplete beta is evaluated by its continued
 * fraction (modified Lentz), on whichever side of {@code (a + 1)/(a + b + 2)} it converges fast, with the prefactor
 * from a Lanczos log-gamma; both accurate to about 1e-14 relative.
 */
public final class StudentT {
    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;
    private static final int MAX_TERMS = 10_000;
    private static final double LANCZOS_G = 7.0;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};

    private StudentT() {
    }

    /**
     * @param t  the statistic.
     * @param df the degrees of freedom ν, > 0.
     * @return {@code P(T > t)}.
     */
    public static double survival(final double t, final double df) {
        if (!(df > 0.0)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0, was " + df);
        }
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        final double tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), 0.5 * df, 0.5);
        return t >= 0.0 ? tail : 1.0 - tail;
    }

    /**
     * @param t  the statistic.
     * @param df the degrees of freedom ν, > 0.
     * @return the two-sided p-value {@code P(|T| ≥ |t|)}.
     */
    public static double twoSidedP(final double t, final double df) {
        return Math.min(1.0, 2.0 * survival(Math.abs(t), df));
    }

    /**
     * The regularized incomplete beta function {@code I_x(a, b) = B(x; a, b)/B(a, b)}.
     *
     * @param x in [0, 1].
     * @param a > 0.
     * @param b > 0.
     * @return {@code I_x(a, b)}, in [0, 1].
     */
    public static double regularizedIncompleteBeta(final double x, final double a, final double b) {
        if (!(x >= 0.0 && x <= 1.0) || !(a > 0.0) || !(b > 0.0)) {
            throw new IllegalArgumentException("incomplete beta needs x in [0, 1] and a, b > 0, was x " + x + ", a "
                + a + ", b " + b);
        }
        if (x == 0.0 || x == 1.0) {
            return x;
        }
        final double logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        if (x < (a + 1.0) / (a + b + 2.0)) {
            return Math.exp(logFront) * continuedFraction(x, a, b) / a;
        }
        return 1.0 - Math.exp(logFront) * continuedFraction(1.0 - x, b, a) / b;
    }

    /**
     * @param x > 0.
     * @return {@code ln Γ(x)} (Lanczos, g = 7, 9 terms; reflection below ½).
     */
    public static double logGamma(final double x) {
        if (!(x > 0.0)) {
            throw new IllegalArgumentException("log-gamma needs x > 0, was " + x);
        }
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1.0 - x);
        }
        final double z = x - 1.0;
        double sum = LANCZOS[0];
        for (int k = 1; k < LANCZOS.length; k++) {
            sum += LANCZOS[k] / (z + k);
        }
        final double t = z + LANCZOS_G + 0.5;
        return 0.5 * Math.log(2.0 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** The continued fraction of {@code I_x(a, b)} (Numerical Recipes' betacf), by the modified Lentz method. */
    private static double continuedFraction(final double x, final double a, final double b) {
        final double qab = a + b;
        final double qap = a + 1.0;
        final double qam = a - 1.0;
        double c = 1.0;
        double d = 1.0 - qab * x / qap;
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1.0 / d;
        double h = d;
        for (int m = 1; m <= MAX_TERMS; m++) {
            final int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1.0 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1.0 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1.0 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1.0 / d;
            final double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1.0) < EPSILON) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x " + x + ", a " + a + ", b " + b);
    }
}
