package dev.sparring.trainer.env;

import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.hal.task.HealthyRanges;
import dev.sparring.hal.task.LocomotionReward;
import dev.sparring.hal.task.ResetNoise;

import java.util.Arrays;
import java.util.List;

/**
 * The five MuJoCo tasks of the RARL paper with Gymnasium v4's semantics, written against the {@link Plant} contract:
 * the plant's joints are the model's hinge and slide joints ({@code qpos}/{@code qvel}), looked up by name.
 * <ul>
 *   <li><b>Action</b>: Gymnasium's {@code ctrl} per motor, clipped to its range; the joint effort is {@code gear · ctrl}
 *       (the gears are the models', stated here because the contract has no gear), which the plant turns back into
 *       {@code ctrl = effort / gear}.</li>
 *   <li><b>Observation</b>: {@code qpos} without its first {@code observedFrom} elements (the root's x, and y on the
 *       swimmer), then {@code qvel}, each velocity clipped to ±{@code velocityClip} where v4 clips.</li>
 *   <li><b>Reward</b>: {@link LocomotionReward} of the forward velocity {@code (x after − x before) / dt}, x the
 *       root's x slide, {@code dt} = timestep × frame skip, and of Σ ctrl²; the healthy reward is paid on every step,
 *       the terminating one included (v4).</li>
 *   <li><b>Termination</b>: a position or velocity outside its open {@link HealthyRanges healthy range} (a
 *       position's healthy range and, from position {@code stateFrom} on, ±{@code stateBound}; every velocity
 *       ±{@code stateBound}); a simulation failure ends the episode too ({@link PlantEnv}).</li>
 *   <li><b>Reset</b>: {@link ResetNoise} around {@code qpos0} and zero velocity, in model order.</li>
 * </ul>
 * The reward, the healthy ranges and the reset noise are hal's ({@code dev.sparring.hal.task}), which the
 * controller's on-board reward and a simulated robot's reset use too.
 * Specification: {@code docs/tasks.md}, "MuJoCo tasks".
 */
final class MujocoEnv extends PlantEnv {
    /** Gymnasium InvertedPendulum-v4. */
    static final String INVERTED_PENDULUM = "mujoco_inverted_pendulum";
    /** Gymnasium HalfCheetah-v4. */
    static final String HALF_CHEETAH = "half_cheetah";
    /** Gymnasium Swimmer-v4. */
    static final String SWIMMER = "swimmer";
    /** Gymnasium Hopper-v4. */
    static final String HOPPER = "hopper";
    /** Gymnasium Walker2d-v4. */
    static final String WALKER2D = "walker2d";
    /** The MuJoCo tasks, in documentation order. */
    static final List<String> NAMES = List.of(INVERTED_PENDULUM, HALF_CHEETAH, SWIMMER, HOPPER, WALKER2D);

    private static final int TIME_LIMIT_STEPS = 1000;

    private final Shape shape;
    private final int[] joints;
    private final int rootX;
    private final HealthyRanges healthy;
    private final double[] healthValues;
    private final double[] zeroVelocities;
    private double xBeforeM;

    private MujocoEnv(final TaskSpec spec, final Shape shape) {
        final Plant plant = spec.plant();
        if (plant.dof() != shape.joints.length) {
            throw new IllegalArgumentException("task " + spec.name() + " needs a plant with the " + shape.joints.length
                + " joints " + Arrays.toString(shape.joints) + ", but plant " + plant.kind() + " has " + plant.dof());
        }
        super(spec);
        this.shape = shape;
        this.joints = new int[shape.joints.length];
        for (int k = 0; k < joints.length; k++) {
            joints[k] = plant.jointIndex(shape.joints[k]);
            if (joints[k] != k) {
                throw new IllegalArgumentException("task " + spec.name() + " needs the plant's joints in model order "
                    + Arrays.toString(shape.joints) + ", but plant " + plant.kind() + " has '" + shape.joints[k]
                    + "' at " + joints[k]);
            }
        }
        this.rootX = joints[0];
        this.healthy = shape.healthyRanges();
        this.healthValues = new double[healthy.size()];
        this.zeroVelocities = new double[joints.length];
    }

    /**
     * The model name each task runs, which the plant provider creates.
     *
     * @param task a name from {@link #NAMES}.
     * @return the model's name ({@code hopper}, ...; the pendulum's is {@code inverted_pendulum}).
     */
    static String model(final String task) {
        return task.equals(INVERTED_PENDULUM) ? "inverted_pendulum" : task;
    }

    /**
     * @param task            a name from {@link #NAMES}.
     * @param plant           a plant of the task's {@link #model}, at its reference state; the environment owns it from
     *                        its creation on (the caller still does when this throws).
     * @param adversaryBoundN the bound on each adversary force component (N).
     * @return the environment.
     */
    static MujocoEnv create(final String task, final Plant plant, final double adversaryBoundN) {
        return switch (task) {
            case INVERTED_PENDULUM -> invertedPendulum(plant, adversaryBoundN);
            case HALF_CHEETAH -> halfCheetah(plant, adversaryBoundN);
            case SWIMMER -> swimmer(plant, adversaryBoundN);
            case HOPPER -> hopper(plant, adversaryBoundN);
            case WALKER2D -> walker2d(plant, adversaryBoundN);
            default -> throw new IllegalArgumentException("no MuJoCo task named '" + task + "'; expected one of "
                + NAMES);
        };
    }

    /**
     * The named sweep axes of a MuJoCo task ({@code docs/tasks.md}, "Sweep parameters").
     *
     * @param task a name from {@link #NAMES}.
     * @param axis {@code mass} or {@code friction}.
     * @return the plant parameters the axis scales together; empty when the task has none for that axis.
     */
    static List<String> sweepParameters(final String task, final String axis) {
        final boolean mass = axis.equals("mass");
        return switch (task) {
            case INVERTED_PENDULUM -> mass ? List.of("pole_mass_kg")
                : List.of("slider_damping_n_s_per_m", "hinge_damping_nm_s_per_rad");
            case HALF_CHEETAH -> mass ? List.of("torso_mass_kg") : List.of("bfoot_friction", "ffoot_friction");
            case SWIMMER -> mass ? List.of("torso_mass_kg") : List.of();
            case HOPPER -> mass ? List.of("torso_mass_kg") : List.of("foot_geom_friction");
            case WALKER2D -> mass ? List.of("torso_mass_kg")
                : List.of("foot_geom_friction", "foot_left_geom_friction");
            default -> throw new IllegalArgumentException("no MuJoCo task named '" + task + "'");
        };
    }

    private static MujocoEnv invertedPendulum(final Plant plant, final double adversaryBoundN) {
        final Shape shape = new Shape(new String[] {"slider", "hinge"}, new double[] {0.0, 0.0}, 0,
            Double.POSITIVE_INFINITY, 0.0, 1.0, 0.0, 0.01, false, 0, Double.POSITIVE_INFINITY);
        // |hinge| <= 0.2 is alive (v4: np.abs(qpos[1]) <= 0.2): the open range just beyond 0.2 is the same test.
        shape.healthyLow[1] = -Math.nextUp(0.2);
        shape.healthyHigh[1] = Math.nextUp(0.2);
        return new MujocoEnv(spec(INVERTED_PENDULUM, plant, 4, new String[] {"slider"}, 3.0, new double[] {100.0},
            new String[] {"pole"}, adversaryBoundN, 0.02, 2), shape);
    }

    private static MujocoEnv halfCheetah(final Plant plant, final double adversaryBoundN) {
        final String[] joints = {"rootx", "rootz", "rooty", "bthigh", "bshin", "bfoot", "fthigh", "fshin", "ffoot"};
        final Shape shape = new Shape(joints, new double[9], 1, Double.POSITIVE_INFINITY, 1.0, 0.0, 0.1, 0.1, true, 0,
            Double.POSITIVE_INFINITY);
        return new MujocoEnv(spec(HALF_CHEETAH, plant, 17, Arrays.copyOfRange(joints, 3, 9), 1.0,
            new double[] {120.0, 90.0, 60.0, 120.0, 60.0, 30.0}, new String[] {"torso", "bfoot", "ffoot"},
            adversaryBoundN, 0.01, 5), shape);
    }

    private static MujocoEnv swimmer(final Plant plant, final double adversaryBoundN) {
        final String[] joints = {"slider1", "slider2", "free_body_rot", "motor1_rot", "motor2_rot"};
        final Shape shape = new Shape(joints, new double[5], 2, Double.POSITIVE_INFINITY, 1.0, 0.0, 1e-4, 0.1, false, 0,
            Double.POSITIVE_INFINITY);
        return new MujocoEnv(spec(SWIMMER, plant, 8, new String[] {"motor1_rot", "motor2_rot"}, 1.0,
            new double[] {150.0, 150.0}, new String[] {"torso"}, adversaryBoundN, 0.01, 4), shape);
    }

    private static MujocoEnv hopper(final Plant plant, final double adversaryBoundN) {
        final String[] joints = {"rootx", "rootz", "rooty", "thigh_joint", "leg_joint", "foot_joint"};
        final Shape shape = new Shape(joints, new double[] {0.0, 1.25, 0.0, 0.0, 0.0, 0.0}, 1, 10.0, 1.0, 1.0, 1e-3,
            0.005, false, 2, 100.0);
        shape.healthyLow[1] = 0.7;
        shape.healthyLow[2] = -0.2;
        shape.healthyHigh[2] = 0.2;
        return new MujocoEnv(spec(HOPPER, plant, 11, Arrays.copyOfRange(joints, 3, 6), 1.0,
            new double[] {200.0, 200.0, 200.0}, new String[] {"foot"}, adversaryBoundN, 0.002, 4), shape);
    }

    private static MujocoEnv walker2d(final Plant plant, final double adversaryBoundN) {
        final String[] joints = {"rootx", "rootz", "rooty", "thigh_joint", "leg_joint", "foot_joint",
            "thigh_left_joint", "leg_left_joint", "foot_left_joint"};
        final double[] qpos0 = new double[9];
        qpos0[1] = 1.25;
        final Shape shape = new Shape(joints, qpos0, 1, 10.0, 1.0, 1.0, 1e-3, 0.005, false, 0,
            Double.POSITIVE_INFINITY);
        shape.healthyLow[1] = 0.8;
        shape.healthyHigh[1] = 2.0;
        shape.healthyLow[2] = -1.0;
        shape.healthyHigh[2] = 1.0;
        final double[] gears = new double[6];
        Arrays.fill(gears, 100.0);
        return new MujocoEnv(spec(WALKER2D, plant, 17, Arrays.copyOfRange(joints, 3, 9), 1.0, gears,
            new String[] {"foot", "foot_left"}, adversaryBoundN, 0.002, 4), shape);
    }

    private static TaskSpec spec(final String name, final Plant plant, final int observationSize,
        final String[] motors, final double ctrlBound, final double[] gears, final String[] adversaryBodies,
        final double adversaryBoundN, final double timestepS, final int frameSkip) {
        final double[] bounds = new double[motors.length];
        Arrays.fill(bounds, ctrlBound);
        return new TaskSpec(name, plant, observationSize, motors, bounds, gears, adversaryBodies, adversaryBoundN,
            timestepS * frameSkip, frameSkip, TIME_LIMIT_STEPS, deploymentOf(name));
    }

    /**
     * @return the robot description a task's policies deploy to (its exported policy then commands joint efforts:
     *         ctrl × gear), or null where none is written yet.
     */
    private static String deploymentOf(final String task) {
        return task.equals(HOPPER) ? "robots/hopper.yaml" : null;
    }

    @Override
    void beforeAdvance() {
        xBeforeM = plant().q(rootX);
    }

    @Override
    void drawInitialState(final SplitMix64 generator, final double[] positions, final double[] velocities) {
        shape.resetNoise.draw(generator, shape.qpos0, zeroVelocities, positions, velocities);
    }

    @Override
    void observe(final double[] observation) {
        final Plant plant = plant();
        final int from = shape.observedFrom;
        final double clip = shape.velocityClip;
        int i = 0;
        for (int k = from; k < joints.length; k++) {
            observation[i++] = plant.q(joints[k]);
        }
        for (int k = 0; k < joints.length; k++) {
            observation[i++] = Math.max(-clip, Math.min(clip, plant.qd(joints[k])));
        }
    }

    @Override
    boolean isTerminal() {
        final Plant plant = plant();
        final int n = joints.length;
        for (int k = 0; k < n; k++) {
            healthValues[k] = plant.q(joints[k]);
            healthValues[n + k] = plant.qd(joints[k]);
        }
        return !healthy.healthy(healthValues);
    }

    @Override
    double reward(final double[] action, final boolean terminated) {
        double ctrlSquared = 0.0;
        for (int i = 0; i < action.length; i++) {
            ctrlSquared += action[i] * action[i];
        }
        return shape.reward.reward((plant().q(rootX) - xBeforeM) / stepDurationS(), ctrlSquared);
    }

    /**
     * What differs between the five tasks beyond {@link TaskSpec}: the joints in model order and the task's terms.
     * The healthy bounds on positions are open ({@code low < q < high}), infinite where there is none.
     */
    private static final class Shape {
        private final String[] joints;
        private final double[] qpos0;
        private final int observedFrom;
        private final double velocityClip;
        private final LocomotionReward reward;
        private final ResetNoise resetNoise;
        private final double[] healthyLow;
        private final double[] healthyHigh;
        private final int stateFrom;
        private final double stateBound;

        private Shape(final String[] joints, final double[] qpos0, final int observedFrom, final double velocityClip,
            final double forwardWeight, final double healthyReward, final double ctrlCostWeight,
            final double noiseScale, final boolean normalVelocityNoise, final int stateFrom, final double stateBound) {
            this.joints = joints;
            this.qpos0 = qpos0;
            this.observedFrom = observedFrom;
            this.velocityClip = velocityClip;
            this.reward = new LocomotionReward(forwardWeight, healthyReward, ctrlCostWeight);
            this.resetNoise = new ResetNoise(noiseScale, normalVelocityNoise);
            this.healthyLow = new double[joints.length];
            this.healthyHigh = new double[joints.length];
            Arrays.fill(healthyLow, Double.NEGATIVE_INFINITY);
            Arrays.fill(healthyHigh, Double.POSITIVE_INFINITY);
            this.stateFrom = stateFrom;
            this.stateBound = stateBound;
        }

        /**
         * @return the open ranges of positions (the healthy range, narrowed to ±{@code stateBound} from
         *         {@code stateFrom} on) then velocities (±{@code stateBound}), Gymnasium's {@code is_healthy}.
         */
        private HealthyRanges healthyRanges() {
            final int n = joints.length;
            final double[] low = new double[2 * n];
            final double[] high = new double[2 * n];
            for (int k = 0; k < n; k++) {
                final boolean bounded = k >= stateFrom;
                low[k] = bounded ? Math.max(healthyLow[k], -stateBound) : healthyLow[k];
                high[k] = bounded ? Math.min(healthyHigh[k], stateBound) : healthyHigh[k];
                low[n + k] = -stateBound;
                high[n + k] = stateBound;
            }
            return new HealthyRanges(low, high);
        }
    }
}
