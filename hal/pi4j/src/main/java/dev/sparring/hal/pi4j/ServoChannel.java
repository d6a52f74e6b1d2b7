package dev.sparring.hal.pi4j;

/**
 * One hobby servo on a PCA9685 channel and its calibration: the pulse widths at two known servo angles, a direction
 * and an offset between the joint's position and the servo's angle. The servo angle of a joint position {@code q} is
 * {@code direction · q + offsetRad}; the pulse is interpolated linearly between ({@code angleMinRad},
 * {@code pulseMinUs}) and ({@code angleMaxRad}, {@code pulseMaxUs}) and clamped to that pulse range.
 *
 * @param jointIndex  the joint's index in the robot.
 * @param channel     the PCA9685 output, 0..15.
 * @param pulseMinUs  the pulse width at {@code angleMinRad} (µs).
 * @param pulseMaxUs  the pulse width at {@code angleMaxRad} (µs).
 * @param angleMinRad the servo angle at {@code pulseMinUs}.
 * @param angleMaxRad the servo angle at {@code pulseMaxUs}.
 * @param direction   +1 or -1: the sign between joint position and servo angle.
 * @param offsetRad   the servo angle at joint position 0.
 * @param safeRad     the joint position of the safe state, or NaN: the output is switched full off (the servo goes
 *                    limp).
 */
public record ServoChannel(int jointIndex, int channel, double pulseMinUs, double pulseMaxUs, double angleMinRad,
                           double angleMaxRad, int direction, double offsetRad, double safeRad) {

    /**
     * @param positionRad a joint position.
     * @return the pulse width that drives the servo there (µs), clamped to the calibrated pulse range.
     */
    public double pulseUs(final double positionRad) {
        final double angleRad = direction * positionRad + offsetRad;
        final double fraction = (angleRad - angleMinRad) / (angleMaxRad - angleMinRad);
        final double pulse = pulseMinUs + fraction * (pulseMaxUs - pulseMinUs);
        return Math.max(Math.min(pulseMinUs, pulseMaxUs), Math.min(Math.max(pulseMinUs, pulseMaxUs), pulse));
    }

    /**
     * @return whether the safe state switches the output full off rather than holding an angle.
     */
    public boolean safeOff() {
        return Double.isNaN(safeRad);
    }
}
