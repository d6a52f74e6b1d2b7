package dev.sparring.trainer.env;

import dev.sparring.hal.JointType;
import dev.sparring.hal.plant.Plant;

import java.util.Arrays;
import java.util.List;

/**
 * A fake {@link Plant} for task tests with exact answers: it integrates nothing. Each {@link #advance} jumps to the
 * state scripted with {@link #then} (or stays where it is when nothing is scripted), records the number of steps it
 * was asked for and the efforts and disturbance forces in force during it, and reports a simulation failure when told
 * to ({@link #failNextAdvance}). Joints, bodies and parameters are given by name; every joint is a hinge. Allocates
 * nothing after construction.
 */
final class ScriptedPlant implements Plant {
    private final String kind;
    private final String[] joints;
    private final boolean[] actuated;
    private final String[] bodies;
    private final String[] parameters;
    private final double[] parameterValues;
    private final double[] q;
    private final double[] qd;
    private final double[] efforts;
    private final double[] forces;
    private final double[] nextQ;
    private final double[] nextQd;
    private final double[] effortsDuringAdvance;
    private final double[] forcesDuringAdvance;
    private double timestepS = 0.001;
    private boolean scripted;
    private boolean failNext;
    private boolean failed;
    private int lastAdvanceSteps;
    private int advances;

    /**
     * @param kind       the plant's kind (a model name).
     * @param joints     joint names, in model order.
     * @param actuated   the names of the joints a motor drives.
     * @param bodies     body names.
     * @param parameters parameter names, each with the nominal value 1.
     */
    ScriptedPlant(final String kind, final List<String> joints, final List<String> actuated,
        final List<String> bodies, final List<String> parameters) {
        this.kind = kind;
        this.joints = joints.toArray(String[]::new);
        this.actuated = new boolean[this.joints.length];
        for (int j = 0; j < this.joints.length; j++) {
            this.actuated[j] = actuated.contains(this.joints[j]);
        }
        this.bodies = bodies.toArray(String[]::new);
        this.parameters = parameters.toArray(String[]::new);
        this.parameterValues = new double[this.parameters.length];
        Arrays.fill(parameterValues, 1.0);
        this.q = new double[this.joints.length];
        this.qd = new double[this.joints.length];
        this.efforts = new double[this.joints.length];
        this.forces = new double[2 * this.bodies.length];
        this.nextQ = new double[this.joints.length];
        this.nextQd = new double[this.joints.length];
        this.effortsDuringAdvance = new double[this.joints.length];
        this.forcesDuringAdvance = new double[2 * this.bodies.length];
    }

    /**
     * Scripts the state the next {@link #advance} reaches; later advances stay there until scripted again.
     *
     * @param positions  joint positions, in joint order.
     * @param velocities joint velocities.
     * @return this.
     */
    ScriptedPlant then(final double[] positions, final double[] velocities) {
        System.arraycopy(positions, 0, nextQ, 0, q.length);
        System.arraycopy(velocities, 0, nextQd, 0, qd.length);
        scripted = true;
        return this;
    }

    /** Makes the next {@link #advance} report a simulation failure (and leave the state as it is). */
    void failNextAdvance() {
        failNext = true;
    }

    /** @return the steps the last {@link #advance} was asked for. */
    int lastAdvanceSteps() {
        return lastAdvanceSteps;
    }

    /** @return the number of {@link #advance} calls since construction. */
    int advances() {
        return advances;
    }

    /**
     * @param joint a joint index.
     * @return the effort in force during the last {@link #advance}.
     */
    double effortDuringAdvance(final int joint) {
        return effortsDuringAdvance[joint];
    }

    /**
     * @param body a body index.
     * @param axis 0 for the plane's first axis, 1 for its second.
     * @return the disturbance force in force during the last {@link #advance} (N).
     */
    double forceDuringAdvance(final int body, final int axis) {
        return forcesDuringAdvance[2 * body + axis];
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public int dof() {
        return joints.length;
    }

    @Override
    public String jointName(final int joint) {
        return joints[joint];
    }

    @Override
    public int jointIndex(final String name) {
        return indexOf(joints, name, "joint");
    }

    @Override
    public JointType jointType(final int joint) {
        return JointType.REVOLUTE;
    }

    @Override
    public boolean isActuated(final int joint) {
        return actuated[joint];
    }

    @Override
    public double q(final int joint) {
        return q[joint];
    }

    @Override
    public double qd(final int joint) {
        return qd[joint];
    }

    @Override
    public void reset(final double[] positions, final double[] velocities) {
        System.arraycopy(positions, 0, q, 0, q.length);
        System.arraycopy(velocities, 0, qd, 0, qd.length);
        Arrays.fill(efforts, 0.0);
        Arrays.fill(forces, 0.0);
        failed = false;
    }

    @Override
    public int stateSize() {
        return 2 * joints.length;
    }

    @Override
    public void saveState(final double[] state, final int offset) {
        System.arraycopy(q, 0, state, offset, q.length);
        System.arraycopy(qd, 0, state, offset + q.length, qd.length);
    }

    @Override
    public void restoreState(final double[] state, final int offset) {
        System.arraycopy(state, offset, q, 0, q.length);
        System.arraycopy(state, offset + q.length, qd, 0, qd.length);
        Arrays.fill(efforts, 0.0);
        Arrays.fill(forces, 0.0);
        failed = false;
    }

    @Override
    public void setJointEffort(final int joint, final double effort) {
        if (!actuated[joint]) {
            throw new IllegalArgumentException("joint " + joints[joint] + " is passive");
        }
        efforts[joint] = effort;
    }

    @Override
    public double jointEffort(final int joint) {
        return efforts[joint];
    }

    /** @return the number of bodies. */
    int bodyCount() {
        return bodies.length;
    }

    /**
     * @param body a body index.
     * @return its name.
     */
    String bodyName(final int body) {
        return bodies[body];
    }

    @Override
    public int bodyIndex(final String name) {
        return indexOf(bodies, name, "body");
    }

    @Override
    public void setDisturbanceForce(final int body, final double fxN, final double fyN) {
        forces[2 * body] = fxN;
        forces[2 * body + 1] = fyN;
    }

    @Override
    public double disturbanceForceXN(final int body) {
        return forces[2 * body];
    }

    @Override
    public double disturbanceForceYN(final int body) {
        return forces[2 * body + 1];
    }

    @Override
    public int channelCount() {
        return 0;
    }

    @Override
    public String channelName(final int channel) {
        throw new IndexOutOfBoundsException(channel);
    }

    @Override
    public int channelIndex(final String name) {
        throw new IllegalArgumentException("plant " + kind + " has no channels, asked for '" + name + "'");
    }

    @Override
    public double channel(final int channel) {
        throw new IndexOutOfBoundsException(channel);
    }

    @Override
    public int parameterCount() {
        return parameters.length;
    }

    @Override
    public String parameterName(final int index) {
        return parameters[index];
    }

    @Override
    public int parameterIndex(final String name) {
        return indexOf(parameters, name, "parameter");
    }

    @Override
    public double parameter(final int index) {
        return parameterValues[index];
    }

    @Override
    public void setParameter(final int index, final double value) {
        parameterValues[index] = value;
    }

    @Override
    public double timestepS() {
        return timestepS;
    }

    @Override
    public void setTimestepS(final double stepS) {
        timestepS = stepS;
    }

    @Override
    public void advance(final int steps) {
        advances++;
        lastAdvanceSteps = steps;
        System.arraycopy(efforts, 0, effortsDuringAdvance, 0, efforts.length);
        System.arraycopy(forces, 0, forcesDuringAdvance, 0, forces.length);
        if (failNext) {
            failNext = false;
            failed = true;
            return;
        }
        if (scripted) {
            System.arraycopy(nextQ, 0, q, 0, q.length);
            System.arraycopy(nextQd, 0, qd, 0, qd.length);
            scripted = false;
        }
    }

    @Override
    public boolean simulationFailed() {
        return failed;
    }

    private int indexOf(final String[] names, final String name, final String what) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("plant " + kind + " has no " + what + " '" + name + "'; it has "
            + Arrays.toString(names));
    }
}
