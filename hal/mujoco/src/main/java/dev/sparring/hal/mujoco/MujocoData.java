package dev.sparring.hal.mujoco;

import com.sun.jna.Pointer;

/**
 * The simulation state and buffers of one {@link MujocoModel} ({@code mjData}), owning its native memory until
 * {@link #close()}.
 * <p>
 * {@link #qpos()}, {@link #qvel()}, {@link #ctrl()}, {@link #xfrcApplied()}, {@link #sensordata()} and the other
 * arrays are views read and written in place; {@link #step(int)} and {@link #forward()} run under the native guard
 * and return a {@link StepResult}: a simulation warning (a NaN or huge value in qacc from an unstable simulation, for
 * example) stops the steps and returns {@link StepResult#WARNING}, never exiting the process. The per-step path
 * (views, step, warning counts) allocates nothing.
 * <p>
 * Not thread-safe: one thread at a time, the same that uses its model.
 */
public final class MujocoData implements AutoCloseable {
    private final MujocoModel model;
    private final NativeHandle modelHandle;
    private final NativeHandle handle;
    private final Pointer data;
    private final MujocoLayout layout;
    private final NativeDoubles qpos;
    private final NativeDoubles qvel;
    private final NativeDoubles act;
    private final NativeDoubles ctrl;
    private final NativeDoubles qfrcApplied;
    private final NativeDoubles xfrcApplied;
    private final NativeDoubles qacc;
    private final NativeDoubles qaccWarmstart;
    private final NativeDoubles sensordata;
    private final NativeDoubles xpos;
    private String lastMessage = "";

    MujocoData(final MujocoModel model, final long address) {
        this.model = model;
        this.modelHandle = model.handle();
        this.handle = new NativeHandle("MujocoData of " + model.file(), address);
        this.data = new Pointer(address);
        this.layout = Mujoco.layout();
        qpos = doubles(DataField.QPOS, model.nq(), 1);
        qvel = doubles(DataField.QVEL, model.nv(), 1);
        act = doubles(DataField.ACT, model.na(), 1);
        ctrl = doubles(DataField.CTRL, model.nu(), 1);
        qfrcApplied = doubles(DataField.QFRC_APPLIED, model.nv(), 1);
        xfrcApplied = doubles(DataField.XFRC_APPLIED, model.nbody(), 6);
        qacc = doubles(DataField.QACC, model.nv(), 1);
        qaccWarmstart = doubles(DataField.QACC_WARMSTART, model.nv(), 1);
        sensordata = doubles(DataField.SENSORDATA, model.nsensordata(), 1);
        xpos = doubles(DataField.XPOS, model.nbody(), 3);
    }

    /**
     * Advances the simulation ({@code mj_step}) up to {@code steps} times, stopping after a step that raised a
     * warning.
     *
     * @param steps steps of {@link MujocoModel#timestepS()} each, at least 1.
     * @return {@link StepResult#OK}, or why it stopped ({@link #lastMessage()} has MuJoCo's text).
     */
    public StepResult step(final int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        }
        return outcome(MujocoGuard.sparring_step(modelHandle.address(), handle.address(), steps));
    }

    /**
     * Computes everything that depends on the state without advancing time ({@code mj_forward}): call it after
     * writing qpos/qvel to read sensors or positions.
     *
     * @return as {@link #step(int)}.
     */
    public StepResult forward() {
        return outcome(MujocoGuard.sparring_forward(modelHandle.address(), handle.address()));
    }

    /**
     * Resets the state to the model's defaults ({@code mj_resetData}): qpos0, zero velocities, controls, applied
     * forces, time and warning counts.
     */
    public void reset() {
        MujocoNative.mj_resetData(modelHandle.address(), handle.address());
        lastMessage = "";
    }

    private StepResult outcome(final int code) {
        final StepResult result = StepResult.ofCode(code);
        if (result == StepResult.WARNING) {
            lastMessage = "MuJoCo warning: " + MujocoGuard.sparring_warning_text().getString(0);
        } else if (result == StepResult.ERROR) {
            lastMessage = "MuJoCo error (the data was reset): " + MujocoGuard.sparring_error_text().getString(0);
        }
        return result;
    }

    /**
     * @return MuJoCo's text for the last step or forward that did not return {@link StepResult#OK}; empty when none
     *     has since the data was made or reset.
     */
    public String lastMessage() {
        return lastMessage;
    }

    /**
     * @param warning a warning.
     * @return how many times it was raised since the data was made or reset ({@code mjData.warning[].number}).
     */
    public int warningCount(final MujocoWarning warning) {
        handle.checkOpen();
        return data.getInt(layout.warningCountOffset(warning));
    }

    /**
     * @return simulation time in seconds.
     */
    public double timeS() {
        handle.checkOpen();
        return data.getDouble(layout.offset(DataField.TIME));
    }

    /**
     * @param timeS the simulation time in seconds (restoring a saved state).
     */
    public void timeS(final double timeS) {
        handle.checkOpen();
        data.setDouble(layout.offset(DataField.TIME), timeS);
    }

    /**
     * @return the model this data belongs to.
     */
    public MujocoModel model() {
        return model;
    }

    /**
     * @return {@code qpos}, positions (nq × 1).
     */
    public NativeDoubles qpos() {
        return qpos;
    }

    /**
     * @return {@code qvel}, velocities (nv × 1).
     */
    public NativeDoubles qvel() {
        return qvel;
    }

    /**
     * @return {@code act}, actuator activations (na × 1).
     */
    public NativeDoubles act() {
        return act;
    }

    /**
     * @return {@code ctrl}, controls (nu × 1).
     */
    public NativeDoubles ctrl() {
        return ctrl;
    }

    /**
     * @return {@code qfrc_applied}, applied generalized forces (nv × 1).
     */
    public NativeDoubles qfrcApplied() {
        return qfrcApplied;
    }

    /**
     * @return {@code xfrc_applied}, applied Cartesian force (N) then torque (N·m) on each body's centre of mass, in
     *     world coordinates (nbody × 6): the disturbance input.
     */
    public NativeDoubles xfrcApplied() {
        return xfrcApplied;
    }

    /**
     * @return {@code qacc}, accelerations of the last step or forward (nv × 1).
     */
    public NativeDoubles qacc() {
        return qacc;
    }

    /**
     * @return {@code qacc_warmstart}, the accelerations the constraint solver starts from at the next step (nv × 1):
     *     part of the state an exact save and restore must copy, or a restored trajectory drifts.
     */
    public NativeDoubles qaccWarmstart() {
        return qaccWarmstart;
    }

    /**
     * @return {@code sensordata}, every sensor's values (nsensordata × 1), as of the last step or forward.
     */
    public NativeDoubles sensordata() {
        return sensordata;
    }

    /**
     * @return {@code xpos}, each body frame's Cartesian position in m (nbody × 3), as of the last step or forward.
     */
    public NativeDoubles xpos() {
        return xpos;
    }

    /**
     * Frees the data ({@code mj_deleteData}). Idempotent; any use afterwards is an {@link IllegalStateException}.
     */
    @Override
    public void close() {
        final long address = handle.release();
        if (address != 0) {
            MujocoNative.mj_deleteData(address);
            model.forget(this);
        }
    }

    @Override
    public String toString() {
        return handle.toString();
    }

    private NativeDoubles doubles(final DataField field, final int rows, final int columns) {
        return new NativeDoubles(handle, field.cName(), data.getLong(layout.offset(field)), rows, columns);
    }
}
