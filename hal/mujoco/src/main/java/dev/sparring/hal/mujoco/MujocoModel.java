package dev.sparring.hal.mujoco;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A MuJoCo model ({@code mjModel}) loaded from an MJCF file, owning its native memory until {@link #close()}.
 * <p>
 * Its sizes ({@link #nq()}, {@link #nbody()}, ...), name look-ups ({@link #id}) and arrays are read through offsets
 * the build derived from the installed headers. The physical parameters a robustness sweep changes
 * ({@link #bodyMass()}, {@link #bodyInertia()}, {@link #geomFriction()}, {@link #dofDamping()},
 * {@link #timestepS()}) are views written in place, taking effect at the next step of every {@link MujocoData} of
 * this model; {@link #restoreParameters()} puts back, bit for bit, the values the file gave. Derived quantities MuJoCo
 * computes once at load (such as {@code body_subtreemass}) are not recomputed, as in Gym's and the RARL authors'
 * sweeps.
 * <p>
 * Not thread-safe: use a model and its data from one thread at a time (one model per worker for parallel sampling).
 */
public final class MujocoModel implements AutoCloseable {
    private static final int ERROR_TEXT_BYTES = 1000;

    private final Path file;
    private final String compilerWarning;
    private final NativeHandle handle;
    private final Pointer model;
    private final int nq;
    private final int nv;
    private final int nu;
    private final int na;
    private final int nbody;
    private final int njnt;
    private final int ngeom;
    private final int nsite;
    private final int nsensor;
    private final int nsensordata;
    private final NativeDoubles qpos0;
    private final NativeDoubles bodyMass;
    private final NativeDoubles bodyInertia;
    private final NativeDoubles jointAxis;
    private final NativeDoubles jointRange;
    private final NativeDoubles dofArmature;
    private final NativeDoubles dofDamping;
    private final NativeDoubles geomSize;
    private final NativeDoubles geomFriction;
    private final NativeDoubles actuatorControlRange;
    private final NativeDoubles actuatorGear;
    private final NativeDoubles actuatorGainParameters;
    private final NativeInts jointType;
    private final NativeInts actuatorTransmissionType;
    private final NativeInts actuatorDynamicsType;
    private final NativeInts actuatorGainType;
    private final NativeInts actuatorBiasType;
    private final NativeInts actuatorTransmissionId;
    private final NativeInts jointQposAddress;
    private final NativeInts jointDofAddress;
    private final NativeInts geomBody;
    private final NativeInts sensorAddress;
    private final NativeInts sensorDimension;
    private final NativeDoubles timestep;
    private final NativeDoubles[] parameters;
    private final double[][] parameterDefaults;
    private final List<MujocoData> liveData = new ArrayList<>();

    private MujocoModel(final Path file, final long address, final String compilerWarning) {
        this.file = file;
        this.compilerWarning = compilerWarning;
        this.handle = new NativeHandle("MujocoModel of " + file, address);
        this.model = new Pointer(address);
        nq = size(ModelField.NQ);
        nv = size(ModelField.NV);
        nu = size(ModelField.NU);
        na = size(ModelField.NA);
        nbody = size(ModelField.NBODY);
        njnt = size(ModelField.NJNT);
        ngeom = size(ModelField.NGEOM);
        nsite = size(ModelField.NSITE);
        nsensor = size(ModelField.NSENSOR);
        nsensordata = size(ModelField.NSENSORDATA);
        qpos0 = doubles(ModelField.QPOS0, nq, 1);
        bodyMass = doubles(ModelField.BODY_MASS, nbody, 1);
        bodyInertia = doubles(ModelField.BODY_INERTIA, nbody, 3);
        jointAxis = doubles(ModelField.JNT_AXIS, njnt, 3);
        jointRange = doubles(ModelField.JNT_RANGE, njnt, 2);
        dofArmature = doubles(ModelField.DOF_ARMATURE, nv, 1);
        dofDamping = doubles(ModelField.DOF_DAMPING, nv, 1);
        geomSize = doubles(ModelField.GEOM_SIZE, ngeom, 3);
        geomFriction = doubles(ModelField.GEOM_FRICTION, ngeom, 3);
        actuatorControlRange = doubles(ModelField.ACTUATOR_CTRLRANGE, nu, 2);
        actuatorGear = doubles(ModelField.ACTUATOR_GEAR, nu, 6);
        actuatorGainParameters = doubles(ModelField.ACTUATOR_GAINPRM, nu,
            Mujoco.layout().value(MujocoConstant.NGAIN));
        jointType = ints(ModelField.JNT_TYPE, njnt);
        actuatorTransmissionType = ints(ModelField.ACTUATOR_TRNTYPE, nu);
        actuatorDynamicsType = ints(ModelField.ACTUATOR_DYNTYPE, nu);
        actuatorGainType = ints(ModelField.ACTUATOR_GAINTYPE, nu);
        actuatorBiasType = ints(ModelField.ACTUATOR_BIASTYPE, nu);
        actuatorTransmissionId = ints(ModelField.ACTUATOR_TRNID, 2 * nu);
        jointQposAddress = ints(ModelField.JNT_QPOSADR, njnt);
        jointDofAddress = ints(ModelField.JNT_DOFADR, njnt);
        geomBody = ints(ModelField.GEOM_BODYID, ngeom);
        sensorAddress = ints(ModelField.SENSOR_ADR, nsensor);
        sensorDimension = ints(ModelField.SENSOR_DIM, nsensor);
        timestep = new NativeDoubles(handle, ModelField.TIMESTEP.cName(),
            address + Mujoco.layout().offset(ModelField.TIMESTEP), 1, 1);
        parameters = new NativeDoubles[] {bodyMass, bodyInertia, geomFriction, dofDamping, timestep};
        parameterDefaults = new double[parameters.length][];
        for (int i = 0; i < parameters.length; i++) {
            parameterDefaults[i] = parameters[i].toArray();
        }
    }

    /**
     * Loads and compiles an MJCF file ({@code mj_loadXML}).
     *
     * @param file the MJCF file.
     * @return the model; close it.
     * @throws MujocoException            with the file and MuJoCo's text when MuJoCo cannot read or compile it.
     * @throws MujocoUnavailableException when MuJoCo is unavailable, saying what to install.
     */
    public static MujocoModel load(final Path file) {
        Mujoco.layout();
        final long address;
        final String text;
        try (Memory errorText = new Memory(ERROR_TEXT_BYTES)) {
            errorText.setByte(0, (byte) 0);
            address = MujocoNative.mj_loadXML(file.toString(), null, errorText, ERROR_TEXT_BYTES);
            text = errorText.getString(0).strip();
        }
        if (address == 0) {
            throw new MujocoException("MuJoCo cannot load " + file + ": "
                + (text.isEmpty() ? "mj_loadXML gave no reason" : text));
        }
        return new MujocoModel(file, address, text);
    }

    /**
     * Makes data for this model ({@code mj_makeData}): the state at the model's defaults, with {@code mj_forward}
     * not yet run.
     *
     * @return the data; close it (closing the model closes it too).
     * @throws MujocoException when MuJoCo cannot allocate it.
     */
    public MujocoData makeData() {
        final long address = MujocoGuard.sparring_make_data(handle.address());
        if (address == 0) {
            throw new MujocoException("MuJoCo cannot make data for " + file + ": "
                + MujocoGuard.sparring_error_text().getString(0));
        }
        final MujocoData data = new MujocoData(this, address);
        liveData.add(data);
        return data;
    }

    /**
     * @param type a kind of object.
     * @param name its name in the MJCF file.
     * @return its id ({@code mj_name2id}), 0-based within its kind.
     * @throws IllegalArgumentException when the model has no such object.
     */
    public int id(final MujocoObject type, final String name) {
        final int id = find(type, name);
        if (id < 0) {
            throw new IllegalArgumentException("no " + type.noun() + " named '" + name + "' in " + file);
        }
        return id;
    }

    /**
     * @param type a kind of object.
     * @param name a name.
     * @return whether the model has an object of that kind and name.
     */
    public boolean has(final MujocoObject type, final String name) {
        return find(type, name) >= 0;
    }

    /**
     * @param type a kind of object.
     * @param id   its id, 0-based within its kind.
     * @return its name in the MJCF file ({@code mj_id2name}), empty when it has none.
     */
    public String name(final MujocoObject type, final int id) {
        handle.checkOpen();
        final String name = MujocoNative.mj_id2name(handle.address(), Mujoco.layout().code(type), id);
        return name == null ? "" : name;
    }

    private int find(final MujocoObject type, final String name) {
        return MujocoNative.mj_name2id(handle.address(), Mujoco.layout().code(type), name);
    }

    /**
     * @return the file the model was loaded from.
     */
    public Path file() {
        return file;
    }

    /**
     * @return the compiler's warning for this file, empty when it gave none.
     */
    public String compilerWarning() {
        return compilerWarning;
    }

    /**
     * @return generalized coordinates (length of qpos).
     */
    public int nq() {
        return nq;
    }

    /**
     * @return degrees of freedom (length of qvel).
     */
    public int nv() {
        return nv;
    }

    /**
     * @return actuators (length of ctrl).
     */
    public int nu() {
        return nu;
    }

    /**
     * @return activation states (length of act).
     */
    public int na() {
        return na;
    }

    /**
     * @return bodies, the world body 0 included.
     */
    public int nbody() {
        return nbody;
    }

    /**
     * @return joints.
     */
    public int njnt() {
        return njnt;
    }

    /**
     * @return geoms.
     */
    public int ngeom() {
        return ngeom;
    }

    /**
     * @return sites.
     */
    public int nsite() {
        return nsite;
    }

    /**
     * @return sensors.
     */
    public int nsensor() {
        return nsensor;
    }

    /**
     * @return values of all sensors (length of sensordata).
     */
    public int nsensordata() {
        return nsensordata;
    }

    /**
     * @return {@code qpos0}, the default pose (nq × 1).
     */
    public NativeDoubles qpos0() {
        return qpos0;
    }

    /**
     * @return {@code body_mass} in kg (nbody × 1), a sweep parameter.
     */
    public NativeDoubles bodyMass() {
        return bodyMass;
    }

    /**
     * @return {@code body_inertia}, the diagonal inertia in the body's inertial frame in kg·m² (nbody × 3), a sweep
     *     parameter.
     */
    public NativeDoubles bodyInertia() {
        return bodyInertia;
    }

    /**
     * @return {@code opt.integrator}, the integrator's {@code mjtIntegrator} value (0 Euler, 1 RK4 in 2.2.2).
     */
    public int integrator() {
        handle.checkOpen();
        return model.getInt(Mujoco.layout().offset(ModelField.INTEGRATOR));
    }

    /**
     * @return {@code jnt_type}, each joint's {@code mjtJoint} value (njnt).
     */
    public NativeInts jointType() {
        return jointType;
    }

    /**
     * @return {@code jnt_axis}, each joint's axis in its body's frame (njnt × 3).
     */
    public NativeDoubles jointAxis() {
        return jointAxis;
    }

    /**
     * @return {@code jnt_range}, the joint limits (njnt × 2).
     */
    public NativeDoubles jointRange() {
        return jointRange;
    }

    /**
     * @return {@code dof_armature}, the rotor inertia added to each dof in kg·m² or kg (nv × 1).
     */
    public NativeDoubles dofArmature() {
        return dofArmature;
    }

    /**
     * @return {@code dof_damping} in N·s/m or N·m·s/rad (nv × 1), a sweep parameter.
     */
    public NativeDoubles dofDamping() {
        return dofDamping;
    }

    /**
     * @return {@code geom_size}, each geom's size parameters in m (ngeom × 3).
     */
    public NativeDoubles geomSize() {
        return geomSize;
    }

    /**
     * @return {@code geom_friction}: sliding, torsional, rolling (ngeom × 3), a sweep parameter.
     */
    public NativeDoubles geomFriction() {
        return geomFriction;
    }

    /**
     * @return {@code actuator_ctrlrange} (nu × 2).
     */
    public NativeDoubles actuatorControlRange() {
        return actuatorControlRange;
    }

    /**
     * @return {@code actuator_gear}, each actuator's transmission gear (nu × 6; a joint actuator uses column 0).
     */
    public NativeDoubles actuatorGear() {
        return actuatorGear;
    }

    /**
     * @return {@code actuator_gainprm}, each actuator's gain parameters (nu × mjNGAIN).
     */
    public NativeDoubles actuatorGainParameters() {
        return actuatorGainParameters;
    }

    /**
     * @return {@code actuator_trntype}, each actuator's {@code mjtTrn} value (nu).
     */
    public NativeInts actuatorTransmissionType() {
        return actuatorTransmissionType;
    }

    /**
     * @return {@code actuator_dyntype}, each actuator's {@code mjtDyn} value (nu).
     */
    public NativeInts actuatorDynamicsType() {
        return actuatorDynamicsType;
    }

    /**
     * @return {@code actuator_gaintype}, each actuator's {@code mjtGain} value (nu).
     */
    public NativeInts actuatorGainType() {
        return actuatorGainType;
    }

    /**
     * @return {@code actuator_biastype}, each actuator's {@code mjtBias} value (nu).
     */
    public NativeInts actuatorBiasType() {
        return actuatorBiasType;
    }

    /**
     * @return {@code actuator_trnid}, each actuator's transmission target ids, two per actuator (2 nu; a joint
     *     actuator's joint id is element 2 i).
     */
    public NativeInts actuatorTransmissionId() {
        return actuatorTransmissionId;
    }

    /**
     * @return {@code jnt_qposadr}: each joint's first index in qpos (njnt).
     */
    public NativeInts jointQposAddress() {
        return jointQposAddress;
    }

    /**
     * @return {@code jnt_dofadr}: each joint's first index in qvel (njnt).
     */
    public NativeInts jointDofAddress() {
        return jointDofAddress;
    }

    /**
     * @return {@code geom_bodyid}: each geom's body (ngeom).
     */
    public NativeInts geomBody() {
        return geomBody;
    }

    /**
     * @return {@code sensor_adr}: each sensor's first index in sensordata (nsensor).
     */
    public NativeInts sensorAddress() {
        return sensorAddress;
    }

    /**
     * @return {@code sensor_dim}: each sensor's number of values (nsensor).
     */
    public NativeInts sensorDimension() {
        return sensorDimension;
    }

    /**
     * @return {@code opt.timestep}, the physics step in seconds.
     */
    public double timestepS() {
        return timestep.get(0);
    }

    /**
     * @param timestepS the physics step in seconds, finite and &gt; 0.
     * @return this.
     */
    public MujocoModel timestepS(final double timestepS) {
        if (!(timestepS > 0) || !Double.isFinite(timestepS)) {
            throw new IllegalArgumentException("timestepS must be finite and > 0, was " + timestepS);
        }
        timestep.set(0, timestepS);
        return this;
    }

    /**
     * Puts back the sweep parameters ({@code body_mass}, {@code body_inertia}, {@code geom_friction},
     * {@code dof_damping}, {@code opt.timestep}) to the values the file gave, bit for bit.
     */
    public void restoreParameters() {
        for (int i = 0; i < parameters.length; i++) {
            parameters[i].copyFrom(parameterDefaults[i], 0, 0, parameterDefaults[i].length);
        }
    }

    /**
     * Frees the model ({@code mj_deleteModel}) and every data made from it that is still open. Idempotent; any use
     * afterwards is an {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (!handle.isOpen()) {
            return;
        }
        for (int i = liveData.size() - 1; i >= 0; i--) {
            liveData.get(i).close();
        }
        MujocoNative.mj_deleteModel(handle.release());
    }

    void forget(final MujocoData data) {
        liveData.remove(data);
    }

    NativeHandle handle() {
        return handle;
    }

    @Override
    public String toString() {
        return handle.toString();
    }

    private int size(final ModelField field) {
        return model.getInt(Mujoco.layout().offset(field));
    }

    private NativeDoubles doubles(final ModelField field, final int rows, final int columns) {
        return new NativeDoubles(handle, field.cName(), model.getLong(Mujoco.layout().offset(field)), rows, columns);
    }

    private NativeInts ints(final ModelField field, final int length) {
        return new NativeInts(handle, field.cName(), model.getLong(Mujoco.layout().offset(field)), length);
    }
}
