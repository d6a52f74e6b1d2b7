package dev.sparring.hal.sim;

/**
 * An electric actuator at one joint: motor torque constant {@code Kt} (N·m/A), transmission ratio {@code N} and
 * drive current limit {@code Imax} (A). A desired joint effort {@code τ} needs the current {@code τ / (Kt·N)}; the
 * drive clamps it to {@code ±Imax}, so the applied effort saturates at {@code ±Kt·N·Imax}.
 * <p>
 * For a revolute joint {@code N} is the gear ratio (motor turns per joint turn). For a prismatic joint it is the
 * transmission's force per motor torque in N/(N·m) = rad/m (e.g. {@code 1/r} for a belt pulley of radius r,
 * {@code 2π/lead} for a lead screw), so {@code Kt·N·I} is a force in N.
 * <p>
 * An actuator may be wired backwards (motor leads or encoder swapped): it applies the opposite of the effort asked
 * for. Real robots have this fault; a simulated fleet uses it as the robot type whose experience misleads the others.
 */
public final class ActuatorModel {
    private final double maxEffort;
    private final double direction;

    /**
     * An actuator wired the right way round.
     *
     * @param torqueConstantNmPerA motor torque constant (N·m/A), &gt; 0.
     * @param gearRatio            transmission ratio (revolute: dimensionless; prismatic: rad/m), &gt; 0.
     * @param maxCurrentA          drive current limit (A), &gt; 0.
     * @throws IllegalArgumentException when a value is not finite and &gt; 0.
     */
    public ActuatorModel(final double torqueConstantNmPerA, final double gearRatio, final double maxCurrentA) {
        this(torqueConstantNmPerA, gearRatio, maxCurrentA, false);
    }

    /**
     * @param torqueConstantNmPerA motor torque constant (N·m/A), &gt; 0.
     * @param gearRatio            transmission ratio (revolute: dimensionless; prismatic: rad/m), &gt; 0.
     * @param maxCurrentA          drive current limit (A), &gt; 0.
     * @param reversed             wired backwards: the applied effort is the opposite of the one asked for.
     * @throws IllegalArgumentException when a value is not finite and &gt; 0.
     */
    public ActuatorModel(final double torqueConstantNmPerA, final double gearRatio, final double maxCurrentA,
        final boolean reversed) {
        requirePositive("torque_constant_nm_per_a", torqueConstantNmPerA);
        requirePositive("gear_ratio", gearRatio);
        requirePositive("max_current_a", maxCurrentA);
        this.maxEffort = torqueConstantNmPerA * gearRatio * maxCurrentA;
        this.direction = reversed ? -1.0 : 1.0;
    }

    /**
     * @return the saturation effort {@code Kt·N·Imax} (N·m or N).
     */
    public double maxEffort() {
        return maxEffort;
    }

    /**
     * @return whether the actuator is wired backwards.
     */
    public boolean reversed() {
        return direction < 0.0;
    }

    /**
     * @param desiredEffort the effort asked for (N·m or N), finite.
     * @return the effort the actuator applies: the desired one clamped to {@code ±maxEffort()}, negated when the
     *         actuator is wired backwards.
     */
    public double apply(final double desiredEffort) {
        return direction * Math.max(-maxEffort, Math.min(maxEffort, desiredEffort));
    }

    private static void requirePositive(final String name, final double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
        }
    }
}
