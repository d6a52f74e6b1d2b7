package dev.sparring.hal.pi4j;

import dev.sparring.hal.AbstractRobotBackend;
import dev.sparring.hal.ProbeReport;
import dev.sparring.hal.config.RobotDescription;

/**
 * The {@code pi4j} backend: real joints on a Raspberry Pi-class board ({@link Pi4jRobotSystem}, section
 * {@link Pi4jConfig}). Found through {@link java.util.ServiceLoader} when this module is on the class path.
 */
public final class Pi4jBackend extends AbstractRobotBackend {
    /** The backend's name, and the name of its section in a description. */
    public static final String NAME = Pi4jConfig.SECTION;

    private final ContextSource contextSource;
    private final Sleeper sleeper;

    /** Creates the backend with Pi4J's auto context; called by {@link java.util.ServiceLoader}. */
    public Pi4jBackend() {
        this(ContextSource.AUTO);
    }

    /**
     * @param contextSource where systems get their Pi4J context (tests: fake providers).
     */
    public Pi4jBackend(final ContextSource contextSource) {
        this(contextSource, Sleeper.THREAD);
    }

    /**
     * @param contextSource where systems get their Pi4J context (tests: fake providers).
     * @param sleeper       how systems wait out a chip's mode switch during configure (tests: recorded, no sleep).
     */
    public Pi4jBackend(final ContextSource contextSource, final Sleeper sleeper) {
        super(NAME, false);
        this.contextSource = contextSource;
        this.sleeper = sleeper;
    }

    @Override
    public Pi4jRobotSystem create(final RobotDescription description) {
        return new Pi4jRobotSystem(description.spec(), Pi4jConfig.from(description), contextSource, sleeper);
    }

    /** Reads the PCA9685, the inputs and the bus through {@link Pi4jProbe}; writes nothing. */
    @Override
    public ProbeReport probe(final RobotDescription description) {
        return Pi4jProbe.probe(description.spec(), Pi4jConfig.from(description), contextSource);
    }
}
