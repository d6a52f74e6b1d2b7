package dev.sparring.trainer.eval;

import dev.sparring.hal.plant.Plant;
import dev.sparring.trainer.env.Tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One axis of a robustness sweep: the plant parameters it changes together and the points along it, either
 * multipliers of the parameters' nominal values (the values the plant has when the sweep starts) or absolute values.
 * Names are resolved to indices once per plant ({@link #resolve}), with errors that list the plant's parameters.
 * <p>
 * Named groups, resolved per plant:
 * <ul>
 *   <li>{@link #mass}: {@code pole_mass_kg} on the cart-pole plants ({@code cartpole}, {@code inverted_pendulum}),
 *       the body RARL's adversary pushes; the cart's mass is left alone, since the actuator drives the cart
 *       directly and a heavier cart only asks for proportionally more force. On other plants every parameter named
 *       {@code mass_kg} or {@code *_mass_kg} (the pendulum's bob, both links of the arm).</li>
 *   <li>{@link #friction}: every joint friction coefficient (viscous {@code <joint>_viscous_*}, Coulomb
 *       {@code <joint>_coulomb_n}/{@code _nm}; not the smoothing speed) whose nominal value is not 0: on
 *       {@code inverted_pendulum} the slider's and the hinge's viscous damping, both 1. A multiple of 0 is 0, so
 *       coefficients that are 0 are left out, and on a plant where all are 0 ({@code cartpole}, {@code pendulum},
 *       {@code two_link_arm}) resolution fails and asks for an {@link #absolute} axis on one coefficient instead.</li>
 * </ul>
 */
public final class ParameterAxis {
    private static final String[] FRICTION_SUFFIXES = {
        "_viscous_n_s_per_m", "_viscous_nm_s_per_rad", "_coulomb_n", "_coulomb_nm"};

    private final String label;
    private final boolean absolute;
    private final double[] points;
    private final Function<Plant, List<String>> selector;

    private ParameterAxis(final String label, final boolean absolute, final double[] points,
        final Function<Plant, List<String>> selector) {
        if (points.length == 0) {
            throw new IllegalArgumentException("axis '" + label + "' needs at least one point");
        }
        for (final double point : points) {
            if (!Double.isFinite(point)) {
                throw new IllegalArgumentException("axis '" + label + "' points must be finite, were "
                    + Arrays.toString(points));
            }
        }
        this.label = label;
        this.absolute = absolute;
        this.points = points.clone();
        this.selector = selector;
    }

    /**
     * @param parameterName a plant parameter, e.g. {@code pole_mass_kg}.
     * @param multipliers   multiples of its nominal value, e.g. {@link #range range(0.5, 1.5, 11)}.
     * @return an axis labelled with the parameter's name.
     */
    public static ParameterAxis scaled(final String parameterName, final double... multipliers) {
        return scaled(parameterName, List.of(parameterName), multipliers);
    }

    /**
     * @param label          the axis's name in CSV files and plots.
     * @param parameterNames plant parameters scaled together by the same multiplier.
     * @param multipliers    multiples of each parameter's nominal value.
     * @return the axis.
     */
    public static ParameterAxis scaled(final String label, final List<String> parameterNames,
        final double... multipliers) {
        final List<String> names = List.copyOf(parameterNames);
        return new ParameterAxis(label, false, multipliers, plant -> names);
    }

    /**
     * @param parameterName a plant parameter; its unit is in its name.
     * @param values        the values it takes, in that unit.
     * @return an axis of absolute values labelled with the parameter's name.
     */
    public static ParameterAxis absolute(final String parameterName, final double... values) {
        final List<String> names = List.of(parameterName);
        return new ParameterAxis(parameterName, true, values, plant -> names);
    }

    /**
     * @param multipliers multiples of the nominal mass.
     * @return the {@code mass} group (see the class comment).
     */
    public static ParameterAxis mass(final double... multipliers) {
        return new ParameterAxis("mass", false, multipliers, ParameterAxis::massParameters);
    }

    /**
     * @param multipliers multiples of the nominal friction coefficients.
     * @return the {@code friction} group (see the class comment).
     */
    public static ParameterAxis friction(final double... multipliers) {
        return new ParameterAxis("friction", false, multipliers, ParameterAxis::frictionParameters);
    }

    /**
     * An axis named on the command line, for a task: {@code mass} and {@code friction} are the task's own group where
     * it has one ({@link Tasks#sweepGroup}), else {@link #mass} and {@link #friction}; any other name is the one plant
     * parameter of that name, {@link #scaled}.
     *
     * @param task        a task name or alias.
     * @param name        {@code mass}, {@code friction}, or a plant parameter's name.
     * @param multipliers multiples of the nominal values.
     * @return the axis.
     * @throws IllegalArgumentException naming the task when it has nothing to sweep on that axis.
     */
    public static ParameterAxis named(final String task, final String name, final double... multipliers) {
        final Optional<List<String>> group = Tasks.sweepGroup(task, name);
        if (group.isPresent()) {
            return scaled(name, group.get(), multipliers);
        }
        return switch (name) {
            case "mass" -> mass(multipliers);
            case "friction" -> friction(multipliers);
            default -> scaled(name, multipliers);
        };
    }

    /**
     * @param from  the first point.
     * @param to    the last point, exactly.
     * @param count the number of evenly spaced points, &gt;= 2.
     * @return {@code from + (to − from)·i/(count − 1)} for {@code i = 0 … count − 1}.
     */
    public static double[] range(final double from, final double to, final int count) {
        if (count < 2) {
            throw new IllegalArgumentException("a range needs count >= 2 points, was " + count);
        }
        if (!(from < to) || Double.isInfinite(from) || Double.isInfinite(to)) {
            throw new IllegalArgumentException("a range goes from a finite number to a larger one, was " + from
                + " to " + to);
        }
        final double[] values = new double[count];
        for (int i = 0; i < count - 1; i++) {
            values[i] = from + (to - from) * i / (count - 1);
        }
        values[count - 1] = to;
        return values;
    }

    /**
     * @return the axis's name in CSV files and plots.
     */
    public String label() {
        return label;
    }

    /**
     * @return whether the points are absolute values rather than multipliers of the nominal values.
     */
    public boolean absolute() {
        return absolute;
    }

    /**
     * @return the number of points.
     */
    public int size() {
        return points.length;
    }

    /**
     * @param index a point index.
     * @return the point: a multiplier, or an absolute value.
     */
    public double point(final int index) {
        return points[index];
    }

    /**
     * @return the points (a copy).
     */
    public double[] points() {
        return points.clone();
    }

    /**
     * Resolves the axis on a plant: its parameter indices and their nominal (current) values; checks that every
     * point gives a value the plant accepts.
     *
     * @param plant the plant to sweep.
     * @return the resolved axis.
     * @throws IllegalArgumentException naming the axis when a parameter is unknown (listing the plant's
     *                                  parameters), when a scaled parameter's nominal value is 0, or when a point
     *                                  gives a value out of the parameter's range.
     */
    public Resolved resolve(final Plant plant) {
        final List<String> names;
        try {
            names = selector.apply(plant);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("axis '" + label + "': " + e.getMessage(), e);
        }
        final int[] indices = new int[names.size()];
        final double[] nominal = new double[names.size()];
        for (int k = 0; k < indices.length; k++) {
            try {
                indices[k] = plant.parameterIndex(names.get(k));
            } catch (final IllegalArgumentException e) {
                throw new IllegalArgumentException("axis '" + label + "': " + e.getMessage(), e);
            }
            nominal[k] = plant.parameter(indices[k]);
            if (!absolute && nominal[k] == 0.0) {
                throw new IllegalArgumentException("axis '" + label + "' scales parameter '" + names.get(k)
                    + "' of plant " + plant.kind() + ", whose nominal value is 0, so a multiplier changes nothing; "
                    + "sweep it in absolute values with ParameterAxis.absolute(\"" + names.get(k) + "\", values)");
            }
        }
        final Resolved resolved = new Resolved(this, names, indices, nominal);
        for (int i = 0; i < points.length; i++) {
            for (int k = 0; k < indices.length; k++) {
                try {
                    plant.setParameter(indices[k], resolved.value(k, i));
                } catch (final IllegalArgumentException e) {
                    throw new IllegalArgumentException("axis '" + label + "' point " + points[i] + ": "
                        + e.getMessage(), e);
                } finally {
                    plant.setParameter(indices[k], nominal[k]);
                }
            }
        }
        return resolved;
    }

    private static List<String> massParameters(final Plant plant) {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < plant.parameterCount(); i++) {
            final String name = plant.parameterName(i);
            if (name.equals("pole_mass_kg")) {
                return List.of(name);
            }
            if (name.equals("mass_kg") || name.endsWith("_mass_kg")) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("plant " + plant.kind() + " has no mass parameter (mass_kg or "
                + "*_mass_kg) among " + parameterNames(plant) + "; use ParameterAxis.scaled(name, multipliers)");
        }
        return List.copyOf(names);
    }

    private static List<String> frictionParameters(final Plant plant) {
        final List<String> coefficients = new ArrayList<>();
        final List<String> nonZero = new ArrayList<>();
        for (int i = 0; i < plant.parameterCount(); i++) {
            final String name = plant.parameterName(i);
            for (final String suffix : FRICTION_SUFFIXES) {
                if (name.endsWith(suffix)) {
                    coefficients.add(name);
                    if (plant.parameter(i) != 0.0) {
                        nonZero.add(name);
                    }
                }
            }
        }
        if (nonZero.isEmpty()) {
            throw new IllegalArgumentException("plant " + plant.kind() + " has no friction coefficient with a "
                + "nonzero nominal value (all of " + coefficients + " are 0), so a multiplier changes nothing; "
                + "sweep one in absolute values with ParameterAxis.absolute(name, values)");
        }
        return List.copyOf(nonZero);
    }

    private static List<String> parameterNames(final Plant plant) {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < plant.parameterCount(); i++) {
            names.add(plant.parameterName(i));
        }
        return names;
    }

    /**
     * An axis resolved on one plant: parameter indices and nominal values, ready to set a point.
     */
    public static final class Resolved {
        private final ParameterAxis axis;
        private final List<String> parameterNames;
        private final int[] indices;
        private final double[] nominal;

        private Resolved(final ParameterAxis axis, final List<String> parameterNames, final int[] indices,
            final double[] nominal) {
            this.axis = axis;
            this.parameterNames = List.copyOf(parameterNames);
            this.indices = indices;
            this.nominal = nominal;
        }

        /**
         * @return the axis.
         */
        public ParameterAxis axis() {
            return axis;
        }

        /**
         * @return the plant parameters the axis sets.
         */
        public List<String> parameterNames() {
            return parameterNames;
        }

        /**
         * @param parameter a parameter of this axis, by its position in {@link #parameterNames()}.
         * @return its nominal value.
         */
        public double nominal(final int parameter) {
            return nominal[parameter];
        }

        /**
         * @param parameter a parameter of this axis, by its position in {@link #parameterNames()}.
         * @param point     a point index.
         * @return the parameter's value at that point: {@code nominal × multiplier}, or the absolute value.
         */
        public double value(final int parameter, final int point) {
            return axis.absolute ? axis.points[point] : nominal[parameter] * axis.points[point];
        }

        /**
         * Sets every parameter of the axis to its value at a point.
         *
         * @param plant the plant this axis was resolved on.
         * @param point a point index.
         */
        public void apply(final Plant plant, final int point) {
            for (int k = 0; k < indices.length; k++) {
                plant.setParameter(indices[k], value(k, point));
            }
        }
    }
}
