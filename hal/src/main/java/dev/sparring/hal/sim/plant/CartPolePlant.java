package dev.sparring.hal.sim.plant;

/**
 * The classic cart-pole with a continuous force on the cart: a uniform rod of length {@code 2l} (moment of inertia
 * {@code m l²/3} about its centre) on a hinge on a cart, equations in {@link CartPoleDynamics} (the corrected
 * Barto/Florian equations, from the Lagrangian).
 * <p>
 * Joints {@code slider} (prismatic, actuated) and {@code hinge} (revolute, passive, 0 upright). Bodies {@code cart}
 * and {@code pole} (force at the pole's centre of mass). Parameters and defaults (Barto, Sutton and Anderson 1983):
 * {@code cart_mass_kg} 1.0, {@code pole_mass_kg} 0.1, {@code pole_half_length_m} 0.5, {@code gravity_m_per_s2} 9.8,
 * friction of both joints 0.
 */
public final class CartPolePlant extends CartPoleDynamics {
    /** Plant name in descriptions. */
    public static final String KIND = "cartpole";

    /** Creates the cart-pole with its default parameters, at rest upright. */
    public CartPolePlant() {
        super(KIND, slider(0.0), hinge(0.0), 1.0, 0.1, 0.5, 9.8, new PlantParameter[0]);
    }

    @Override
    double poleInertiaKgM2() {
        final double length = parameter(POLE_HALF_LENGTH);
        return parameter(POLE_MASS) * length * length / 3.0;
    }
}
