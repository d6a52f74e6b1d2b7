package dev.sparring.trainer.env;

import dev.sparring.hal.config.ConfigException;
import dev.sparring.hal.plant.Plant;
import dev.sparring.hal.plant.PlantProvider;
import dev.sparring.hal.plant.PlantProviders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Creates the training environments by the name the command line uses, or by a MuJoCo task's Gymnasium id
 * ({@code Hopper-v4}), an alias accepted wherever a task is named. Tasks are specified in {@code docs/tasks.md}.
 * <p>
 * The MuJoCo tasks' plants come from the {@code mujoco} {@link PlantProvider} (module {@code hal-mujoco}), found at
 * run time, so the trainer compiles without the engine's classes.
 */
public final class Tasks {
    /** The tasks over the pure-Java plants of {@code dev.sparring.hal.sim.plant}, in documentation order. */
    public static final List<String> JAVA_NAMES = List.of(SwingUpEnv.NAME, BalanceEnv.CARTPOLE,
        BalanceEnv.INVERTED_PENDULUM, ReacherEnv.NAME);
    /** The tasks over MuJoCo models (the RARL paper's five), in documentation order. */
    public static final List<String> MUJOCO_NAMES = MujocoEnv.NAMES;
    /** Every task name, in documentation order. */
    public static final List<String> NAMES = Stream.concat(JAVA_NAMES.stream(), MUJOCO_NAMES.stream()).toList();
    /** Gymnasium's ids of the MuJoCo tasks, each the alias of the task it maps to (v4 only: v5 differs). */
    public static final Map<String, String> ALIASES = Map.of(
        "InvertedPendulum-v4", MujocoEnv.INVERTED_PENDULUM,
        "HalfCheetah-v4", MujocoEnv.HALF_CHEETAH,
        "Swimmer-v4", MujocoEnv.SWIMMER,
        "Hopper-v4", MujocoEnv.HOPPER,
        "Walker2d-v4", MujocoEnv.WALKER2D);
    /**
     * Gymnasium ids that are deliberately not aliases, each with why: a task of ours looks like them but is not the
     * same problem (or is v4's where they are v5). Naming one gets that reason instead of a bare "no task".
     */
    static final Map<String, String> NOT_ALIASES = Map.of(
        "CartPole-v1", "Gymnasium's CartPole-v1 pushes the cart left or right (discrete actions); cartpole_balance "
            + "is a continuous force on our robot's cart-pole",
        "Pendulum-v1", "pendulum_swingup is Pendulum-v1's task on our robot's pendulum (0.5 m, 1 kg point mass, "
            + "friction, angle from hanging), not the same dynamics",
        "Reacher-v4", "reacher is Reacher's task on our two-link arm (its lengths, masses and friction), not the same "
            + "dynamics",
        "Reacher-v5", "reacher is Reacher's task on our two-link arm (its lengths, masses and friction), not the same "
            + "dynamics");
    /** The name of the plant provider of the MuJoCo tasks. */
    static final String MUJOCO_PROVIDER = "mujoco";

    private Tasks() {
    }

    /**
     * The one resolver of task names: every command, configuration and file that names a task goes through it.
     *
     * @param nameOrAlias a task name or a Gymnasium id from {@link #ALIASES}.
     * @return the task's name in {@link #NAMES}.
     * @throws IllegalArgumentException listing the names and aliases when it is none of them, and saying why when it
     *                                  is a Gymnasium id that only looks like one of ours ({@link #NOT_ALIASES}, or
     *                                  the v5 of a v4 alias).
     */
    public static String canonicalName(final String nameOrAlias) {
        if (NAMES.contains(nameOrAlias)) {
            return nameOrAlias;
        }
        final String task = ALIASES.get(nameOrAlias);
        if (task == null) {
            final String v4 = nameOrAlias.endsWith("-v5") ? nameOrAlias.replaceFirst("-v5$", "-v4") : "";
            final String why = ALIASES.containsKey(v4) ? "; " + v4 + " is (" + ALIASES.get(v4) + "): Gymnasium's v5 "
                + "tasks are not aliases, ours are v4's (docs/tasks.md says where v5 differs)"
                : NOT_ALIASES.containsKey(nameOrAlias) ? "; " + NOT_ALIASES.get(nameOrAlias) : "";
            throw new IllegalArgumentException("no task named '" + nameOrAlias + "'" + why + "; expected one of "
                + NAMES + " or a Gymnasium id " + ALIASES.keySet().stream().sorted().toList());
        }
        return task;
    }

    /**
     * @param name            a task name from {@link #NAMES} or an alias from {@link #ALIASES}.
     * @param adversaryBoundN the bound on each of the adversary's force components (N), finite and &gt;= 0; 0 leaves
     *                        the adversary powerless.
     * @return a new environment over a new plant with the task's parameters; the caller owns it and closes it.
     * @throws IllegalArgumentException listing the task names when {@code name} is none of them, or naming the bound
     *                                  when it is out of range.
     * @throws ConfigException          when a MuJoCo task is named and the MuJoCo plants are not on the class path.
     */
    public static PlantEnv create(final String name, final double adversaryBoundN) {
        return create(name, adversaryBoundN, 1);
    }

    /**
     * Creates several environments of one task, all or none: when one cannot be created, those already made are
     * closed before the failure is thrown.
     *
     * @param name            a task name from {@link #NAMES} or an alias from {@link #ALIASES}.
     * @param adversaryBoundN the bound on each adversary force component (N), as {@link #create(String, double)}.
     * @param count           how many, &gt;= 0.
     * @return {@code count} new environments, each over its own plant; the caller owns them.
     */
    public static Env[] createAll(final String name, final double adversaryBoundN, final int count) {
        final Env[] envs = new Env[count];
        try {
            for (int e = 0; e < envs.length; e++) {
                envs[e] = create(name, adversaryBoundN);
            }
        } catch (final RuntimeException e) {
            Env.closeAll(envs);
            throw e;
        }
        return envs;
    }

    /**
     * @param name            a task name or alias.
     * @param adversaryBoundN the bound on each adversary force component (N).
     * @param refinement      the number of substeps per step, as a multiple of the task's default (tests check
     *                        integration accuracy against a finer step with it); 1 on the MuJoCo tasks, whose frame
     *                        skip is part of the task.
     * @return a new environment.
     */
    static PlantEnv create(final String name, final double adversaryBoundN, final int refinement) {
        final String task = canonicalName(name);
        if (MUJOCO_NAMES.contains(task)) {
            if (refinement != 1) {
                throw new IllegalArgumentException("task " + task + " steps MuJoCo at its model's timestep; "
                    + "refinement must be 1, was " + refinement);
            }
            final Plant plant = mujocoPlant(task, PlantProviders.find(MUJOCO_PROVIDER));
            try {
                return MujocoEnv.create(task, plant, adversaryBoundN);
            } catch (final RuntimeException e) {
                plant.close();
                throw e;
            }
        }
        return switch (task) {
            case SwingUpEnv.NAME -> SwingUpEnv.create(adversaryBoundN, refinement);
            case BalanceEnv.CARTPOLE -> BalanceEnv.cartPole(adversaryBoundN, refinement);
            case BalanceEnv.INVERTED_PENDULUM -> BalanceEnv.invertedPendulum(adversaryBoundN, refinement);
            default -> ReacherEnv.create(adversaryBoundN, refinement);
        };
    }

    /**
     * The task's own grouping of a named sweep axis: on the MuJoCo tasks {@code mass} is the torso's mass (the pole's
     * on the pendulum) and {@code friction} every foot geom's sliding coefficient (the joints' damping on the
     * pendulum), as {@code docs/tasks.md} lists them. The Java tasks group by plant ({@code ParameterAxis.mass},
     * {@code ParameterAxis.friction}).
     *
     * @param task a task name or alias.
     * @param axis an axis name ({@code mass}, {@code friction}, or a plant parameter's name).
     * @return the plant parameters the axis scales together, or empty when the task does not group that axis.
     * @throws IllegalArgumentException when the task has no parameters for that axis (the swimmer's {@code friction}).
     */
    public static Optional<List<String>> sweepGroup(final String task, final String axis) {
        final String name = canonicalName(task);
        if (!MUJOCO_NAMES.contains(name) || !(axis.equals("mass") || axis.equals("friction"))) {
            return Optional.empty();
        }
        final List<String> parameters = MujocoEnv.sweepParameters(name, axis);
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("task " + name + " has no '" + axis + "' axis: nothing in it collides "
                + "and its joints have no damping; sweep plant parameters by name instead (<body>_mass_kg, "
                + "<geom>_friction, <joint>_damping_nm_s_per_rad)");
        }
        return Optional.of(parameters);
    }

    /**
     * @param task     a MuJoCo task.
     * @param provider the {@code mujoco} plant provider, if the class path has one.
     * @return a new plant of the task's model.
     * @throws ConfigException saying what to install when there is no provider.
     */
    static Plant mujocoPlant(final String task, final Optional<PlantProvider> provider) {
        return provider.orElseThrow(() -> new ConfigException(
            "task " + task + " needs the mujoco plants (module hal-mujoco) and libmujoco2.2.2; no plant provider "
                + "named '" + MUJOCO_PROVIDER + "' is on the class path")).create(MujocoEnv.model(task));
    }

    /**
     * @return every task name followed by every alias, for help texts.
     */
    public static List<String> namesAndAliases() {
        final List<String> all = new ArrayList<>(NAMES);
        all.addAll(ALIASES.keySet().stream().sorted().toList());
        return all;
    }
}
