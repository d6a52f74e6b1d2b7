package dev.sparring.trainer.env;

import dev.sparring.hal.random.SplitMix64;

import dev.sparring.hal.sim.plant.CartPolePlant;
import dev.sparring.hal.sim.plant.InvertedPendulumPlant;
import dev.sparring.hal.plant.Plant;

/**
 * Balancing a pole on a cart: {@code cartpole_balance} (Gym CartPole with a continuous force) and
 * {@code inverted_pendulum} (Gymnasium InvertedPendulum). Observation {@code [x, θ, ẋ, θ̇]}, the order of the robot
 * descriptions' {@code control.observation}; reward +1 for every step that ends with the pole within
 * ±{@code angleLimit} and the cart within ±{@code positionLimit}, 0 on the step that leaves them, which terminates.
 * The adversary pushes the pole's centre of mass. Specification: {@code docs/tasks.md}.
 */
final class BalanceEnv extends PlantEnv {
    /** Gym's CartPole task with a continuous force on the cart. */
    static final String CARTPOLE = "cartpole_balance";
    /** Gymnasium's InvertedPendulum task (MuJoCo proportions). */
    static final String INVERTED_PENDULUM = "inverted_pendulum";

    private static final String[] CART = {"slider"};
    private static final String[] POLE = {"pole"};

    private final int slider;
    private final int hinge;
    private final double angleLimitRad;
    private final double positionLimitM;
    private final double initialRange;

    private BalanceEnv(final TaskSpec spec, final double angleLimitRad, final double positionLimitM,
        final double initialRange) {
        super(spec);
        this.slider = spec.plant().jointIndex("slider");
        this.hinge = spec.plant().jointIndex("hinge");
        this.angleLimitRad = angleLimitRad;
        this.positionLimitM = positionLimitM;
        this.initialRange = initialRange;
    }

    /**
     * The cart-pole of {@code robots/cartpole.yaml} (1 kg cart, 0.1 kg pole 1 m long, the description's friction):
     * force in [−10, 10] N, 0.02 s steps, terminated beyond 12° or 2.4 m, truncated after 500 steps.
     *
     * @param adversaryBoundN bound on each adversary force component (N).
     * @param refinement      substeps per step, as a multiple of the default 4 (1 for training).
     * @return the environment.
     */
    static BalanceEnv cartPole(final double adversaryBoundN, final int refinement) {
        final Plant plant = new CartPolePlant();
        setParameter(plant, "slider_coulomb_n", 0.005);
        setParameter(plant, "hinge_viscous_nm_s_per_rad", 0.000002);
        return new BalanceEnv(new TaskSpec(CARTPOLE, plant, 4, CART, new double[] {10.0}, new double[] {1.0}, POLE,
            adversaryBoundN, 0.02, 4 * refinement, 500, "robots/cartpole.yaml"), Math.toRadians(12.0), 2.4, 0.05);
    }

    /**
     * MuJoCo's inverted pendulum ({@link InvertedPendulumPlant}): ctrl in [−3, 3] times gear 100 N on the cart,
     * 0.04 s steps, terminated beyond 0.2 rad or beyond the slider's ±1 m range, truncated after 1000 steps.
     *
     * @param adversaryBoundN bound on each adversary force component (N).
     * @param refinement      substeps per step, as a multiple of the default 8 (1 for training).
     * @return the environment.
     */
    static BalanceEnv invertedPendulum(final double adversaryBoundN, final int refinement) {
        return new BalanceEnv(new TaskSpec(INVERTED_PENDULUM, new InvertedPendulumPlant(), 4, CART,
            new double[] {3.0}, new double[] {100.0}, POLE, adversaryBoundN, 0.04, 8 * refinement, 1000,
            "robots/inverted_pendulum.yaml"), 0.2, 1.0, 0.01);
    }

    @Override
    void drawInitialState(final SplitMix64 generator, final double[] positions, final double[] velocities) {
        positions[slider] = generator.uniform(-initialRange, initialRange);
        positions[hinge] = generator.uniform(-initialRange, initialRange);
        velocities[slider] = generator.uniform(-initialRange, initialRange);
        velocities[hinge] = generator.uniform(-initialRange, initialRange);
    }

    @Override
    void observe(final double[] observation) {
        final Plant plant = plant();
        observation[0] = plant.q(slider);
        observation[1] = plant.q(hinge);
        observation[2] = plant.qd(slider);
        observation[3] = plant.qd(hinge);
    }

    @Override
    boolean isTerminal() {
        final Plant plant = plant();
        return Math.abs(plant.q(hinge)) > angleLimitRad || Math.abs(plant.q(slider)) > positionLimitM;
    }

    @Override
    double reward(final double[] action, final boolean terminated) {
        return terminated ? 0.0 : 1.0;
    }
}
