/*
 * Simulated joints for the boards that have no motors: the host build and the STM32 build under QEMU. Portable C11,
 * no allocation, no OS. A board steps its plant to its own clock in fixed steps and applies the efforts the firmware
 * core asks for (board.h).
 */
#ifndef SPARRING_PLANT_H
#define SPARRING_PLANT_H

#include <stdint.h>

#define PLANT_MAX_JOINTS 8u

enum plant_kind {
    PLANT_CARTPOLE = 0, /* joint 0 the cart on its rail (effort = force, N), joint 1 the pole's free hinge (rad) */
    PLANT_MOTORS = 1    /* independent joints: J q'' = tau - b q' (a motor and its load, per joint) */
};

struct plant {
    enum plant_kind kind;
    uint8_t joint_count;
    double step_s;                       /* fixed integration step (RK4) */
    double q[PLANT_MAX_JOINTS];
    double qd[PLANT_MAX_JOINTS];
    float effort[PLANT_MAX_JOINTS];      /* applied, as the actuators deliver it */
    /* cart-pole parameters (robots/cartpole.yaml); the slider's Coulomb friction is F_c tanh(v / smoothing), as the
     * Java plant's (hal RigidBodyPlant), the hinge's friction viscous (N m s/rad) */
    double cart_mass_kg, pole_mass_kg, pole_half_length_m, gravity_m_per_s2, slider_coulomb_n, hinge_viscous;
    double coulomb_smoothing_m_per_s;
    /* motors: inertia and viscous friction per joint */
    double inertia, damping;
    /* while set, plant_step leaves the state as it is: a hand holding the robot at its start state until the
     * controller takes over (0 after init) */
    uint8_t held;
};

/* A cart-pole with robots/cartpole.yaml's parameters, pole at initial_angle_rad, stepped every step_s. */
void plant_init_cartpole(struct plant *p, double initial_angle_rad, double step_s);

/* count independent motor joints (inertia kg m^2, damping N m s/rad), at rest at 0. */
void plant_init_motors(struct plant *p, uint8_t count, double inertia, double damping, double step_s);

/* Advances by one fixed step with the efforts last applied (effort[]; the cart-pole's hinge is passive and ignores
 * effort[1]). */
void plant_step(struct plant *p);

/* Total mechanical energy (J): the physics tests' invariant when friction is zero. */
double plant_energy(const struct plant *p);

#endif
