package dev.sparring.hal.sim.plant;

import dev.sparring.hal.JointType;

import java.util.Arrays;

/**
 * A rigid-body plant with analytic equations of motion {@code M(q)q̈ + C(q,q̇)q̇ + G(q) = τ}, one generalized
 * coordinate per joint, integrated with a fixed step. The sim backend drives it through a robot description; the
 * trainer's environments drive it directly: set joint efforts and disturbance forces,
 * {@link #advance(double, int)}, read {@link #q(int)} / {@link #qd(int)}, change physical parameters between episodes,
 * {@link #reset(double[], double[])}.
 * <p>
 * <b>Generalized force.</b> At every derivative evaluation the plant builds
 * {@code τ = effort − friction(q̇) + Σ_bodies J_bᵀ(q) F_b − (C(q,q̇)q̇ + G(q))} and solves {@code M(q)q̈ = τ} (a
 * Cholesky factorisation of the small symmetric positive-definite mass matrix in preallocated scratch).
 * <ul>
 *   <li>Efforts ({@link #setJointEffort(int, double)}) act on actuated joints only and are held until changed.</li>
 *   <li>Joint friction, per joint: viscous {@code b·q̇} plus Coulomb {@code F_c·tanh(q̇/ε)}, with the sign function
 *       smoothed by {@code tanh} so the right-hand side stays smooth for the integrator; near rest it acts as extra
 *       viscous damping {@code F_c/ε}, well above {@code |q̇| = 3ε} it is within 0.5 % of {@code F_c}. The three
 *       coefficients are parameters named after the joint (units follow its type): {@code <joint>_viscous_n_s_per_m},
 *       {@code <joint>_coulomb_n}, {@code <joint>_coulomb_smoothing_m_per_s} for a prismatic joint and
 *       {@code <joint>_viscous_nm_s_per_rad}, {@code <joint>_coulomb_nm}, {@code <joint>_coulomb_smoothing_rad_per_s}
 *       for a revolute one.</li>
 *   <li>Disturbance: each named body has one documented application point; a planar force {@code (fx, fy)} in N,
 *       world frame, in the plane of motion, enters as {@code J_bᵀ F} where {@code J_b} is the 2×n Jacobian of that
 *       point's world position. It is held across steps until changed; {@link #reset(double[], double[])} clears
 *       it.</li>
 * </ul>
 * <b>Integrator.</b> Classic fourth-order Runge–Kutta with a fixed step. It is explicit with a fixed cost of four
 * derivative evaluations and no iteration, so a step takes the same time every tick, never allocates (the four stage
 * buffers are preallocated) and gives bit-identical results for identical inputs. Its local error is
 * {@code O(h⁵)}: at the 0.25–1 ms steps used here, energy drift of an undamped pendulum stays far below 0.1 % over
 * minutes, which a first- or second-order scheme (Euler, semi-implicit Euler) would need a far smaller step for. It
 * handles the velocity-dependent friction terms that symplectic schemes do not, and it is the integrator MuJoCo's
 * InvertedPendulum asset selects, so both simulators solve the same equations the same way. Inputs (efforts,
 * disturbances) are held constant over a step (zero-order hold).
 * <p>
 * <b>Sensor channels.</b> Every body's application point also yields two channels, {@code <body>_x} and
 * {@code <body>_y}: its world position in metres.
 * <p>
 * <b>Parameters</b> are addressed by index, resolved once from their name with {@link #parameterIndex(String)}; masses
 * and lengths must be &gt; 0, gravity and friction coefficients &gt;= 0, smoothing speeds &gt; 0.
 * <p>
 * A plant is not thread-safe; stepping, reading and setting are allocation-free.
 */
public abstract class Plant {
    private final String kind;
    private final int dof;
    private final String[] jointNames;
    private final JointType[] jointTypes;
    private final boolean[] actuated;
    private final String[] bodyNames;
    private final String[] channelNames;
    private final String[] parameterNames;
    private final boolean[] parameterZeroAllowed;
    private final double[] parameters;
    private final int[] viscousIndex;
    private final int[] coulombIndex;
    private final int[] smoothingIndex;

    private final double[] state;
    private final double[] efforts;
    private final double[] forceXN;
    private final double[] forceYN;

    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] stage;
    private final double[] probe;
    private final double[] massMatrix;
    private final double[] generalizedForce;
    private final double[] bias;
    private final double[] jacobianX;
    private final double[] jacobianY;

    /**
     * @param kind       the plant's name, as a description's {@code sim.plant} spells it.
     * @param joints     the joints, in coordinate order.
     * @param bodyNames  names of the bodies that take a disturbance force, in index order.
     * @param parameters the plant's own parameters (friction parameters are appended per joint).
     */
    Plant(final String kind, final PlantJoint[] joints, final String[] bodyNames, final PlantParameter[] parameters) {
        this.kind = kind;
        this.dof = joints.length;
        this.jointNames = new String[dof];
        this.jointTypes = new JointType[dof];
        this.actuated = new boolean[dof];
        this.bodyNames = bodyNames.clone();
        this.channelNames = new String[2 * bodyNames.length];
        for (int b = 0; b < bodyNames.length; b++) {
            channelNames[2 * b] = bodyNames[b] + "_x";
            channelNames[2 * b + 1] = bodyNames[b] + "_y";
        }
        final int count = parameters.length + 3 * dof;
        this.parameterNames = new String[count];
        this.parameterZeroAllowed = new boolean[count];
        this.parameters = new double[count];
        this.viscousIndex = new int[dof];
        this.coulombIndex = new int[dof];
        this.smoothingIndex = new int[dof];
        int p = 0;
        for (final PlantParameter parameter : parameters) {
            define(p++, parameter);
        }
        for (int i = 0; i < dof; i++) {
            final PlantJoint joint = joints[i];
            jointNames[i] = joint.name();
            jointTypes[i] = joint.type();
            actuated[i] = joint.actuated();
            final boolean revolute = joint.type() == JointType.REVOLUTE;
            viscousIndex[i] = p;
            define(p++, PlantParameter.nonNegative(joint.name() + (revolute ? "_viscous_nm_s_per_rad"
                : "_viscous_n_s_per_m"), joint.viscous()));
            coulombIndex[i] = p;
            define(p++, PlantParameter.nonNegative(joint.name() + (revolute ? "_coulomb_nm" : "_coulomb_n"),
                joint.coulomb()));
            smoothingIndex[i] = p;
            define(p++, PlantParameter.positive(joint.name() + (revolute ? "_coulomb_smoothing_rad_per_s"
                : "_coulomb_smoothing_m_per_s"), PlantJoint.DEFAULT_COULOMB_SMOOTHING));
        }
        this.state = new double[2 * dof];
        this.efforts = new double[dof];
        this.forceXN = new double[bodyNames.length];
        this.forceYN = new double[bodyNames.length];
        this.k1 = new double[2 * dof];
        this.k2 = new double[2 * dof];
        this.k3 = new double[2 * dof];
        this.k4 = new double[2 * dof];
        this.stage = new double[2 * dof];
        this.probe = new double[2 * dof];
        this.massMatrix = new double[dof * dof];
        this.generalizedForce = new double[dof];
        this.bias = new double[dof];
        this.jacobianX = new double[dof];
        this.jacobianY = new double[dof];
    }

    /**
     * @return the plant's name ({@code pendulum}, {@code cartpole}, {@code two_link_arm}, {@code inverted_pendulum}).
     */
    public final String kind() {
        return kind;
    }

    /**
     * @return number of joints (generalized coordinates).
     */
    public final int dof() {
        return dof;
    }

    /**
     * @param joint joint index.
     * @return the joint's name.
     */
    public final String jointName(final int joint) {
        return jointNames[joint];
    }

    /**
     * @param joint joint index.
     * @return whether the joint is revolute (rad) or prismatic (m).
     */
    public final JointType jointType(final int joint) {
        return jointTypes[joint];
    }

    /**
     * @param joint joint index.
     * @return whether an effort can be applied at the joint (false for a free hinge such as a cart-pole's pole).
     */
    public final boolean isActuated(final int joint) {
        return actuated[joint];
    }

    /**
     * @param joint joint index.
     * @return the joint's position (rad or m).
     */
    public final double q(final int joint) {
        return state[joint];
    }

    /**
     * @param joint joint index.
     * @return the joint's velocity (rad/s or m/s).
     */
    public final double qd(final int joint) {
        return state[dof + joint];
    }

    /**
     * Sets the effort applied at an actuated joint from now on (held across steps until changed).
     *
     * @param joint  joint index.
     * @param effort torque (N·m) or force (N).
     * @throws IllegalArgumentException when the joint is passive.
     */
    public final void setJointEffort(final int joint, final double effort) {
        if (!actuated[joint]) {
            throw new IllegalArgumentException("plant " + kind + " joint '" + jointNames[joint] + "' is passive");
        }
        efforts[joint] = effort;
    }

    /**
     * @param joint joint index.
     * @return the effort currently applied at the joint (N·m or N).
     */
    public final double jointEffort(final int joint) {
        return efforts[joint];
    }

    /**
     * @param name a body name.
     * @return its index.
     * @throws IllegalArgumentException naming the plant's bodies when there is none of that name.
     */
    public final int bodyIndex(final String name) {
        return indexOf(bodyNames, name, "body");
    }

    /**
     * Sets the planar disturbance force on a body's application point from now on (held until changed).
     *
     * @param body body index.
     * @param fxN  force along the world x axis (N).
     * @param fyN  force along the world y axis (N); y is up where the plant has gravity.
     */
    public final void setDisturbanceForce(final int body, final double fxN, final double fyN) {
        forceXN[body] = fxN;
        forceYN[body] = fyN;
    }

    /**
     * @param body body index.
     * @return the disturbance force along x (N) on the body.
     */
    public final double disturbanceForceXN(final int body) {
        return forceXN[body];
    }

    /**
     * @param body body index.
     * @return the disturbance force along y (N) on the body.
     */
    public final double disturbanceForceYN(final int body) {
        return forceYN[body];
    }

    /**
     * @return number of sensor channels (two per body).
     */
    public final int channelCount() {
        return channelNames.length;
    }

    /**
     * @param channel channel index.
     * @return the channel's name, {@code <body>_x} or {@code <body>_y}.
     */
    public final String channelName(final int channel) {
        return channelNames[channel];
    }

    /**
     * @param name a channel name.
     * @return its index.
     * @throws IllegalArgumentException naming the plant's channels when there is none of that name.
     */
    public final int channelIndex(final String name) {
        return indexOf(channelNames, name, "sensor channel");
    }

    /**
     * @param channel channel index.
     * @return the channel's value at the current state: a world coordinate (m) of a body's application point.
     */
    public final double channel(final int channel) {
        final int body = channel >> 1;
        return (channel & 1) == 0 ? pointX(body, state) : pointY(body, state);
    }

    /**
     * @return number of parameters.
     */
    public final int parameterCount() {
        return parameters.length;
    }

    /**
     * @param index parameter index.
     * @return the parameter's name, with its unit.
     */
    public final String parameterName(final int index) {
        return parameterNames[index];
    }

    /**
     * @param name a parameter name.
     * @return its index, to keep for {@link #parameter(int)} and {@link #setParameter(int, double)}.
     * @throws IllegalArgumentException naming the plant's parameters when there is none of that name.
     */
    public final int parameterIndex(final String name) {
        return indexOf(parameterNames, name, "parameter");
    }

    /**
     * @param index parameter index.
     * @return the parameter's value.
     */
    public final double parameter(final int index) {
        return parameters[index];
    }

    /**
     * Changes a physical parameter; takes effect at the next derivative evaluation.
     *
     * @param index parameter index.
     * @param value the new value.
     * @throws IllegalArgumentException naming the parameter when the value is not finite or out of range.
     */
    public final void setParameter(final int index, final double value) {
        final boolean zeroAllowed = parameterZeroAllowed[index];
        if (!Double.isFinite(value) || (zeroAllowed ? value < 0 : value <= 0)) {
            throw new IllegalArgumentException("plant " + kind + " parameter '" + parameterNames[index] + "' must be "
                + (zeroAllowed ? "finite and >= 0" : "finite and > 0") + ", was " + value);
        }
        parameters[index] = value;
    }

    /**
     * Puts the plant in a given state and clears efforts and disturbance forces; parameters are kept.
     *
     * @param positions joint positions (rad or m), one per joint.
     * @param velocities joint velocities (rad/s or m/s), one per joint.
     * @throws IllegalArgumentException when a length is wrong or a value is not finite.
     */
    public final void reset(final double[] positions, final double[] velocities) {
        if (positions.length != dof || velocities.length != dof) {
            throw new IllegalArgumentException("plant " + kind + " has " + dof + " joints but " + positions.length
                + " positions and " + velocities.length + " velocities were given");
        }
        for (int i = 0; i < dof; i++) {
            if (!Double.isFinite(positions[i]) || !Double.isFinite(velocities[i])) {
                throw new IllegalArgumentException("plant " + kind + " joint '" + jointNames[i]
                    + "' state must be finite, was " + positions[i] + ", " + velocities[i]);
            }
            state[i] = positions[i];
            state[dof + i] = velocities[i];
        }
        Arrays.fill(efforts, 0.0);
        Arrays.fill(forceXN, 0.0);
        Arrays.fill(forceYN, 0.0);
    }

    /**
     * Advances the plant by one fourth-order Runge–Kutta step, holding efforts and disturbances constant.
     *
     * @param stepS the step (s), &gt; 0.
     */
    public final void step(final double stepS) {
        final int n = 2 * dof;
        final double[] y = state;
        final double half = 0.5 * stepS;
        derivative(y, k1);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + half * k1[i];
        }
        derivative(stage, k2);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + half * k2[i];
        }
        derivative(stage, k3);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + stepS * k3[i];
        }
        derivative(stage, k4);
        final double sixth = stepS / 6.0;
        for (int i = 0; i < n; i++) {
            y[i] += sixth * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
        }
    }

    /**
     * Advances the plant by {@code steps} fixed steps of {@code stepS} each (a trainer's substeps per action).
     *
     * @param stepS the integrator step (s), &gt; 0.
     * @param steps how many steps to take.
     */
    public final void advance(final double stepS, final int steps) {
        for (int s = 0; s < steps; s++) {
            step(stepS);
        }
    }

    /**
     * Evaluates the equations of motion at a given state with the current efforts, disturbances and parameters,
     * without changing the plant's state (for linearisation and model-based methods).
     *
     * @param positions  joint positions.
     * @param velocities joint velocities.
     * @param accelerationsOut receives the joint accelerations (rad/s² or m/s²).
     */
    public final void accelerations(final double[] positions, final double[] velocities,
        final double[] accelerationsOut) {
        for (int i = 0; i < dof; i++) {
            probe[i] = positions[i];
            probe[dof + i] = velocities[i];
        }
        derivative(probe, k1);
        System.arraycopy(k1, dof, accelerationsOut, 0, dof);
    }

    /**
     * @return kinetic energy {@code ½ q̇ᵀ M(q) q̇} (J).
     */
    public final double kineticEnergy() {
        massMatrix(state, massMatrix);
        double twiceEnergy = 0;
        for (int r = 0; r < dof; r++) {
            double row = 0;
            for (int c = 0; c < dof; c++) {
                row += massMatrix[r * dof + c] * state[dof + c];
            }
            twiceEnergy += state[dof + r] * row;
        }
        return 0.5 * twiceEnergy;
    }

    /**
     * @return gravitational potential energy (J), relative to the reference documented by each plant.
     */
    public final double potentialEnergy() {
        return potential(state);
    }

    /**
     * @return total mechanical energy, kinetic plus potential (J).
     */
    public final double energy() {
        return kineticEnergy() + potentialEnergy();
    }

    /**
     * Fills the joint-space mass matrix {@code M(q)}, row-major {@code dof × dof}.
     *
     * @param y   state: positions in {@code [0, dof)}, velocities in {@code [dof, 2·dof)}.
     * @param out the matrix.
     */
    abstract void massMatrix(double[] y, double[] out);

    /**
     * Fills the bias forces {@code C(q,q̇)q̇ + G(q)}: Coriolis, centrifugal and gravity terms.
     *
     * @param y   state.
     * @param out one value per joint.
     */
    abstract void biasForces(double[] y, double[] out);

    /**
     * @param y state.
     * @return gravitational potential energy (J).
     */
    abstract double potential(double[] y);

    /**
     * @param body body index.
     * @param y    state.
     * @return world x (m) of the body's application point.
     */
    abstract double pointX(int body, double[] y);

    /**
     * @param body body index.
     * @param y    state.
     * @return world y (m) of the body's application point.
     */
    abstract double pointY(int body, double[] y);

    /**
     * Fills the Jacobian of the body's application point: {@code ∂x/∂q} and {@code ∂y/∂q}.
     *
     * @param body body index.
     * @param y    state.
     * @param jx   one value per joint.
     * @param jy   one value per joint.
     */
    abstract void pointJacobian(int body, double[] y, double[] jx, double[] jy);

    private void derivative(final double[] y, final double[] dy) {
        final int n = dof;
        final double[] tau = generalizedForce;
        for (int i = 0; i < n; i++) {
            final double velocity = y[n + i];
            dy[i] = velocity;
            tau[i] = efforts[i] - parameters[viscousIndex[i]] * velocity
                - parameters[coulombIndex[i]] * Math.tanh(velocity / parameters[smoothingIndex[i]]);
        }
        for (int b = 0; b < forceXN.length; b++) {
            final double fx = forceXN[b];
            final double fy = forceYN[b];
            if (fx != 0.0 || fy != 0.0) {
                pointJacobian(b, y, jacobianX, jacobianY);
                for (int i = 0; i < n; i++) {
                    tau[i] += jacobianX[i] * fx + jacobianY[i] * fy;
                }
            }
        }
        biasForces(y, bias);
        for (int i = 0; i < n; i++) {
            tau[i] -= bias[i];
        }
        massMatrix(y, massMatrix);
        solveSymmetricPositiveDefinite(massMatrix, tau, n);
        System.arraycopy(tau, 0, dy, n, n);
    }

    /**
     * Solves {@code A x = b} in place by Cholesky factorisation ({@code A = L Lᵀ}, L stored in A's lower triangle).
     */
    private static void solveSymmetricPositiveDefinite(final double[] a, final double[] b, final int n) {
        for (int j = 0; j < n; j++) {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j * n + k] * a[j * n + k];
            }
            final double pivot = Math.sqrt(diagonal);
            a[j * n + j] = pivot;
            for (int i = j + 1; i < n; i++) {
                double value = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    value -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = value / pivot;
            }
        }
        for (int i = 0; i < n; i++) {
            double value = b[i];
            for (int k = 0; k < i; k++) {
                value -= a[i * n + k] * b[k];
            }
            b[i] = value / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double value = b[i];
            for (int k = i + 1; k < n; k++) {
                value -= a[k * n + i] * b[k];
            }
            b[i] = value / a[i * n + i];
        }
    }

    private void define(final int index, final PlantParameter parameter) {
        parameterNames[index] = parameter.name();
        parameterZeroAllowed[index] = parameter.zeroAllowed();
        setParameter(index, parameter.defaultValue());
    }

    private int indexOf(final String[] names, final String name, final String what) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("plant " + kind + " has no " + what + " named '" + name + "'; it has "
            + Arrays.toString(names));
    }
}
