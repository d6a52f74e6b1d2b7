package dev.sparring.hal.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;

/**
 * Where a {@link Pi4jRobotSystem} gets its Pi4J {@link Context} when it is configured: on a board, Pi4J's auto
 * context (the linuxfs I2C and gpiod GPIO providers found on the class path); in tests, a context built from fake
 * providers, so no test needs hardware.
 */
@FunctionalInterface
public interface ContextSource {

    /** Pi4J's auto context with its own shutdown hook off: the robot system applies its safe state first. */
    ContextSource AUTO = () -> Pi4J.newContextBuilder().autoDetect().disableShutdownHook().build();

    /**
     * Opens a context; called off the control thread, once per configure.
     *
     * @return the context, whose I2C and digital-input providers the system uses.
     * @throws RuntimeException (Pi4J's) when no provider can be loaded, e.g. off a Raspberry Pi.
     */
    Context open();
}
