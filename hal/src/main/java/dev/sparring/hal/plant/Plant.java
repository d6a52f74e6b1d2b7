package dev.sparring.hal.plant;

import dev.sparring.hal.JointType;

/**
 * A simulated robot's physics, whatever computes it (a pure-Java rigid-body plant, a MuJoCo model): what the trainer's
 * tasks, the robustness sweeps, the LQR designer and the simulated backends drive, so none of them binds to an engine.
 * <ul>
 *   <li><b>Coordinates.</b> One generalized position {@link #q(int)} and one velocity {@link #qd(int)} per joint, in
 *       joint order ({@link #dof()} of each); joints are revolute (rad) or prismatic (m), so a MuJoCo plant accepts
 *       hinge and slide joints only.</li>
 *   <li><b>Inputs</b>, held across steps until changed and cleared by {@link #reset}: an effort per actuated joint
 *       ({@link #setJointEffort}) and a planar disturbance force per named body ({@link #setDisturbanceForce}), in
 *       the plant's plane of motion, whose two axes each plant documents (x and y, y up, for the Java plants; x and z
 *       for a sagittal MuJoCo robot).</li>
 *   <li><b>Stepping.</b> {@link #advance(int)} takes whole steps of the plant's fixed {@link #timestepS()} with the
 *       inputs held (zero-order hold); an environment step or a control period is a whole number of them.</li>
 *   <li><b>State.</b> {@link #reset} writes positions and velocities; {@link #saveState}/{@link #restoreState} copy
 *       the whole dynamic state (everything but inputs and parameters that shapes the future) so that restoring it
 *       and applying the same inputs reproduces the same trajectory bit for bit.</li>
 *   <li><b>Parameters</b> (masses, lengths, friction, gravity, ...) by name with the unit in it, resolved once to an
 *       index; {@code setParameter(i, parameter(i))} restores a value exactly, so a sweep that saves the values it
 *       starts from puts the plant back bit for bit. Changes take effect at the next step.</li>
 *   <li><b>Sensor channels</b>: named scalar readings of the current state (body positions, MuJoCo sensors).</li>
 * </ul>
 * Names are resolved to indices once ({@link #jointIndex}, {@link #bodyIndex}, {@link #channelIndex},
 * {@link #parameterIndex}), whose errors list the names the plant has; every per-step call takes indices, allocates
 * nothing and throws nothing for valid arguments. A plant is not thread-safe.
 * <p>
 * <b>Ownership.</b> Whoever creates a plant owns it and closes it once done ({@link #close()}): a MuJoCo plant holds
 * native memory until then; the Java plants hold nothing and their close does nothing.
 */
public interface Plant extends AutoCloseable {
    /** @return the plant's name ({@code cartpole}, a MuJoCo model's name, ...). */
    String kind();

    /** @return the number of joints, and of positions and of velocities. */
    int dof();

    /**
     * @param joint joint index.
     * @return the joint's name.
     */
    String jointName(int joint);

    /**
     * @param name a joint name.
     * @return its index.
     * @throws IllegalArgumentException naming the plant's joints when there is none of that name.
     */
    int jointIndex(String name);

    /**
     * @param joint joint index.
     * @return whether the joint is revolute (rad) or prismatic (m).
     */
    JointType jointType(int joint);

    /**
     * @param joint joint index.
     * @return whether an effort can be applied at the joint (false for a free hinge such as a cart-pole's pole).
     */
    boolean isActuated(int joint);

    /**
     * @param joint joint index.
     * @return the joint's position (rad or m).
     */
    double q(int joint);

    /**
     * @param joint joint index.
     * @return the joint's velocity (rad/s or m/s).
     */
    double qd(int joint);

    /**
     * Puts the plant in a given state and clears efforts and disturbance forces; parameters are kept.
     *
     * @param positions  joint positions (rad or m), {@link #dof()} of them.
     * @param velocities joint velocities (rad/s or m/s), {@link #dof()} of them.
     * @throws IllegalArgumentException when a length is wrong or a value is not finite.
     */
    void reset(double[] positions, double[] velocities);

    /** @return the number of values {@link #saveState} writes. */
    int stateSize();

    /**
     * Copies the whole dynamic state out (positions and velocities first, then whatever else the engine integrates).
     *
     * @param state  the destination.
     * @param offset where the {@link #stateSize()} values start.
     */
    void saveState(double[] state, int offset);

    /**
     * Puts back a state saved by {@link #saveState} on a plant of the same kind and clears the inputs, as
     * {@link #reset} does.
     *
     * @param state  the source.
     * @param offset where the {@link #stateSize()} values start.
     * @throws IllegalArgumentException when a value is not finite.
     */
    void restoreState(double[] state, int offset);

    /**
     * Sets the effort applied at an actuated joint from now on.
     *
     * @param joint  joint index.
     * @param effort torque (N·m) or force (N).
     * @throws IllegalArgumentException when the joint is passive.
     */
    void setJointEffort(int joint, double effort);

    /**
     * @param joint joint index.
     * @return the effort currently applied at the joint (N·m or N).
     */
    double jointEffort(int joint);

    /**
     * @param name a body name.
     * @return its index, for {@link #setDisturbanceForce}.
     * @throws IllegalArgumentException naming the plant's bodies when there is none of that name.
     */
    int bodyIndex(String name);

    /**
     * Sets the planar disturbance force on a body from now on (where it acts on the body is the plant's to document).
     *
     * @param body body index.
     * @param fxN  force along the plane's first axis (N, world frame).
     * @param fyN  force along the plane's second axis (N, world frame; up where the plane is vertical).
     */
    void setDisturbanceForce(int body, double fxN, double fyN);

    /**
     * @param body body index.
     * @return the disturbance force along the plane's first axis (N).
     */
    double disturbanceForceXN(int body);

    /**
     * @param body body index.
     * @return the disturbance force along the plane's second axis (N).
     */
    double disturbanceForceYN(int body);

    /** @return the number of sensor channels. */
    int channelCount();

    /**
     * @param channel channel index.
     * @return the channel's name.
     */
    String channelName(int channel);

    /**
     * @param name a channel name.
     * @return its index.
     * @throws IllegalArgumentException naming the plant's channels when there is none of that name.
     */
    int channelIndex(String name);

    /**
     * @param channel channel index.
     * @return the channel's value at the current state, in the unit its name or the plant documents.
     */
    double channel(int channel);

    /** @return the number of physical parameters. */
    int parameterCount();

    /**
     * @param index parameter index.
     * @return the parameter's name, with its unit (e.g. {@code pole_mass_kg}).
     */
    String parameterName(int index);

    /**
     * @param name a parameter name.
     * @return its index, to keep for {@link #parameter(int)} and {@link #setParameter(int, double)}.
     * @throws IllegalArgumentException naming the plant's parameters when there is none of that name.
     */
    int parameterIndex(String name);

    /**
     * @param index parameter index.
     * @return the parameter's current value.
     */
    double parameter(int index);

    /**
     * Changes a physical parameter from the next step on; setting a value read by {@link #parameter} restores it
     * exactly.
     *
     * @param index parameter index.
     * @param value the new value.
     * @throws IllegalArgumentException naming the parameter when the value is not finite or out of its range.
     */
    void setParameter(int index, double value);

    /** @return the fixed step {@link #advance} takes (s). */
    double timestepS();

    /**
     * Changes the fixed step (MuJoCo: {@code opt.timestep}).
     *
     * @param stepS the step (s), finite and &gt; 0.
     * @throws IllegalArgumentException naming the plant when the step is not finite and &gt; 0.
     */
    void setTimestepS(double stepS);

    /**
     * Advances the plant by whole fixed steps, holding efforts and disturbances constant.
     *
     * @param steps how many steps of {@link #timestepS()} to take, &gt;= 0.
     */
    void advance(int steps);

    /**
     * Whether the simulation failed since the last {@link #reset} or {@link #restoreState}: an engine (MuJoCo) warned
     * of instability or erred, so the state can no longer be trusted. A task ends the episode as a flagged failure.
     * The Java plants integrate without such checks and never report one.
     *
     * @return true after a failed {@link #advance(int)}.
     */
    default boolean simulationFailed() {
        return false;
    }

    /**
     * Releases what the plant holds outside the Java heap (a MuJoCo model and its data); the plant is unusable
     * afterwards. Idempotent: closing a closed plant does nothing. The default, for plants that hold nothing, does
     * nothing.
     */
    @Override
    default void close() {
    }
}
