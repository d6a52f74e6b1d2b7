package dev.sparring.hal.sim.plant;

/**
 * A plant's physical parameters: names (with units), values and ranges, addressed by index; values are checked when
 * set (masses and lengths &gt; 0, gravity and friction coefficients &gt;= 0).
 */
final class ParameterTable {
    private final String kind;
    private final String[] names;
    private final boolean[] zeroAllowed;
    private final double[] values;

    /**
     * @param kind       the plant's name, for messages.
     * @param parameters the declarations, in index order; each starts at its default value.
     */
    ParameterTable(final String kind, final PlantParameter[] parameters) {
        this.kind = kind;
        this.names = new String[parameters.length];
        this.zeroAllowed = new boolean[parameters.length];
        this.values = new double[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            names[i] = parameters[i].name();
            zeroAllowed[i] = parameters[i].zeroAllowed();
            set(i, parameters[i].defaultValue());
        }
    }

    /**
     * @return the number of parameters.
     */
    int count() {
        return values.length;
    }

    /**
     * @param index parameter index.
     * @return its name.
     */
    String name(final int index) {
        return names[index];
    }

    /**
     * @param name a parameter name.
     * @return its index.
     * @throws IllegalArgumentException listing the parameters when there is none of that name.
     */
    int index(final String name) {
        return Names.indexOf(kind, names, name, "parameter");
    }

    /**
     * @param index parameter index.
     * @return its value.
     */
    double value(final int index) {
        return values[index];
    }

    /**
     * @param index parameter index.
     * @param value the new value.
     * @throws IllegalArgumentException naming the parameter when the value is not finite or out of range.
     */
    void set(final int index, final double value) {
        final boolean zero = zeroAllowed[index];
        if (!Double.isFinite(value) || (zero ? value < 0 : value <= 0)) {
            throw new IllegalArgumentException("plant " + kind + " parameter '" + names[index] + "' must be "
                + (zero ? "finite and >= 0" : "finite and > 0") + ", was " + value);
        }
        values[index] = value;
    }
}
