package dev.sparring.hal.sim;

/**
 * An electric actuator at one joint: motor torque constant {@code Kt} (N·m/A), transmission ratio {@code N} and
 * drive current limit {@code Imax} (A). A desired joint effort {@code τ} needs the current {@code τ / (Kt·N)}; the
 * drive clamps it to {@code ±Imax}, so the applied effort saturates at {@code ±Kt·N·Imax}.
 * <p>
 * For a revolute joint {@code N} is the gear ratio (motor turns per joint turn). For a prismatic joint it is the
 * transmission's force per motor torque in N/(N·m) = rad/m (e.g. {@code 1/r} for a belt pulley of radius r,
 * {@code 2π/lead} for a lead screw), so {@code Kt·N·I} is a force in N.
 */
public final class ActuatorModel {
    private final double maxEffort;

    /**
     * @param torqueConstantNmPerA motor torque constant (N·m/A), &gt; 0.
     * @param gearRatio            transmission ratio (revolute: dimensionless; prismatic: rad/m), &gt; 0.
     * @param maxCurrentA          drive current limit (A), &gt; 0.
     * @throws IllegalArgumentException when a value is not finite and &gt; 0.
     */
    public ActuatorModel(final double torqueConstantNmPerA, final double gearRatio, final double maxCurrentA) {
        requirePositive("torque_constant_nm_per_a", torqueConstantNmPerA);
        requirePositive("gear_ratio", gearRatio);
        requirePositive("max_current_a", maxCurrentA);
        this.maxEffort = torqueConstantNmPerA * gearRatio * maxCurrentA;
    }

    /**
     * @return the saturation effort {@code Kt·N·Imax} (N·m or N).
     */
    public double maxEffort() {
        return maxEffort;
    }

    /**
     * @param desiredEffort the effort asked for (N·m or N), finite.
     * @return the effort the actuator applies: the desired one clamped to {@code ±maxEffort()}.
     */
    public double apply(final double desiredEffort) {
        return Math.max(-maxEffort, Math.min(maxEffort, desiredEffort));
    }

    private static void requirePositive(final String name, final double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
        }
    }
}
