/*
 * The simulated plants against closed forms and against the Java plant they port (hal CartPolePlant).
 */
#include <math.h>

#include "check.h"
#include "plant.h"
#include "tests.h"

#define STEP_S 250e-6
#define STEPS_PER_S 4000

static void advance(struct plant *p, unsigned steps)
{
    for (unsigned i = 0; i < steps; i++) {
        plant_step(p);
    }
}

static void frictionless(struct plant *p)
{
    p->slider_coulomb_n = 0.0;
    p->hinge_viscous = 0.0;
}

/* The pole swings through the bottom and back for 10 s: with friction zeroed energy is conserved up to RK4's
 * truncation error. Measured: 2.2e-14 J of 0.265 J at a 250 us step (this machine); bound 1e-12 J. */
static void cartpole_conserves_energy_without_friction(void)
{
    struct plant p;
    plant_init_cartpole(&p, 1.0, STEP_S);
    frictionless(&p);
    const double initial = plant_energy(&p);
    double worst = 0.0;
    for (unsigned i = 0; i < 10u * STEPS_PER_S; i++) {
        plant_step(&p);
        worst = fmax(worst, fabs(plant_energy(&p) - initial));
    }
    CHECK(fabs(p.q[1]) > 0.0);
    CHECK(worst < 1e-12);
    CHECK_NEAR(initial, 0.1 * 9.8 * 0.5 * cos(1.0), 1e-15);
}

/*
 * Small angles, no friction, no force: linearising M(q) q'' + bias = 0 about theta = 0 gives
 *   (M + m) x'' + m l th'' = 0   and   m l x'' + (4/3) m l^2 th'' = m g l th,
 * so th'' = lambda^2 th with lambda^2 = g (M + m) / (l (4/3 M + 1/3 m)) (Florian 2007, eq. 23-24 with F = 0), i.e.
 * th(t) = th0 cosh(lambda t) from rest, and (M + m) x + m l th is constant: x(t) = -(m l / (M + m)) (th(t) - th0).
 * At th0 = 1e-6 rad the neglected terms are O(th^3); measured relative error 3e-11 after 1 s, bound 1e-8.
 */
static void cartpole_falls_at_the_linearised_rate(void)
{
    const double theta0 = 1e-6;
    struct plant p;
    plant_init_cartpole(&p, theta0, STEP_S);
    frictionless(&p);
    const double big_m = p.cart_mass_kg;
    const double m = p.pole_mass_kg;
    const double l = p.pole_half_length_m;
    const double lambda = sqrt(p.gravity_m_per_s2 * (big_m + m) / (l * (4.0 / 3.0 * big_m + m / 3.0)));
    advance(&p, STEPS_PER_S);
    const double expected = theta0 * cosh(lambda * 1.0);
    CHECK_NEAR(p.q[1], expected, 1e-8 * expected);
    CHECK_NEAR(p.qd[1], theta0 * lambda * sinh(lambda * 1.0), 1e-8 * expected * lambda);
    CHECK_NEAR(p.q[0], -(m * l / (big_m + m)) * (expected - theta0), 1e-8 * expected);
}

/*
 * Reference numbers from the Java plant: hal's CartPolePlant with slider_coulomb_n 0.005 and
 * hinge_viscous_nm_s_per_rad 0.000002 (robots/cartpole.yaml), setTimestepS(250e-6), reset to (0, 0.05) at rest,
 * setJointEffort(0, 1.0) and advance(2000), then setJointEffort(0, -2.0) and advance(2000), printing q and qd with
 * %.17g (a throwaway javac/java program against hal/target/classes, JDK 25, at commit 43cea21).
 */
static void cartpole_agrees_with_the_java_plant(void)
{
    struct plant p;
    plant_init_cartpole(&p, 0.05, STEP_S);
    p.effort[0] = 1.0f;
    advance(&p, 2000);
    CHECK_NEAR(p.q[0], 0.11828864257793603, 1e-12);
    CHECK_NEAR(p.q[1], -0.064550792434081660, 1e-12);
    CHECK_NEAR(p.qd[0], 0.47950597086858130, 1e-12);
    CHECK_NEAR(p.qd[1], -0.59964086230768900, 1e-12);
    p.effort[0] = -2.0f;
    advance(&p, 2000);
    CHECK_NEAR(p.q[0], 0.12643806119940482, 1e-12);
    CHECK_NEAR(p.q[1], -0.27860988168492370, 1e-12);
    CHECK_NEAR(p.qd[0], -0.43386555591616660, 1e-12);
    CHECK_NEAR(p.qd[1], -0.52591173006776490, 1e-12);
}

static void cartpole_hinge_ignores_effort(void)
{
    struct plant a;
    struct plant b;
    plant_init_cartpole(&a, 0.05, STEP_S);
    plant_init_cartpole(&b, 0.05, STEP_S);
    b.effort[1] = 5.0f;
    advance(&a, 400);
    advance(&b, 400);
    CHECK(a.q[1] == b.q[1] && a.qd[1] == b.qd[1]);
}

/* J q'' = tau - b q' from rest under a constant tau: q'(t) = (tau/b)(1 - e^(-b t/J)),
 * q(t) = (tau/b)(t - (J/b)(1 - e^(-b t/J))). */
static void motors_follow_the_first_order_closed_form(void)
{
    const double inertia = 0.01;
    const double damping = 0.1;
    struct plant p;
    plant_init_motors(&p, 3, inertia, damping, STEP_S);
    p.effort[0] = 0.5f;
    p.effort[2] = -0.25f;
    advance(&p, STEPS_PER_S);
    const double decay = 1.0 - exp(-damping * 1.0 / inertia);
    CHECK_NEAR(p.qd[0], 0.5 / damping * decay, 1e-9);
    CHECK_NEAR(p.q[0], 0.5 / damping * (1.0 - inertia / damping * decay), 1e-9);
    CHECK_NEAR(p.qd[2], -0.25 / damping * decay, 1e-9);
    CHECK(p.q[1] == 0.0 && p.qd[1] == 0.0);
    CHECK_NEAR(plant_energy(&p), 0.5 * inertia * (p.qd[0] * p.qd[0] + p.qd[2] * p.qd[2]), 1e-15);
}

static void a_held_plant_stays_put_and_moves_once_released(void)
{
    struct plant held;
    struct plant free;
    plant_init_cartpole(&held, 0.05, STEP_S);
    plant_init_cartpole(&free, 0.05, STEP_S);
    held.held = 1u;
    held.effort[0] = 3.0f;
    advance(&held, 400);
    CHECK(held.q[0] == 0.0 && held.q[1] == 0.05 && held.qd[0] == 0.0 && held.qd[1] == 0.0);
    held.held = 0u;
    held.effort[0] = 0.0f;
    advance(&held, 400);
    advance(&free, 400);
    CHECK(held.q[1] == free.q[1] && held.qd[1] == free.qd[1]);
}

static void motors_are_capped_at_the_plant_maximum(void)
{
    struct plant p;
    plant_init_motors(&p, 200, 0.01, 0.1, STEP_S);
    CHECK_EQ(p.joint_count, PLANT_MAX_JOINTS);
}

void plant_tests(void)
{
    RUN(cartpole_conserves_energy_without_friction);
    RUN(cartpole_falls_at_the_linearised_rate);
    RUN(cartpole_agrees_with_the_java_plant);
    RUN(cartpole_hinge_ignores_effort);
    RUN(a_held_plant_stays_put_and_moves_once_released);
    RUN(motors_follow_the_first_order_closed_form);
    RUN(motors_are_capped_at_the_plant_maximum);
}
