package dev.sparring.trainer.env;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.sim.plant.TwoLinkArmPlant;

/**
 * {@code reacher}: Gymnasium's Reacher on the two-link arm of {@code robots/two_link_arm.yaml} (horizontal plane, the
 * description's friction): bring the end effector to a target drawn uniformly over the reachable annulus at reset.
 * Observation as Gymnasium Reacher-v5, {@code [cos q0, cos q1, sin q0, sin q1, target x, target y, q̇0, q̇1,
 * end effector x − target x, end effector y − target y]}; torques in [−1.5, 1.5] and [−1, 1] N·m; reward
 * {@code −|end effector − target| − 0.1·|u|²}; no termination; truncated after 50 steps of 0.02 s. The adversary
 * pushes the end effector. No robot description observes the target, so the task does not deploy. Specification:
 * {@code docs/tasks.md}.
 */
final class ReacherEnv extends PlantEnv {
    /** The task's name. */
    static final String NAME = "reacher";

    private final int shoulder;
    private final int elbow;
    private final int effectorX;
    private final int effectorY;
    private final double innerRadiusM;
    private final double outerRadiusM;
    private double targetXM;
    private double targetYM;

    private ReacherEnv(final TaskSpec spec) {
        super(spec);
        final Plant plant = spec.plant();
        this.shoulder = plant.jointIndex("shoulder");
        this.elbow = plant.jointIndex("elbow");
        this.effectorX = plant.channelIndex("end_effector_x");
        this.effectorY = plant.channelIndex("end_effector_y");
        final double link1 = plant.parameter(plant.parameterIndex("link1_length_m"));
        final double link2 = plant.parameter(plant.parameterIndex("link2_length_m"));
        this.innerRadiusM = Math.abs(link1 - link2);
        this.outerRadiusM = link1 + link2;
    }

    /**
     * @param adversaryBoundN bound on each adversary force component (N).
     * @param refinement      substeps per step, as a multiple of the default 8 (1 for training).
     * @return the environment.
     */
    static ReacherEnv create(final double adversaryBoundN, final int refinement) {
        final Plant plant = new TwoLinkArmPlant();
        setParameter(plant, "link1_mass_kg", 0.6);
        setParameter(plant, "link2_mass_kg", 0.4);
        setParameter(plant, "link1_length_m", 0.3);
        setParameter(plant, "link2_length_m", 0.25);
        setParameter(plant, "gravity_m_per_s2", 0.0);
        setParameter(plant, "shoulder_viscous_nm_s_per_rad", 0.01);
        setParameter(plant, "elbow_viscous_nm_s_per_rad", 0.01);
        setParameter(plant, "shoulder_coulomb_nm", 0.005);
        setParameter(plant, "elbow_coulomb_nm", 0.005);
        return new ReacherEnv(new TaskSpec(NAME, plant, 10, new String[] {"shoulder", "elbow"},
            new double[] {1.5, 1.0}, new double[] {1.0, 1.0}, new String[] {"end_effector"}, adversaryBoundN, 0.02,
            8 * refinement, 50, null));
    }

    @Override
    int extraStateSize() {
        return 2;
    }

    @Override
    void saveExtraState(final double[] state, final int offset) {
        state[offset] = targetXM;
        state[offset + 1] = targetYM;
    }

    @Override
    void restoreExtraState(final double[] state, final int offset) {
        targetXM = state[offset];
        targetYM = state[offset + 1];
    }

    @Override
    void drawInitialState(final SplitMix64 generator, final double[] positions, final double[] velocities) {
        positions[shoulder] = generator.uniform(-0.1, 0.1);
        positions[elbow] = generator.uniform(-0.1, 0.1);
        velocities[shoulder] = generator.uniform(-0.005, 0.005);
        velocities[elbow] = generator.uniform(-0.005, 0.005);
        final double radius = Math.sqrt(generator.uniform(innerRadiusM * innerRadiusM, outerRadiusM * outerRadiusM));
        final double angle = generator.uniform(-Math.PI, Math.PI);
        targetXM = radius * Math.cos(angle);
        targetYM = radius * Math.sin(angle);
    }

    @Override
    void observe(final double[] observation) {
        final Plant plant = plant();
        observation[0] = Math.cos(plant.q(shoulder));
        observation[1] = Math.cos(plant.q(elbow));
        observation[2] = Math.sin(plant.q(shoulder));
        observation[3] = Math.sin(plant.q(elbow));
        observation[4] = targetXM;
        observation[5] = targetYM;
        observation[6] = plant.qd(shoulder);
        observation[7] = plant.qd(elbow);
        observation[8] = plant.channel(effectorX) - targetXM;
        observation[9] = plant.channel(effectorY) - targetYM;
    }

    @Override
    boolean isTerminal() {
        return false;
    }

    @Override
    double reward(final double[] action, final boolean terminated) {
        final Plant plant = plant();
        final double distanceM = Math.hypot(plant.channel(effectorX) - targetXM, plant.channel(effectorY) - targetYM);
        return -distanceM - 0.1 * (action[0] * action[0] + action[1] * action[1]);
    }
}
