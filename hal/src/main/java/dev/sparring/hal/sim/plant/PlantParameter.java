package dev.sparring.hal.sim.plant;

/**
 * Declaration of one physical parameter of a plant: its name (with its unit), default value and range.
 *
 * @param name         parameter name, e.g. {@code pole_mass_kg}.
 * @param defaultValue value a new plant starts with.
 * @param zeroAllowed  whether 0 is accepted (gravity, friction) or the value must be strictly positive (mass, length).
 */
record PlantParameter(String name, double defaultValue, boolean zeroAllowed) {

    /**
     * @param name         parameter name.
     * @param defaultValue its default.
     * @return a parameter that must be &gt; 0.
     */
    static PlantParameter positive(final String name, final double defaultValue) {
        return new PlantParameter(name, defaultValue, false);
    }

    /**
     * @param name         parameter name.
     * @param defaultValue its default.
     * @return a parameter that must be &gt;= 0.
     */
    static PlantParameter nonNegative(final String name, final double defaultValue) {
        return new PlantParameter(name, defaultValue, true);
    }
}
