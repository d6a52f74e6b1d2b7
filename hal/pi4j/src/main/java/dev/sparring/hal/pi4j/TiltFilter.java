package dev.sparring.hal.pi4j;

/**
 * Roll and pitch from an accelerometer and a gyroscope: a complementary filter with time constant τ.
 * <p>
 * The accelerometer alone gives the tilt of gravity, roll_a = atan2(a_y, a_z) and pitch_a = atan2(−a_x,
 * √(a_y² + a_z²)) — right when the body does not accelerate, noisy and disturbed when it does. The rates integrated
 * alone are smooth but drift. Each update integrates the rates through the Euler-angle kinematics (ZYX, so roll rate =
 * ω_x + (ω_y sin φ + ω_z cos φ) tan θ and pitch rate = ω_y cos φ − ω_z sin φ) over dt, then moves the result a
 * fraction dt / (τ + dt) of the way towards the accelerometer's angle (the roll difference wrapped to (−π, π], so the
 * blend never goes the long way round): a first-order high-pass on the gyro and low-pass on the accelerometer that
 * cross at 1 / (2πτ) Hz. The first update (and the first after {@link #reset()}) seeds both angles from the
 * accelerometer; an update whose dt is not positive (the same tick again) only re-reads the accelerometer's angle.
 * Yaw has no reference here (gravity says nothing about heading), so none is given.
 */
final class TiltFilter {
    private final double timeConstantS;
    private boolean seeded;
    private long lastNs;
    private double rollRad;
    private double pitchRad;

    /**
     * @param timeConstantS τ (s), &gt; 0.
     */
    TiltFilter(final double timeConstantS) {
        this.timeConstantS = timeConstantS;
    }

    /** The next update seeds from the accelerometer. */
    void reset() {
        seeded = false;
    }

    /**
     * @param nowNs the sample's time (ns).
     * @param ax    acceleration along X (any unit, the same for all three).
     * @param ay    along Y.
     * @param az    along Z.
     * @param wx    angular rate about X (rad/s).
     * @param wy    about Y.
     * @param wz    about Z.
     */
    void update(final long nowNs, final double ax, final double ay, final double az, final double wx,
        final double wy, final double wz) {
        final double rollAccelRad = Math.atan2(ay, az);
        final double pitchAccelRad = Math.atan2(-ax, Math.sqrt(ay * ay + az * az));
        final long dtNs = nowNs - lastNs;
        if (!seeded) {
            rollRad = rollAccelRad;
            pitchRad = pitchAccelRad;
            seeded = true;
            lastNs = nowNs;
            return;
        }
        if (dtNs <= 0) {
            return;
        }
        lastNs = nowNs;
        final double dtS = dtNs * 1e-9;
        final double sinRoll = Math.sin(rollRad);
        final double cosRoll = Math.cos(rollRad);
        final double rollRate = wx + (wy * sinRoll + wz * cosRoll) * Math.tan(pitchRad);
        final double pitchRate = wy * cosRoll - wz * sinRoll;
        final double gain = dtS / (timeConstantS + dtS);
        final double rollGyroRad = rollRad + rollRate * dtS;
        final double pitchGyroRad = pitchRad + pitchRate * dtS;
        rollRad = wrap(rollGyroRad + gain * wrap(rollAccelRad - rollGyroRad));
        pitchRad = pitchGyroRad + gain * (pitchAccelRad - pitchGyroRad);
    }

    /**
     * @return roll (rad), in (−π, π]; NaN before the first update.
     */
    double rollRad() {
        return seeded ? rollRad : Double.NaN;
    }

    /**
     * @return pitch (rad), about [−π/2, π/2]; NaN before the first update.
     */
    double pitchRad() {
        return seeded ? pitchRad : Double.NaN;
    }

    private static double wrap(final double angleRad) {
        return Math.IEEEremainder(angleRad, 2 * Math.PI);
    }
}
