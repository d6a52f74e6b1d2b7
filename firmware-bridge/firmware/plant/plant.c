/*
 * The simulated plants of plant.h, integrated with classic fourth-order Runge-Kutta at a fixed step.
 *
 * Cart-pole: the equations of hal's CartPoleDynamics / CartPolePlant (Barto, Sutton and Anderson's cart-pole as
 * corrected by Florian, 2007, from the Lagrangian), q0 = x the cart (m), q1 = theta the pole from upright (rad):
 *
 *   [ M + m        m l cos th ] [x'' ]   [ -m l sin th th'^2 ]   [ F - F_c tanh(x' / eps) ]
 *   [ m l cos th   I + m l^2  ] [th''] + [ -m g l sin th     ] = [ -b th'                 ]
 *
 * with I = m l^2 / 3 (a uniform rod of length 2 l). Motors: J q'' = tau - b q' per joint.
 */
#include <math.h>
#include <string.h>

#include "plant.h"

#define CARTPOLE_JOINTS 2u
#define STATE_MAX (2u * PLANT_MAX_JOINTS)

/* robots/cartpole.yaml sim.parameters */
#define CARTPOLE_CART_MASS_KG 1.0
#define CARTPOLE_POLE_MASS_KG 0.1
#define CARTPOLE_POLE_HALF_LENGTH_M 0.5
#define CARTPOLE_GRAVITY_M_PER_S2 9.8
#define CARTPOLE_SLIDER_COULOMB_N 0.005
#define CARTPOLE_HINGE_VISCOUS_NM_S_PER_RAD 0.000002
/* hal PlantJoint.DEFAULT_COULOMB_SMOOTHING */
#define CARTPOLE_COULOMB_SMOOTHING_M_PER_S 0.01

static double pole_inertia_kg_m2(const struct plant *p)
{
    return p->pole_mass_kg * p->pole_half_length_m * p->pole_half_length_m / 3.0;
}

/* y = positions then velocities (2 n values); dy receives their derivatives. */
static void cartpole_derivative(const struct plant *p, const double *y, double *dy)
{
    const double m = p->pole_mass_kg;
    const double l = p->pole_half_length_m;
    const double sin_theta = sin(y[1]);
    const double cos_theta = cos(y[1]);
    const double cart_velocity = y[2];
    const double pole_velocity = y[3];
    const double a = p->cart_mass_kg + m;
    const double b = m * l * cos_theta;
    const double d = pole_inertia_kg_m2(p) + m * l * l;
    const double friction0 = p->slider_coulomb_n * tanh(cart_velocity / p->coulomb_smoothing_m_per_s);
    const double force0 = (double)p->effort[0] - friction0 + m * l * sin_theta * pole_velocity * pole_velocity;
    const double force1 = -p->hinge_viscous * pole_velocity + m * p->gravity_m_per_s2 * l * sin_theta;
    const double determinant = a * d - b * b;
    dy[0] = cart_velocity;
    dy[1] = pole_velocity;
    dy[2] = (d * force0 - b * force1) / determinant;
    dy[3] = (a * force1 - b * force0) / determinant;
}

static void motors_derivative(const struct plant *p, const double *y, double *dy)
{
    const uint8_t n = p->joint_count;
    for (uint8_t i = 0; i < n; i++) {
        dy[i] = y[n + i];
        dy[n + i] = ((double)p->effort[i] - p->damping * y[n + i]) / p->inertia;
    }
}

static void derivative(const struct plant *p, const double *y, double *dy)
{
    if (p->kind == PLANT_CARTPOLE) {
        cartpole_derivative(p, y, dy);
    } else {
        motors_derivative(p, y, dy);
    }
}

static void reset(struct plant *p, enum plant_kind kind, uint8_t joints, double step_s)
{
    memset(p, 0, sizeof *p);
    p->kind = kind;
    p->joint_count = joints;
    p->step_s = step_s;
}

void plant_init_cartpole(struct plant *p, double initial_angle_rad, double step_s)
{
    reset(p, PLANT_CARTPOLE, CARTPOLE_JOINTS, step_s);
    p->q[1] = initial_angle_rad;
    p->cart_mass_kg = CARTPOLE_CART_MASS_KG;
    p->pole_mass_kg = CARTPOLE_POLE_MASS_KG;
    p->pole_half_length_m = CARTPOLE_POLE_HALF_LENGTH_M;
    p->gravity_m_per_s2 = CARTPOLE_GRAVITY_M_PER_S2;
    p->slider_coulomb_n = CARTPOLE_SLIDER_COULOMB_N;
    p->hinge_viscous = CARTPOLE_HINGE_VISCOUS_NM_S_PER_RAD;
    p->coulomb_smoothing_m_per_s = CARTPOLE_COULOMB_SMOOTHING_M_PER_S;
}

void plant_init_motors(struct plant *p, uint8_t count, double inertia, double damping, double step_s)
{
    reset(p, PLANT_MOTORS, count > PLANT_MAX_JOINTS ? (uint8_t)PLANT_MAX_JOINTS : count, step_s);
    p->inertia = inertia;
    p->damping = damping;
}

void plant_step(struct plant *p)
{
    if (p->held) {
        return;
    }
    const uint8_t n = p->joint_count;
    const unsigned size = 2u * n;
    const double h = p->step_s;
    double y[STATE_MAX] = {0};
    double stage[STATE_MAX] = {0};
    double k1[STATE_MAX] = {0};
    double k2[STATE_MAX] = {0};
    double k3[STATE_MAX] = {0};
    double k4[STATE_MAX] = {0};
    for (uint8_t i = 0; i < n; i++) {
        y[i] = p->q[i];
        y[n + i] = p->qd[i];
    }
    derivative(p, y, k1);
    for (unsigned i = 0; i < size; i++) {
        stage[i] = y[i] + 0.5 * h * k1[i];
    }
    derivative(p, stage, k2);
    for (unsigned i = 0; i < size; i++) {
        stage[i] = y[i] + 0.5 * h * k2[i];
    }
    derivative(p, stage, k3);
    for (unsigned i = 0; i < size; i++) {
        stage[i] = y[i] + h * k3[i];
    }
    derivative(p, stage, k4);
    const double sixth = h / 6.0;
    for (uint8_t i = 0; i < n; i++) {
        p->q[i] = y[i] + sixth * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
        p->qd[i] = y[n + i] + sixth * (k1[n + i] + 2.0 * (k2[n + i] + k3[n + i]) + k4[n + i]);
    }
}

double plant_energy(const struct plant *p)
{
    if (p->kind == PLANT_CARTPOLE) {
        const double m = p->pole_mass_kg;
        const double l = p->pole_half_length_m;
        const double cart_velocity = p->qd[0];
        const double pole_velocity = p->qd[1];
        const double kinetic = 0.5 * (p->cart_mass_kg + m) * cart_velocity * cart_velocity
            + m * l * cos(p->q[1]) * cart_velocity * pole_velocity
            + 0.5 * (pole_inertia_kg_m2(p) + m * l * l) * pole_velocity * pole_velocity;
        return kinetic + m * p->gravity_m_per_s2 * l * cos(p->q[1]);
    }
    double kinetic = 0.0;
    for (uint8_t i = 0; i < p->joint_count; i++) {
        kinetic += 0.5 * p->inertia * p->qd[i] * p->qd[i];
    }
    return kinetic;
}
