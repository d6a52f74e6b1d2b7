package dev.sparring.hal.mujoco;

import dev.sparring.hal.JointType;
import dev.sparring.hal.plant.Plant;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A MuJoCo model as a {@link Plant}: a planar robot of hinge and slide joints, stepped by {@code mj_step}.
 * <ul>
 *   <li><b>Joints.</b> Plant joint j is MuJoCo joint j, its position {@code qpos[j]} and velocity {@code qvel[j]}
 *       (hinge: rad, slide: m). Free and ball joints are refused. A joint is actuated when a motor drives it (an
 *       actuator with a joint transmission, no activation dynamics, a fixed gain and no bias):
 *       {@link #setJointEffort} writes that actuator's {@code ctrl} as effort / (gear × gain), and MuJoCo clamps
 *       {@code ctrl} to its {@code ctrlrange} when the actuator is control-limited.</li>
 *   <li><b>Plane of motion</b>, found from the slide joints: the two axes of the two slide joints (x and z for the
 *       sagittal hopper, walker2d and half_cheetah; x and y for the swimmer), or, with one slide joint (the inverted
 *       pendulum's cart along x), that axis and the vertical z (the plane the pole swings in; a second axis of x when
 *       the one slide is vertical). {@link #setDisturbanceForce} writes the two components of {@code xfrc_applied}
 *       along those world axes, a force at the body's centre of mass (no torque); a force across the plane would move
 *       nothing, so none can be set.</li>
 *   <li><b>Bodies</b> are indexed by their MuJoCo ids (1 .. nbody-1; the world body cannot be named).</li>
 *   <li><b>Channels</b>: each body's position in the plane, {@code <body>_x_m} and {@code <body>_z_m} (or
 *       {@code _y_m}), the body frame's origin ({@code xpos}), then each MuJoCo sensor value ({@code <sensor>}, or
 *       {@code <sensor>_<i>} for a sensor of several values); read after a step, they run {@code mj_forward} once
 *       so they describe the current state, keeping the solver's warm start ({@code qacc_warmstart}) as the step
 *       left it: reading channels or not, a trajectory is the same bit for bit.</li>
 *   <li><b>Parameters</b>, changed in place in the model and restored bit for bit: {@code <body>_mass_kg}
 *       ({@code body_mass}, &gt; 0) for every body but the world, {@code <joint>_damping_nm_s_per_rad} for a hinge and
 *       {@code <joint>_damping_n_s_per_m} for a slide ({@code dof_damping}, &gt;= 0) for every joint, and {@code <geom>_friction} (the
 *       sliding coefficient, {@code geom_friction[.][0]}, &gt;= 0; a contact uses the larger of its two geoms') for
 *       every named geom. Quantities MuJoCo derives at load ({@code body_subtreemass}, inertias) are not
 *       recomputed, as in Gymnasium's and the RARL authors' sweeps.</li>
 *   <li><b>State</b> ({@link #saveState}): qpos, qvel, time, act and {@code qacc_warmstart} (the constraint solver's
 *       starting point: without it a restored trajectory drifts), so a restored episode repeats bit for bit.</li>
 *   <li><b>Failure.</b> A step that raises a MuJoCo warning or error (an unstable simulation: MuJoCo then resets the
 *       data) stops {@link #advance} and sets {@link #simulationFailed()} until the next {@link #reset} or
 *       {@link #restoreState}; {@link #failureMessage()} has MuJoCo's text.</li>
 * </ul>
 * The plant owns its model (parameters are per model) and data: {@link #close()} frees both. Not thread-safe.
 */
public final class MujocoPlant implements Plant {
    private static final int COORDINATES = 3;
    private static final int WRENCH = 6;
    private static final String[] AXIS_NAMES = {"x", "y", "z"};

    private final String kind;
    private final MujocoModel model;
    private final MujocoData data;
    private final int dof;
    private final int na;
    private final String[] jointNames;
    private final JointType[] jointTypes;
    private final int[] actuatorOfJoint;
    private final double[] effortPerControl;
    private final String[] bodyNames;
    private final int firstAxis;
    private final int secondAxis;
    private final String[] channelNames;
    private final int[] channelOffsets;
    private final boolean[] channelIsSensor;
    private final String[] parameterNames;
    private final NativeDoubles[] parameterArrays;
    private final int[] parameterElements;
    private final boolean[] parameterPositive;
    private final NativeDoubles qpos;
    private final NativeDoubles qvel;
    private final NativeDoubles act;
    private final NativeDoubles ctrl;
    private final NativeDoubles xfrc;
    private final NativeDoubles warmstart;
    private final double[] warmstartKept;
    private final NativeDoubles xpos;
    private final NativeDoubles sensors;
    private boolean failed;
    private boolean derivedStale = true;

    private MujocoPlant(final String kind, final MujocoModel model) {
        this.kind = kind;
        this.model = model;
        this.dof = model.njnt();
        this.na = model.na();
        this.jointNames = new String[dof];
        this.jointTypes = new JointType[dof];
        final MujocoLayout layout = Mujoco.layout();
        final int slide = layout.value(MujocoConstant.JNT_SLIDE);
        final int hinge = layout.value(MujocoConstant.JNT_HINGE);
        final List<Integer> slideAxes = new ArrayList<>();
        for (int j = 0; j < dof; j++) {
            jointNames[j] = model.name(MujocoObject.JOINT, j);
            final int type = model.jointType().get(j);
            if (type == slide) {
                jointTypes[j] = JointType.PRISMATIC;
                slideAxes.add(coordinateAxis(model, j));
            } else if (type == hinge) {
                jointTypes[j] = JointType.REVOLUTE;
            } else {
                throw new IllegalArgumentException("MuJoCo model " + kind + " (" + model.file() + "): joint '"
                    + jointNames[j] + "' is a free or ball joint; a MuJoCo plant takes hinge and slide joints only "
                    + "(describe a planar root with slide and hinge joints, as Gymnasium's hopper does)");
            }
        }
        final int[] plane = plane(kind, slideAxes);
        this.firstAxis = plane[0];
        this.secondAxis = plane[1];
        this.actuatorOfJoint = new int[dof];
        this.effortPerControl = new double[dof];
        findMotors(layout);
        this.bodyNames = new String[model.nbody()];
        for (int b = 0; b < bodyNames.length; b++) {
            bodyNames[b] = model.name(MujocoObject.BODY, b);
        }
        final List<String> channels = new ArrayList<>();
        final List<Integer> offsets = new ArrayList<>();
        for (int b = 1; b < bodyNames.length; b++) {
            channels.add(bodyNames[b] + "_" + AXIS_NAMES[firstAxis] + "_m");
            offsets.add(b * COORDINATES + firstAxis);
            channels.add(bodyNames[b] + "_" + AXIS_NAMES[secondAxis] + "_m");
            offsets.add(b * COORDINATES + secondAxis);
        }
        final int bodyChannels = channels.size();
        for (int s = 0; s < model.nsensor(); s++) {
            final String name = model.name(MujocoObject.SENSOR, s);
            final int dimension = model.sensorDimension().get(s);
            for (int i = 0; i < dimension; i++) {
                channels.add(dimension == 1 ? name : name + "_" + i);
                offsets.add(model.sensorAddress().get(s) + i);
            }
        }
        this.channelNames = channels.toArray(new String[0]);
        this.channelOffsets = new int[channelNames.length];
        this.channelIsSensor = new boolean[channelNames.length];
        for (int c = 0; c < channelNames.length; c++) {
            channelOffsets[c] = offsets.get(c);
            channelIsSensor[c] = c >= bodyChannels;
        }
        final int parameters = (bodyNames.length - 1) + dof + namedGeoms(model);
        this.parameterNames = new String[parameters];
        this.parameterArrays = new NativeDoubles[parameters];
        this.parameterElements = new int[parameters];
        this.parameterPositive = new boolean[parameters];
        int p = 0;
        for (int b = 1; b < bodyNames.length; b++) {
            p = addParameter(p, bodyNames[b] + "_mass_kg", model.bodyMass(), b, true);
        }
        for (int j = 0; j < dof; j++) {
            p = addParameter(p, jointNames[j] + (jointTypes[j] == JointType.PRISMATIC ? "_damping_n_s_per_m"
                : "_damping_nm_s_per_rad"), model.dofDamping(), model.jointDofAddress().get(j), false);
        }
        for (int g = 0; g < model.ngeom(); g++) {
            final String name = model.name(MujocoObject.GEOM, g);
            if (!name.isEmpty()) {
                p = addParameter(p, name + "_friction", model.geomFriction(), g * COORDINATES, false);
            }
        }
        this.data = model.makeData();
        this.qpos = data.qpos();
        this.qvel = data.qvel();
        this.act = data.act();
        this.ctrl = data.ctrl();
        this.xfrc = data.xfrcApplied();
        this.warmstart = data.qaccWarmstart();
        this.warmstartKept = new double[dof];
        this.xpos = data.xpos();
        this.sensors = data.sensordata();
    }

    /**
     * Loads one of the bundled robots ({@link BundledModels#NAMES}).
     *
     * @param name e.g. {@code hopper}; also the plant's {@link #kind()}.
     * @return the plant at the model's default state; close it.
     * @throws IllegalArgumentException   naming the bundled models when there is none of that name.
     * @throws MujocoUnavailableException when MuJoCo is unavailable, saying what to install.
     */
    public static MujocoPlant bundled(final String name) {
        return load(name, BundledModels.path(name));
    }

    /**
     * Loads an MJCF file.
     *
     * @param kind the plant's {@link #kind()}, for messages and policy metadata.
     * @param file the MJCF file.
     * @return the plant at the model's default state; close it.
     * @throws MujocoException            with MuJoCo's text when the file cannot be loaded.
     * @throws IllegalArgumentException   when the model is not a planar robot of hinge and slide joints driven by
     *                                    motors, saying what was found.
     * @throws MujocoUnavailableException when MuJoCo is unavailable, saying what to install.
     */
    public static MujocoPlant load(final String kind, final Path file) {
        final MujocoModel model = MujocoModel.load(file);
        try {
            return new MujocoPlant(kind, model);
        } catch (final RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static int coordinateAxis(final MujocoModel model, final int joint) {
        for (int axis = 0; axis < COORDINATES; axis++) {
            if (Math.abs(model.jointAxis().get(joint, axis)) == 1.0) {
                return axis;
            }
        }
        return -1;
    }

    private static int[] plane(final String kind, final List<Integer> slideAxes) {
        final boolean aligned = !slideAxes.contains(-1);
        if (aligned && slideAxes.size() == 2 && !slideAxes.get(0).equals(slideAxes.get(1))) {
            final int a = slideAxes.get(0);
            final int b = slideAxes.get(1);
            return new int[] {Math.min(a, b), Math.max(a, b)};
        }
        if (aligned && slideAxes.size() == 1) {
            final int a = slideAxes.get(0);
            return a == 2 ? new int[] {0, 2} : new int[] {a, 2};
        }
        throw new IllegalArgumentException("cannot find the plane of motion of MuJoCo model " + kind + ": a MuJoCo "
            + "plant needs one or two slide joints along different world axes (x, y or z) at its root, found "
            + slideAxes.size() + (aligned ? "" : ", not all along a world axis"));
    }

    private void findMotors(final MujocoLayout layout) {
        Arrays.fill(actuatorOfJoint, -1);
        for (int u = 0; u < model.nu(); u++) {
            final String actuator = model.name(MujocoObject.ACTUATOR, u);
            if (model.actuatorTransmissionType().get(u) != layout.value(MujocoConstant.TRN_JOINT)
                || model.actuatorDynamicsType().get(u) != layout.value(MujocoConstant.DYN_NONE)
                || model.actuatorGainType().get(u) != layout.value(MujocoConstant.GAIN_FIXED)
                || model.actuatorBiasType().get(u) != layout.value(MujocoConstant.BIAS_NONE)) {
                throw new IllegalArgumentException("MuJoCo model " + kind + ": actuator '" + actuator + "' (" + u
                    + ") is not a motor on a joint; a MuJoCo plant takes <motor joint=...> actuators only");
            }
            final int joint = model.actuatorTransmissionId().get(2 * u);
            if (actuatorOfJoint[joint] >= 0) {
                throw new IllegalArgumentException("MuJoCo model " + kind + ": joint '" + jointNames[joint]
                    + "' is driven by two motors, '" + model.name(MujocoObject.ACTUATOR, actuatorOfJoint[joint])
                    + "' and '" + actuator + "'; give it one");
            }
            actuatorOfJoint[joint] = u;
            effortPerControl[joint] = model.actuatorGear().get(u, 0) * model.actuatorGainParameters().get(u, 0);
        }
    }

    private static int namedGeoms(final MujocoModel model) {
        int named = 0;
        for (int g = 0; g < model.ngeom(); g++) {
            if (!model.name(MujocoObject.GEOM, g).isEmpty()) {
                named++;
            }
        }
        return named;
    }

    private int addParameter(final int p, final String name, final NativeDoubles array, final int element,
                             final boolean positive) {
        parameterNames[p] = name;
        parameterArrays[p] = array;
        parameterElements[p] = element;
        parameterPositive[p] = positive;
        return p + 1;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public int dof() {
        return dof;
    }

    @Override
    public String jointName(final int joint) {
        return jointNames[joint];
    }

    @Override
    public int jointIndex(final String name) {
        return indexOf(jointNames, 0, name, "joint", "joints");
    }

    @Override
    public JointType jointType(final int joint) {
        return jointTypes[joint];
    }

    @Override
    public boolean isActuated(final int joint) {
        return actuatorOfJoint[joint] >= 0;
    }

    @Override
    public double q(final int joint) {
        return qpos.get(joint);
    }

    @Override
    public double qd(final int joint) {
        return qvel.get(joint);
    }

    @Override
    public void reset(final double[] positions, final double[] velocities) {
        requireState("positions", positions, 0, dof);
        requireState("velocities", velocities, 0, dof);
        data.reset();
        qpos.copyFrom(positions, 0, 0, dof);
        qvel.copyFrom(velocities, 0, 0, dof);
        // As Gymnasium's set_state: mj_forward after writing the state (it also seeds the solver's warm start).
        failed = data.forward() != StepResult.OK;
        derivedStale = false;
    }

    @Override
    public int stateSize() {
        return 2 * dof + 1 + na + dof;
    }

    @Override
    public void saveState(final double[] state, final int offset) {
        qpos.copyTo(0, state, offset, dof);
        qvel.copyTo(0, state, offset + dof, dof);
        state[offset + 2 * dof] = data.timeS();
        act.copyTo(0, state, offset + 2 * dof + 1, na);
        warmstart.copyTo(0, state, offset + 2 * dof + 1 + na, dof);
    }

    @Override
    public void restoreState(final double[] state, final int offset) {
        requireState("state", state, offset, stateSize());
        data.reset();
        qpos.copyFrom(state, offset, 0, dof);
        qvel.copyFrom(state, offset + dof, 0, dof);
        data.timeS(state[offset + 2 * dof]);
        act.copyFrom(state, offset + 2 * dof + 1, 0, na);
        warmstart.copyFrom(state, offset + 2 * dof + 1 + na, 0, dof);
        failed = false;
        derivedStale = true;
    }

    private void requireState(final String what, final double[] values, final int offset, final int length) {
        if (values.length - offset < length) {
            throw new IllegalArgumentException(kind + ": " + what + " needs " + length + " values from index " + offset
                + ", has " + (values.length - offset));
        }
        for (int i = offset; i < offset + length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(kind + ": " + what + "[" + i + "] is not finite: " + values[i]);
            }
        }
    }

    @Override
    public void setJointEffort(final int joint, final double effort) {
        final int actuator = actuatorOfJoint[joint];
        if (actuator < 0) {
            throw new IllegalArgumentException(kind + ": joint '" + jointNames[joint] + "' has no motor");
        }
        ctrl.set(actuator, effort / effortPerControl[joint]);
    }

    @Override
    public double jointEffort(final int joint) {
        final int actuator = actuatorOfJoint[joint];
        return actuator < 0 ? 0.0 : ctrl.get(actuator) * effortPerControl[joint];
    }

    @Override
    public int bodyIndex(final String name) {
        return indexOf(bodyNames, 1, name, "body", "bodies");
    }

    @Override
    public void setDisturbanceForce(final int body, final double fxN, final double fyN) {
        xfrc.set(body * WRENCH + firstAxis, fxN);
        xfrc.set(body * WRENCH + secondAxis, fyN);
    }

    @Override
    public double disturbanceForceXN(final int body) {
        return xfrc.get(body * WRENCH + firstAxis);
    }

    @Override
    public double disturbanceForceYN(final int body) {
        return xfrc.get(body * WRENCH + secondAxis);
    }

    /**
     * @return the world axis (0 x, 1 y, 2 z) of the plane's first axis, along which {@code fxN} acts.
     */
    public int firstPlaneAxis() {
        return firstAxis;
    }

    /**
     * @return the world axis (0 x, 1 y, 2 z) of the plane's second axis, along which {@code fyN} acts.
     */
    public int secondPlaneAxis() {
        return secondAxis;
    }

    @Override
    public int channelCount() {
        return channelNames.length;
    }

    @Override
    public String channelName(final int channel) {
        return channelNames[channel];
    }

    @Override
    public int channelIndex(final String name) {
        return indexOf(channelNames, 0, name, "channel", "channels");
    }

    @Override
    public double channel(final int channel) {
        if (derivedStale) {
            // mj_forward leaves its solution in qacc_warmstart, where the next mj_step's constraint solver starts:
            // put back the step's own, so that reading a channel does not change the trajectory.
            warmstart.copyTo(0, warmstartKept, 0, dof);
            if (data.forward() != StepResult.OK) {
                failed = true;
            }
            warmstart.copyFrom(warmstartKept, 0, 0, dof);
            derivedStale = false;
        }
        return channelIsSensor[channel] ? sensors.get(channelOffsets[channel]) : xpos.get(channelOffsets[channel]);
    }

    @Override
    public int parameterCount() {
        return parameterNames.length;
    }

    @Override
    public String parameterName(final int index) {
        return parameterNames[index];
    }

    @Override
    public int parameterIndex(final String name) {
        return indexOf(parameterNames, 0, name, "parameter", "parameters");
    }

    @Override
    public double parameter(final int index) {
        return parameterArrays[index].get(parameterElements[index]);
    }

    @Override
    public void setParameter(final int index, final double value) {
        final boolean positive = parameterPositive[index];
        if (!Double.isFinite(value) || value < 0.0 || positive && value == 0.0) {
            throw new IllegalArgumentException(kind + ": parameter " + parameterNames[index] + " must be finite and "
                + (positive ? "> 0" : ">= 0") + ", was " + value);
        }
        parameterArrays[index].set(parameterElements[index], value);
        derivedStale = true;
    }

    @Override
    public double timestepS() {
        return model.timestepS();
    }

    @Override
    public void setTimestepS(final double stepS) {
        if (!(stepS > 0) || !Double.isFinite(stepS)) {
            throw new IllegalArgumentException(kind + ": the timestep must be finite and > 0 s, was " + stepS);
        }
        model.timestepS(stepS);
    }

    @Override
    public void advance(final int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException(kind + ": steps must be >= 0, was " + steps);
        }
        if (steps == 0) {
            return;
        }
        if (data.step(steps) != StepResult.OK) {
            failed = true;
        }
        derivedStale = true;
    }

    @Override
    public boolean simulationFailed() {
        return failed;
    }

    /**
     * @return MuJoCo's text for the step that failed, empty when none has since the last reset or restore.
     */
    public String failureMessage() {
        return data.lastMessage();
    }

    /**
     * @return the simulation time (s) since the last {@link #reset}, as saved and restored with the state.
     */
    public double timeS() {
        return data.timeS();
    }

    /**
     * @return the underlying model (for tasks that read more of it; changes to its parameter arrays bypass the
     *     plant's range checks).
     */
    public MujocoModel model() {
        return model;
    }

    /**
     * @return the underlying data.
     */
    public MujocoData data() {
        return data;
    }

    /**
     * Frees the data and the model. Idempotent.
     */
    @Override
    public void close() {
        model.close();
    }

    private int indexOf(final String[] names, final int from, final String name, final String what,
                        final String plural) {
        for (int i = from; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        final List<String> known = new ArrayList<>();
        for (int i = from; i < names.length; i++) {
            known.add(names[i]);
        }
        throw new IllegalArgumentException("no " + what + " named '" + name + "' in MuJoCo plant " + kind + " ("
            + model.file() + "); its " + plural + ": " + String.join(", ", known));
    }
}
