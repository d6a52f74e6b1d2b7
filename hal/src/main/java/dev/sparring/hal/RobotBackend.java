package dev.sparring.hal;

import dev.sparring.hal.config.RobotDescription;

import java.util.List;

/**
 * A plugin that builds {@link RobotSystem}s of one kind ({@code sim}, {@code mock}, {@code mujoco}, {@code pi4j},
 * {@code bridge}). Registered in {@code META-INF/services/dev.sparring.hal.RobotBackend} and found by
 * {@link RobotBackends#find(String)}, so the controller never names a backend class.
 */
public interface RobotBackend {

    /**
     * @return the name a description's {@code backend} field uses.
     */
    String name();

    /**
     * @return whether systems of this backend are simulated.
     */
    boolean isSimulated();

    /**
     * Builds an UNCONFIGURED system from a validated description; checks the backend's own section.
     *
     * @param description the robot description.
     * @return the new system.
     * @throws dev.sparring.hal.config.ConfigException when the backend section or joints do not fit this backend.
     */
    RobotSystem create(RobotDescription description);

    /**
     * Looks for the hardware a description expects without driving any output, so it is safe on a wired robot:
     * which devices answer on the buses and which pins can be opened. Backends with no hardware to look at keep this
     * default, which says so.
     *
     * @param description the robot description, with this backend's name.
     * @return the report.
     * @throws dev.sparring.hal.config.ConfigException when the backend section is invalid.
     */
    default ProbeReport probe(final RobotDescription description) {
        return new ProbeReport(List.of("backend '" + name() + "'" + (isSimulated() ? " (simulated)" : "")
            + " has nothing to probe"), List.of());
    }
}
