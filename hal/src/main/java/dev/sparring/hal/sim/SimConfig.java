package dev.sparring.hal.sim;

import dev.sparring.hal.CommandMode;
import dev.sparring.hal.JointSpec;
import dev.sparring.hal.JointType;
import dev.sparring.hal.RobotSpec;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.config.ConfigNode;
import dev.sparring.hal.config.RobotDescription;
import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.random.SplitMix64;
import dev.sparring.hal.sim.plant.Plants;
import dev.sparring.hal.task.ResetNoise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A description's {@code sim} section, validated once against the description's joints and the chosen plant, with
 * errors that name the field. Field reference: {@code docs/robots.md}.
 */
final class SimConfig {
    /** The fields every simulated backend's section shares; a backend adds those that build its plant. */
    static final String[] COMMON_KEYS = {"seed", "initial_state", "reset_noise", "parameters", "actuators", "sensors",
        "pd_gains"};
    private static final String[] SIM_KEYS = {"plant", "inner_step_us"};
    private static final String[] ACTUATOR_KEYS = {"torque_constant_nm_per_a", "gear_ratio", "max_current_a",
        "wiring"};
    private static final String[] REVOLUTE_SENSOR_KEYS = {"counts_per_revolution", "position_noise_std",
        "velocity_noise_std"};
    private static final String[] PRISMATIC_SENSOR_KEYS = {"counts_per_metre", "position_noise_std",
        "velocity_noise_std"};
    private static final long DEFAULT_INNER_STEP_US = 250;
    private static final long MAX_INNER_STEP_US = 100_000;
    private static final int MAX_DELAY_TICKS = 10_000;
    private static final double EFFORT_TOLERANCE = 1e-9;
    private static final double NS_PER_S = 1e9;

    /** The plant, with the section's parameters and inner step set and reset to the initial state. */
    final Plant plant;
    /** Fixed integrator step (ns). */
    final long innerStepNs;
    /** Whether reads advance by whole loop periods once the loop's period is known (else by the clock). */
    final boolean stepsByLoopPeriod;
    /** Actuator per joint index; null for a passive joint. */
    final ActuatorModel[] actuators;
    /** Position-loop proportional gain per joint (N·m/rad or N/m); 0 when the joint takes no position commands. */
    final double[] kp;
    /** Position-loop derivative gain per joint (N·m·s/rad or N·s/m). */
    final double[] kd;
    /** Velocity-loop proportional gain per joint (N·m·s/rad or N·s/m); 0 when the joint takes no velocity commands. */
    final double[] kv;
    /** Plant channel index of each of the description's sensor channels. */
    final int[] channels;
    /** Measurement model over positions, then velocities, then sensor channels. */
    final SensorModel sensorModel;
    /** The section's seed: of the sensor noise, and of each episode's initial state. */
    final long seed;
    /** The initial state's positions, around which episodes start. */
    final double[] initialPositions;
    /** The initial state's velocities. */
    final double[] initialVelocities;
    /** The noise added to the initial state at each episode's start ({@code reset_noise}; scale 0 when absent). */
    final ResetNoise resetNoise;

    private SimConfig(final RobotDescription description, final ConfigNode section, final Plant plant,
        final long innerStepNs, final boolean stepsByLoopPeriod) {
        final RobotSpec spec = description.spec();
        this.plant = plant;
        this.innerStepNs = innerStepNs;
        this.stepsByLoopPeriod = stepsByLoopPeriod;
        checkJoints(description, spec, plant);
        this.channels = resolveChannels(description, spec, plant);
        setParameters(section.childOrEmpty("parameters"), plant);
        this.seed = section.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        final ConfigNode initial = section.childOrEmpty("initial_state");
        this.initialPositions = initialState(initial, "positions", plant);
        this.initialVelocities = initialState(initial, "velocities", plant);
        this.resetNoise = resetNoise(section.childOrEmpty("reset_noise"));
        final double[] positions = new double[plant.dof()];
        final double[] velocities = new double[plant.dof()];
        drawEpisodeStart(0, new SplitMix64(0L), positions, velocities);
        plant.reset(positions, velocities);
        this.actuators = actuators(description, section.childOrEmpty("actuators"), spec);
        final int n = spec.jointCount();
        this.kp = new double[n];
        this.kd = new double[n];
        this.kv = new double[n];
        readGains(section.childOrEmpty("pd_gains"), spec);
        this.sensorModel = sensorModel(section.childOrEmpty("sensors"), spec, seed);
    }

    /**
     * Draws the initial state of episode {@code episode}: the initial state plus the reset noise, drawn with the seed
     * {@link SplitMix64#derive derive(seed, episode)} as the trainer's evaluator seeds its episodes, so episode
     * {@code k} of a run starts where episode {@code k} of an evaluation with the same seed does. Allocates nothing.
     *
     * @param episode    the episode's index, from 0.
     * @param generator  a generator, re-seeded here.
     * @param positions  receives the positions.
     * @param velocities receives the velocities.
     */
    void drawEpisodeStart(final long episode, final SplitMix64 generator, final double[] positions,
        final double[] velocities) {
        generator.state(SplitMix64.derive(seed, episode));
        resetNoise.draw(generator, initialPositions, initialVelocities, positions, velocities);
    }

    /**
     * @param description a description whose backend is {@code sim}.
     * @return its validated sim section.
     * @throws ConfigException naming the field when anything does not fit.
     */
    static SimConfig parse(final RobotDescription description) {
        final ConfigNode section = description.section(SimBackend.NAME).requireOnlyKeys(keys(SIM_KEYS));
        final String kind = section.string("plant");
        if (!Plants.KINDS.contains(kind)) {
            throw section.error("plant", "must be one of " + Plants.KINDS + ", was '" + kind + "'");
        }
        final Plant plant = Plants.create(kind);
        final long innerStepNs = 1000 * section.integer("inner_step_us", DEFAULT_INNER_STEP_US, 1, MAX_INNER_STEP_US);
        plant.setTimestepS(innerStepNs / NS_PER_S);
        return new SimConfig(description, section, plant, innerStepNs, false);
    }

    /**
     * Reads another backend's section over a plant it built, stepping at the plant's own timestep and by whole loop
     * periods.
     *
     * @param description the robot description.
     * @param sectionName the backend's section.
     * @param plant       the plant, built from the section's {@code ownKeys}.
     * @param ownKeys     the fields of the section the backend reads itself.
     * @return the validated section.
     * @throws ConfigException naming the field when anything does not fit.
     */
    static SimConfig overPlant(final RobotDescription description, final String sectionName, final Plant plant,
        final String... ownKeys) {
        final ConfigNode section = description.section(sectionName).requireOnlyKeys(keys(ownKeys));
        final long innerStepNs = Math.round(plant.timestepS() * NS_PER_S);
        if (innerStepNs <= 0 || innerStepNs / NS_PER_S != plant.timestepS()) {
            throw section.invalid("needs a physics timestep of whole nanoseconds, but the timestep of '"
                + plant.kind() + "' is " + plant.timestepS() + " s");
        }
        return new SimConfig(description, section, plant, innerStepNs, true);
    }

    private static String[] keys(final String[] ownKeys) {
        final String[] keys = Arrays.copyOf(COMMON_KEYS, COMMON_KEYS.length + ownKeys.length);
        System.arraycopy(ownKeys, 0, keys, COMMON_KEYS.length, ownKeys.length);
        return keys;
    }

    private static void checkJoints(final RobotDescription description, final RobotSpec spec, final Plant plant) {
        final List<String> plantJoints = new ArrayList<>(plant.dof());
        for (int i = 0; i < plant.dof(); i++) {
            plantJoints.add(plant.jointName(i));
        }
        if (spec.jointCount() != plant.dof()) {
            throw description.error("joints", "must list the " + plant.dof() + " joints of plant '" + plant.kind()
                + "' " + plantJoints + " in that order, but lists " + spec.jointNames());
        }
        for (int i = 0; i < plant.dof(); i++) {
            final JointSpec joint = spec.joints().get(i);
            if (!joint.name().equals(plant.jointName(i))) {
                throw description.error("joints[" + i + "].name", "must be '" + plant.jointName(i) + "' (plant '"
                    + plant.kind() + "' has joints " + plantJoints + " in that order), was '" + joint.name() + "'");
            }
            if (joint.type() != plant.jointType(i)) {
                throw description.error("joints[" + i + "].type", "must be " + spelling(plant.jointType(i))
                    + " for joint '" + joint.name() + "' of plant '" + plant.kind() + "', was "
                    + spelling(joint.type()));
            }
            if (joint.isActuated() && !plant.isActuated(i)) {
                throw description.error("joints[" + i + "].passive", "must be true: plant '" + plant.kind()
                    + "' has no actuator on joint '" + joint.name() + "'");
            }
        }
    }

    private static int[] resolveChannels(final RobotDescription description, final RobotSpec spec,
        final Plant plant) {
        final List<String> available = new ArrayList<>(plant.channelCount());
        for (int c = 0; c < plant.channelCount(); c++) {
            available.add(plant.channelName(c));
        }
        final int[] indices = new int[spec.sensorCount()];
        for (int c = 0; c < indices.length; c++) {
            final String name = spec.sensorChannels().get(c);
            if (!available.contains(name)) {
                throw description.error("sensors[" + c + "]", "must name a channel of plant '" + plant.kind() + "' "
                    + available + ", was '" + name + "'");
            }
            indices[c] = plant.channelIndex(name);
        }
        return indices;
    }

    private static void setParameters(final ConfigNode parameters, final Plant plant) {
        for (final String name : parameters.keys()) {
            final int index;
            try {
                index = plant.parameterIndex(name);
            } catch (final IllegalArgumentException e) {
                throw parameters.error(name, "is not a parameter of plant '" + plant.kind() + "'; expected one of "
                    + parameterNames(plant));
            }
            final double value = parameters.number(name);
            try {
                plant.setParameter(index, value);
            } catch (final IllegalArgumentException e) {
                throw parameters.error(name, "is out of range: " + e.getMessage());
            }
        }
    }

    private static double[] initialState(final ConfigNode initial, final String key, final Plant plant) {
        initial.requireOnlyKeys("positions", "velocities");
        final double[] values = initial.has(key) ? initial.numbers(key) : current(plant, key.equals("positions"));
        if (values.length != plant.dof()) {
            throw initial.error(key, "must have one value per joint (" + plant.dof() + "), has " + values.length);
        }
        return values;
    }

    private static ResetNoise resetNoise(final ConfigNode section) {
        section.requireOnlyKeys("scale", "velocities");
        final String velocities = section.string("velocities", "uniform");
        if (!velocities.equals("uniform") && !velocities.equals("normal")) {
            throw section.error("velocities", "must be uniform (U(-scale, scale)) or normal (scale · N(0, 1)), was '"
                + velocities + "'");
        }
        return new ResetNoise(section.nonNegativeNumber("scale", 0.0), velocities.equals("normal"));
    }

    /** The plant's state as built: zero for the Java plants, the model's default pose at rest for a MuJoCo model. */
    private static double[] current(final Plant plant, final boolean positions) {
        final double[] values = new double[plant.dof()];
        for (int i = 0; i < values.length; i++) {
            values[i] = positions ? plant.q(i) : plant.qd(i);
        }
        return values;
    }

    private static ActuatorModel[] actuators(final RobotDescription description, final ConfigNode section,
        final RobotSpec spec) {
        final ActuatorModel[] result = new ActuatorModel[spec.jointCount()];
        for (final String name : section.keys()) {
            actuatedJoint(section, spec, name);
        }
        for (int i = 0; i < result.length; i++) {
            final JointSpec joint = spec.joints().get(i);
            if (!joint.isActuated()) {
                continue;
            }
            if (!section.has(joint.name())) {
                result[i] = new ActuatorModel(1.0, 1.0, joint.effortMax());
                continue;
            }
            final ConfigNode node = section.child(joint.name()).requireOnlyKeys(ACTUATOR_KEYS);
            final String wiring = node.string("wiring", "normal");
            if (!wiring.equals("normal") && !wiring.equals("reversed")) {
                throw node.error("wiring", "must be normal or reversed, was '" + wiring + "'");
            }
            final ActuatorModel actuator = new ActuatorModel(node.positiveNumber("torque_constant_nm_per_a"),
                node.positiveNumber("gear_ratio"), node.positiveNumber("max_current_a"), wiring.equals("reversed"));
            if (joint.effortMax() > actuator.maxEffort() * (1.0 + EFFORT_TOLERANCE)) {
                throw description.error("joints[" + i + "].max_effort", "must not exceed the saturation of the "
                    + "actuator in " + node.path() + ", torque_constant_nm_per_a × gear_ratio × max_current_a = "
                    + actuator.maxEffort() + ", was " + joint.effortMax());
            }
            result[i] = actuator;
        }
        return result;
    }

    private void readGains(final ConfigNode section, final RobotSpec spec) {
        for (final String name : section.keys()) {
            actuatedJoint(section, spec, name);
        }
        for (int i = 0; i < spec.jointCount(); i++) {
            final JointSpec joint = spec.joints().get(i);
            final boolean position = joint.commandModes().contains(CommandMode.POSITION);
            final boolean velocity = joint.commandModes().contains(CommandMode.VELOCITY);
            if (!position && !velocity) {
                if (section.has(joint.name())) {
                    throw section.error(joint.name(), "is not needed: joint '" + joint.name()
                        + "' accepts neither position nor velocity commands");
                }
                continue;
            }
            if (!section.has(joint.name())) {
                throw section.error(joint.name(), "is required: joint '" + joint.name() + "' accepts "
                    + (position ? "position" : "velocity") + " commands, which the sim tracks with "
                    + (position ? "kp and kd" : "kv"));
            }
            final ConfigNode gains = section.child(joint.name());
            if (position && velocity) {
                gains.requireOnlyKeys("kp", "kd", "kv");
            } else if (position) {
                gains.requireOnlyKeys("kp", "kd");
            } else {
                gains.requireOnlyKeys("kv");
            }
            if (position) {
                kp[i] = gains.positiveNumber("kp");
                kd[i] = gains.nonNegativeNumber("kd", 0.0);
            }
            if (velocity) {
                kv[i] = gains.positiveNumber("kv");
            }
        }
    }

    private SensorModel sensorModel(final ConfigNode section, final RobotSpec spec, final long seed) {
        section.requireOnlyKeys("delay_ticks", "joints", "channels");
        final int n = spec.jointCount();
        final int width = 2 * n + spec.sensorCount();
        final double[] steps = new double[width];
        final double[] noise = new double[width];
        final ConfigNode joints = section.childOrEmpty("joints");
        for (final String name : joints.keys()) {
            if (spec.jointIndex(name) < 0) {
                throw joints.error(name, "is not a joint; joints are " + spec.jointNames());
            }
        }
        for (int i = 0; i < n; i++) {
            final JointSpec joint = spec.joints().get(i);
            final ConfigNode node = joints.childOrEmpty(joint.name());
            if (joint.type() == JointType.REVOLUTE) {
                node.requireOnlyKeys(REVOLUTE_SENSOR_KEYS);
                final double counts = node.nonNegativeNumber("counts_per_revolution", 0.0);
                steps[i] = counts > 0 ? 2.0 * Math.PI / counts : 0.0;
            } else {
                node.requireOnlyKeys(PRISMATIC_SENSOR_KEYS);
                final double counts = node.nonNegativeNumber("counts_per_metre", 0.0);
                steps[i] = counts > 0 ? 1.0 / counts : 0.0;
            }
            noise[i] = node.nonNegativeNumber("position_noise_std", 0.0);
            noise[n + i] = node.nonNegativeNumber("velocity_noise_std", 0.0);
        }
        final ConfigNode channelSection = section.childOrEmpty("channels");
        for (final String name : channelSection.keys()) {
            if (spec.sensorIndex(name) < 0) {
                throw channelSection.error(name, "is not one of the description's sensors " + spec.sensorChannels());
            }
        }
        for (int c = 0; c < spec.sensorCount(); c++) {
            final ConfigNode node = channelSection.childOrEmpty(spec.sensorChannels().get(c))
                .requireOnlyKeys("resolution", "noise_std");
            steps[2 * n + c] = node.nonNegativeNumber("resolution", 0.0);
            noise[2 * n + c] = node.nonNegativeNumber("noise_std", 0.0);
        }
        final int delay = (int) section.integer("delay_ticks", 0, 0, MAX_DELAY_TICKS);
        return new SensorModel(steps, noise, delay, seed);
    }

    private static void actuatedJoint(final ConfigNode section, final RobotSpec spec, final String name) {
        final int index = spec.jointIndex(name);
        if (index < 0 || !spec.joints().get(index).isActuated()) {
            final List<String> actuated = new ArrayList<>();
            for (final JointSpec joint : spec.joints()) {
                if (joint.isActuated()) {
                    actuated.add(joint.name());
                }
            }
            throw section.error(name, (index < 0 ? "is not a joint" : "is a passive joint") + "; actuated joints are "
                + actuated);
        }
    }

    private static List<String> parameterNames(final Plant plant) {
        final List<String> names = new ArrayList<>(plant.parameterCount());
        for (int p = 0; p < plant.parameterCount(); p++) {
            names.add(plant.parameterName(p));
        }
        return names;
    }

    private static String spelling(final JointType type) {
        return type == JointType.REVOLUTE ? "revolute" : "prismatic";
    }
}
