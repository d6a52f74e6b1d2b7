package dev.sparring.hal.plant;

/**
 * A robot system whose motion is a {@link Plant}'s: how off-board tools (design, robustness sweeps) reach a simulated
 * robot's physics without naming its backend.
 */
public interface PlantBackedSystem {
    /**
     * @return the plant: parameters, disturbance forces, true state.
     */
    Plant plant();
}
