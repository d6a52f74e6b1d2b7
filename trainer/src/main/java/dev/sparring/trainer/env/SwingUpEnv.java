package dev.sparring.trainer.env;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.hal.sim.plant.PendulumPlant;
import dev.sparring.hal.plant.Plant;

/**
 * {@code pendulum_swingup}: Gym's Pendulum on the pendulum of {@code robots/pendulum.yaml} (1 kg on 0.5 m, gravity
 * 9.81, the description's friction), whose 2 N·m motor cannot lift it directly. Observation
 * {@code [cos q, sin q, q̇]} with {@code q} = 0 hanging down; torque in [−2, 2] N·m; reward
 * {@code −(φ² + 0.1·q̇² + 0.001·u²)} with {@code φ} the angle from upright wrapped to [−π, π]; no termination;
 * truncated after 200 steps of 0.05 s. The adversary pushes the bob. Specification: {@code docs/tasks.md}.
 */
final class SwingUpEnv extends PlantEnv {
    /** The task's name. */
    static final String NAME = "pendulum_swingup";

    private static final double TWO_PI = 2.0 * Math.PI;

    private final int hinge;

    private SwingUpEnv(final TaskSpec spec) {
        super(spec);
        this.hinge = spec.plant().jointIndex("hinge");
    }

    /**
     * @param adversaryBoundN bound on each adversary force component (N).
     * @param refinement      substeps per step, as a multiple of the default 20 (1 for training).
     * @return the environment.
     */
    static SwingUpEnv create(final double adversaryBoundN, final int refinement) {
        final Plant plant = new PendulumPlant();
        setParameter(plant, "mass_kg", 1.0);
        setParameter(plant, "length_m", 0.5);
        setParameter(plant, "gravity_m_per_s2", 9.81);
        setParameter(plant, "hinge_viscous_nm_s_per_rad", 0.02);
        setParameter(plant, "hinge_coulomb_nm", 0.01);
        return new SwingUpEnv(new TaskSpec(NAME, plant, 3, new String[] {"hinge"}, new double[] {2.0},
            new double[] {1.0}, new String[] {"bob"}, adversaryBoundN, 0.05, 20 * refinement, 200,
            "robots/pendulum.yaml"));
    }

    @Override
    void drawInitialState(final SplitMix64 generator, final double[] positions, final double[] velocities) {
        positions[hinge] = generator.uniform(-Math.PI, Math.PI);
        velocities[hinge] = generator.uniform(-1.0, 1.0);
    }

    @Override
    void observe(final double[] observation) {
        final double angle = plant().q(hinge);
        observation[0] = Math.cos(angle);
        observation[1] = Math.sin(angle);
        observation[2] = plant().qd(hinge);
    }

    @Override
    boolean isTerminal() {
        return false;
    }

    @Override
    double reward(final double[] action, final boolean terminated) {
        final double fromUpright = Math.IEEEremainder(plant().q(hinge) - Math.PI, TWO_PI);
        final double rate = plant().qd(hinge);
        return -(fromUpright * fromUpright + 0.1 * rate * rate + 0.001 * action[0] * action[0]);
    }
}
