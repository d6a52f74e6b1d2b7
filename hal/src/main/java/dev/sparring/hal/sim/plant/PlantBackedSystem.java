package dev.sparring.hal.sim.plant;

/**
 * A robot system whose motion is a {@link Plant}'s: the plant contract through which off-board tools (design,
 * robustness sweeps) reach a simulated robot's physics without naming its backend.
 */
public interface PlantBackedSystem {
    /**
     * @return the plant: parameters, disturbance forces, true state.
     */
    Plant plant();

    /**
     * @return the plant's fixed integrator step (ns); a control period is a whole number of them.
     */
    long innerStepNs();
}
